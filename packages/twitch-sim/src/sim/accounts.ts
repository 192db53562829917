import { randomBytes } from 'node:crypto';

/**
 * Rate-limit profile of an account, as Twitch grants it: `normal` for every account, `verified`
 * for the (rarely granted) verified bots, `unlimited` for load tests.
 */
export type LimitProfileName = 'normal' | 'verified' | 'unlimited';

/** A Twitch user account known to the sim: it can log in over IRC and through the OAuth fakes. */
export interface SimAccount {
  /** Lowercase login, also the IRC nick. */
  login: string;
  /** Numeric user id as a string, like Helix returns it. */
  userId: string;
  displayName: string;
  profile: LimitProfileName;
  /** Chat name colour (`#RRGGBB`) or '' for none. */
  color: string;
  /** Avatar URL returned by `/helix/users`. */
  profileImageUrl: string;
}

/** Input to {@link AccountTable.add}; only `login` is required. */
export interface AccountInput {
  login: string;
  userId?: string;
  displayName?: string;
  profile?: LimitProfileName;
  color?: string;
  profileImageUrl?: string;
  /** OAuth access tokens (without `oauth:`) that log in as this account. */
  tokens?: string[];
}

const LOGIN_RE = /^[a-z0-9_]{1,25}$/;

/**
 * The token → user table shared by the IRC server (`PASS oauth:<token>`) and the OAuth/Helix
 * fakes (`/oauth2/token` issues tokens that then work on IRC). One instance per sim.
 */
export class AccountTable {
  readonly #byLogin = new Map<string, SimAccount>();
  readonly #byToken = new Map<string, SimAccount>();
  #nextUserId = 100_000_000;

  /** Adds (or replaces the fields of) an account and registers its tokens. */
  add(input: AccountInput): SimAccount {
    const login = input.login.toLowerCase();
    if (!LOGIN_RE.test(login)) throw new TypeError(`invalid account login "${input.login}"`);
    const prev = this.#byLogin.get(login);
    const account: SimAccount = {
      login,
      userId: input.userId ?? prev?.userId ?? String(this.#nextUserId++),
      displayName: input.displayName ?? prev?.displayName ?? login,
      profile: input.profile ?? prev?.profile ?? 'normal',
      color: input.color ?? prev?.color ?? '',
      profileImageUrl:
        input.profileImageUrl ??
        prev?.profileImageUrl ??
        `https://static-cdn.jtvnw.net/jtv_user_pictures/${login}-profile_image-300x300.png`,
    };
    if (prev) Object.assign(prev, account);
    const stored = prev ?? account;
    this.#byLogin.set(login, stored);
    for (const token of input.tokens ?? []) this.#byToken.set(stripOauth(token), stored);
    return stored;
  }

  /** Issues a new random token for an existing account (what `/oauth2/token` hands out). */
  issueToken(login: string): string {
    const account = this.#byLogin.get(login.toLowerCase());
    if (!account) throw new Error(`no account "${login}"`);
    const token = randomBytes(15).toString('hex');
    this.#byToken.set(token, account);
    return token;
  }

  /** Makes a token invalid from now on (logins in progress with it fail). */
  revokeToken(token: string): boolean {
    return this.#byToken.delete(stripOauth(token));
  }

  byToken(token: string): SimAccount | undefined {
    return this.#byToken.get(stripOauth(token));
  }

  byLogin(login: string): SimAccount | undefined {
    return this.#byLogin.get(login.toLowerCase());
  }

  byUserId(userId: string): SimAccount | undefined {
    for (const a of this.#byLogin.values()) if (a.userId === userId) return a;
    return undefined;
  }

  all(): SimAccount[] {
    return [...this.#byLogin.values()];
  }
}

function stripOauth(token: string): string {
  return token.startsWith('oauth:') ? token.slice(6) : token;
}
