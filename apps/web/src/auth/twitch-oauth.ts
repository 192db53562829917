import { z } from 'zod';
import type { Streamer } from './sessions.js';

export interface TwitchOAuthConfig {
  authorizeUrl: string;
  tokenUrl: string;
  helixUrl: string;
  clientId: string;
  clientSecret: string;
}

const tokenSchema = z.object({ access_token: z.string().min(1) });
const usersSchema = z.object({
  data: z.array(
    z.object({
      login: z.string(),
      display_name: z.string(),
      profile_image_url: z.string().optional(),
    }),
  ),
});

/** Twitch answered something unexpected (or not at all): the sign-in cannot go on. */
export class TwitchAuthError extends Error {
  override readonly name = 'TwitchAuthError';
}

const TIMEOUT_MS = 10_000;

/**
 * The authorization-code flow against Twitch (or twitch-sim's fakes): the URL to send the
 * browser to, the code exchange, and Helix Get Users. Identity only: no scope is requested,
 * since reading one's own login needs none.
 */
export class TwitchOAuth {
  constructor(private readonly c: TwitchOAuthConfig) {}

  authorizeLocation(state: string, redirectUri: string): string {
    const url = new URL(this.c.authorizeUrl);
    url.searchParams.set('client_id', this.c.clientId);
    url.searchParams.set('redirect_uri', redirectUri);
    url.searchParams.set('response_type', 'code');
    url.searchParams.set('scope', '');
    url.searchParams.set('state', state);
    return url.toString();
  }

  /** Exchanges the code for a user access token. */
  async exchange(code: string, redirectUri: string): Promise<string> {
    const body = new URLSearchParams({
      client_id: this.c.clientId,
      client_secret: this.c.clientSecret,
      code,
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
    });
    return this.#token(body);
  }

  /** An app access token (client credentials), for reading public profiles such as the bot's. */
  appToken(): Promise<string> {
    return this.#token(
      new URLSearchParams({
        client_id: this.c.clientId,
        client_secret: this.c.clientSecret,
        grant_type: 'client_credentials',
      }),
    );
  }

  /** The token's own user, or the user `login` when given. */
  async user(accessToken: string, login?: string): Promise<Streamer> {
    const url = new URL(`${this.c.helixUrl.replace(/\/$/, '')}/users`);
    if (login !== undefined) url.searchParams.set('login', login);
    const res = await this.#fetch(url, {
      headers: { authorization: `Bearer ${accessToken}`, 'client-id': this.c.clientId },
    });
    const parsed = usersSchema.safeParse(await res.json().catch(() => null));
    const user = parsed.success ? parsed.data.data[0] : undefined;
    if (!res.ok || user === undefined) throw new TwitchAuthError(`Helix users answered ${res.status}`);
    return { login: user.login, displayName: user.display_name, avatarUrl: user.profile_image_url || null };
  }

  async #token(body: URLSearchParams): Promise<string> {
    const res = await this.#fetch(new URL(this.c.tokenUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    const parsed = tokenSchema.safeParse(await res.json().catch(() => null));
    if (!res.ok || !parsed.success) throw new TwitchAuthError(`the token endpoint answered ${res.status}`);
    return parsed.data.access_token;
  }

  async #fetch(url: URL, init: RequestInit): Promise<Response> {
    try {
      return await fetch(url, { ...init, signal: AbortSignal.timeout(TIMEOUT_MS) });
    } catch (err) {
      throw new TwitchAuthError(
        `${url.origin} unreachable: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}
