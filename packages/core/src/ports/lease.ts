/**
 * Leader election by lease: at most one holder at a time, renewed before it expires, with a
 * fencing token that grows with every new holder so that a paused ex-leader's late writes can be
 * recognised and refused.
 *
 * A lease granted or renewed at T with `ttlMs` is held while now < T + ttlMs (`expiresAt`); at
 * `expiresAt` exactly it is free. Every adapter passes `leaseContract` from
 * `@tmi-cluster/core/testing`.
 */
export interface Lease {
  /**
   * Takes the lease if it is free, released or expired (a new token, greater than every token
   * this lease ever had — also when the previous holder takes it again), or renews it if `holder`
   * holds it now (same token). Returns null while someone else holds it. Atomic: of concurrent
   * callers at most one gets it.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | null>;
  /**
   * Extends the lease to `ttlMs` from now; false if it was lost: expired (even if nobody took it
   * since — the holder must acquire again and gets a new token), released, or held under another
   * holder or token. A false renew must make the caller stop acting as holder.
   */
  renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean>;
  /**
   * Gives the lease up early so another holder need not wait for expiry. False (and nothing
   * changes) unless `holder` holds it now with `token`.
   */
  release(name: string, holder: string, token: number): Promise<boolean>;
  /** The current holder, or null when free, released or expired. */
  current(name: string): Promise<LeaseGrant | null>;
}

export interface LeaseGrant {
  holder: string;
  /** Fencing token: strictly greater for every new holder of this lease (first token ≥ 1). */
  token: number;
  /** Epoch ms at which the lease is free again unless renewed. */
  expiresAt: number;
}
