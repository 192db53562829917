import { randomBytes } from 'node:crypto';

/** Who a session belongs to: an operator (token or Twitch) or a streamer on the invite screen. */
export interface SessionUser {
  login: string;
  via: 'token' | 'twitch';
}

export interface Streamer {
  login: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface Session {
  id: string;
  csrfToken: string;
  /** The signed-in operator; null for a visitor (OAuth state pending, or an invite session). */
  user: SessionUser | null;
  /** The invite screen's signed-in streamer. */
  streamer: Streamer | null;
  /** OAuth `state` values this session may come back with, by purpose. */
  oauthState: { purpose: 'operator' | 'invite'; state: string } | null;
  expiresAt: number;
}

/**
 * Sessions in memory, each with its own CSRF token, ending `ttlMs` after their last use. A
 * restart signs everyone out, which is acceptable for an operator dashboard and keeps secrets off
 * disk. Expired sessions are dropped when touched and by a sweep every `ttlMs / 4` (at most a
 * minute apart), so memory stays bounded by recent use.
 */
export class SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #ttlMs: number;
  readonly #now: () => number;
  readonly #timer: ReturnType<typeof setInterval>;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.#ttlMs = ttlMs;
    this.#now = now;
    this.#timer = setInterval(() => this.sweep(), Math.min(60_000, Math.max(1_000, ttlMs / 4)));
    this.#timer.unref?.();
  }

  get size(): number {
    return this.#sessions.size;
  }

  create(): Session {
    const session: Session = {
      id: token(),
      csrfToken: token(),
      user: null,
      streamer: null,
      oauthState: null,
      expiresAt: this.#now() + this.#ttlMs,
    };
    this.#sessions.set(session.id, session);
    return session;
  }

  /** The live session with this id (its expiry pushed back), or null. */
  get(id: string | undefined): Session | null {
    if (id === undefined) return null;
    const session = this.#sessions.get(id);
    if (session === undefined) return null;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return null;
    }
    session.expiresAt = this.#now() + this.#ttlMs;
    return session;
  }

  /** A new id and CSRF token for a session that just gained rights (no session fixation). */
  rotate(session: Session): Session {
    this.#sessions.delete(session.id);
    const fresh: Session = {
      ...session,
      id: token(),
      csrfToken: token(),
      expiresAt: this.#now() + this.#ttlMs,
    };
    this.#sessions.set(fresh.id, fresh);
    return fresh;
  }

  destroy(id: string): void {
    this.#sessions.delete(id);
  }

  sweep(): void {
    const now = this.#now();
    for (const [id, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(id);
  }

  close(): void {
    clearInterval(this.#timer);
    this.#sessions.clear();
  }
}

/** 256 random bits, URL-safe. */
export function token(): string {
  return randomBytes(32).toString('base64url');
}
