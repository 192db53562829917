/**
 * Leader election by lease: at most one holder at a time, renewed before it expires, with a
 * fencing token that grows with every new holder so that a paused ex-leader's late writes can be
 * recognised and refused.
 */
export interface Lease {
  /**
   * Takes the lease if it is free or expired (a new, higher token), or renews it if `holder`
   * already holds it (same token). Returns null while someone else holds it.
   */
  acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | null>;
  /** Extends the lease; false if it was lost (expired and taken, or token mismatch). */
  renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean>;
  /** Gives the lease up early so another holder need not wait for expiry. */
  release(name: string, holder: string, token: number): Promise<boolean>;
  /** The current holder, or null when free or expired. */
  current(name: string): Promise<LeaseGrant | null>;
}

export interface LeaseGrant {
  holder: string;
  /** Fencing token: strictly greater for every new holder of this lease. */
  token: number;
  expiresAt: number;
}
