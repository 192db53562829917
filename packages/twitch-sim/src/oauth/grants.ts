import { randomBytes } from 'node:crypto';
import type { AccountTable } from '../sim/accounts.js';

/** An authorization code handed out by `/oauth2/authorize`, waiting to be exchanged. */
export interface CodeGrant {
  code: string;
  clientId: string;
  redirectUri: string;
  login: string;
  scopes: string[];
  expiresAt: number;
}

/** What an access token stands for. `login` is null for app (client-credentials) tokens. */
export interface AccessGrant {
  token: string;
  clientId: string;
  login: string | null;
  scopes: string[];
  /** Epoch ms; `Infinity` for tokens that never expire (seeded IRC tokens). */
  expiresAt: number;
  /** The refresh token issued with this access token, if any. */
  refreshToken: string | null;
}

interface RefreshGrant {
  clientId: string;
  login: string;
  scopes: string[];
  accessToken: string;
}

/** Lifetimes (seconds) and the clock the store uses. */
export interface GrantStoreOptions {
  clock: () => number;
  userTokenTtlSeconds: number;
  appTokenTtlSeconds: number;
  codeTtlSeconds: number;
  /**
   * The client a token is attributed to when it was not issued here but seeded straight into the
   * {@link AccountTable} (e.g. `AccountInput.tokens` for IRC logins).
   */
  seededTokenClientId: string;
}

/** A freshly issued user token pair. */
export interface IssuedUserToken {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

/**
 * The OAuth fakes' state: codes, access tokens and refresh tokens. User access tokens are issued
 * through {@link AccountTable.issueToken}, so they log in over IRC, and are revoked there when they
 * expire or are revoked here.
 */
export class GrantStore {
  readonly #codes = new Map<string, CodeGrant>();
  readonly #access = new Map<string, AccessGrant>();
  readonly #refresh = new Map<string, RefreshGrant>();

  constructor(
    private readonly accounts: AccountTable,
    private readonly options: GrantStoreOptions,
  ) {}

  /** Current time (epoch ms) from the configured clock. */
  now(): number {
    return this.options.clock();
  }

  /** Records a new single-use authorization code. */
  issueCode(grant: Omit<CodeGrant, 'code' | 'expiresAt'>): string {
    const code = randomToken(15);
    this.#codes.set(code, { ...grant, code, expiresAt: this.now() + this.options.codeTtlSeconds * 1000 });
    return code;
  }

  /** A live code, without using it up. */
  peekCode(code: string): CodeGrant | undefined {
    const grant = this.#codes.get(code);
    if (grant && grant.expiresAt <= this.now()) {
      this.#codes.delete(code);
      return undefined;
    }
    return grant;
  }

  /** Uses a code up. */
  consumeCode(code: string): void {
    this.#codes.delete(code);
  }

  /** Issues an IRC-valid access token plus a refresh token for `login`. */
  issueUserToken(clientId: string, login: string, scopes: string[]): IssuedUserToken {
    const accessToken = this.accounts.issueToken(login);
    const refreshToken = randomToken(25);
    const ttl = this.options.userTokenTtlSeconds;
    this.#access.set(accessToken, {
      token: accessToken,
      clientId,
      login,
      scopes,
      expiresAt: this.now() + ttl * 1000,
      refreshToken,
    });
    this.#refresh.set(refreshToken, { clientId, login, scopes, accessToken });
    return { accessToken, refreshToken, expiresIn: ttl, scopes };
  }

  /** Issues an app access token (no user, no scopes, no refresh token). */
  issueAppToken(clientId: string): { accessToken: string; expiresIn: number } {
    const accessToken = randomToken(15);
    const ttl = this.options.appTokenTtlSeconds;
    this.#access.set(accessToken, {
      token: accessToken,
      clientId,
      login: null,
      scopes: [],
      expiresAt: this.now() + ttl * 1000,
      refreshToken: null,
    });
    return { accessToken, expiresIn: ttl };
  }

  /**
   * Trades a refresh token for a new pair; the old refresh token stops working. The old access
   * token stays valid until it expires. `undefined` when the token is unknown or not `clientId`'s.
   */
  refresh(refreshToken: string, clientId: string): IssuedUserToken | undefined {
    const grant = this.#refresh.get(refreshToken);
    if (!grant || grant.clientId !== clientId || !this.accounts.byLogin(grant.login)) return undefined;
    this.#refresh.delete(refreshToken);
    const old = this.#access.get(grant.accessToken);
    if (old) old.refreshToken = null;
    return this.issueUserToken(clientId, grant.login, grant.scopes);
  }

  /** The grant behind a live access token (expired or revoked tokens give `undefined`). */
  lookup(token: string): AccessGrant | undefined {
    const grant = this.#access.get(token);
    if (!grant) {
      const account = this.accounts.byToken(token);
      if (!account || token.startsWith('oauth:')) return undefined;
      return {
        token,
        clientId: this.options.seededTokenClientId,
        login: account.login,
        scopes: [],
        expiresAt: Number.POSITIVE_INFINITY,
        refreshToken: null,
      };
    }
    if (grant.expiresAt <= this.now()) {
      this.#drop(grant, false);
      return undefined;
    }
    if (grant.login !== null && this.accounts.byToken(token)?.login !== grant.login) {
      // Revoked behind our back (e.g. through the IRC sim's controls).
      this.#drop(grant, false);
      return undefined;
    }
    return grant;
  }

  /** Seconds until `grant` expires (0 for tokens that never expire, as Twitch reports them). */
  expiresIn(grant: AccessGrant): number {
    if (grant.expiresAt === Number.POSITIVE_INFINITY) return 0;
    return Math.max(0, Math.ceil((grant.expiresAt - this.now()) / 1000));
  }

  /**
   * Revokes an access token of `clientId` (and the refresh token issued with it). Returns false when
   * the token is not a live token of that client.
   */
  revoke(token: string, clientId: string): boolean {
    const grant = this.lookup(token);
    if (!grant || grant.clientId !== clientId) return false;
    this.#drop(grant, true);
    return true;
  }

  /**
   * Forgets expired codes and access tokens; expired user tokens stop working on IRC too. Their
   * refresh tokens stay usable, as on Twitch.
   */
  sweep(): void {
    const now = this.now();
    for (const [code, grant] of this.#codes) if (grant.expiresAt <= now) this.#codes.delete(code);
    for (const grant of [...this.#access.values()]) if (grant.expiresAt <= now) this.#drop(grant, false);
  }

  /** Ends an access token everywhere; `withRefresh` also ends the refresh token issued with it. */
  #drop(grant: AccessGrant, withRefresh: boolean): void {
    this.#access.delete(grant.token);
    if (withRefresh && grant.refreshToken) this.#refresh.delete(grant.refreshToken);
    if (grant.login !== null) this.accounts.revokeToken(grant.token);
  }
}

function randomToken(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}
