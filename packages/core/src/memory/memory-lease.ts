import { systemClock } from '../clock/system-clock.js';
import type { Clock } from '../ports/clock.js';
import type { Lease, LeaseGrant } from '../ports/lease.js';
import { assertDuration } from './validate.js';

export interface MemoryLeaseOptions {
  /** Source of time for expiry. Default: the system clock. */
  clock?: Clock;
}

/** The in-memory Lease of embedded mode (see the port's TSDoc for the exact rules). */
export class MemoryLease implements Lease {
  readonly #clock: Clock;
  readonly #grants = new Map<string, LeaseGrant>();
  /** Last token handed out per name; kept after release and expiry so tokens never repeat. */
  readonly #lastToken = new Map<string, number>();

  constructor(options: MemoryLeaseOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | null> {
    assertDuration('ttlMs', ttlMs);
    const now = this.#clock.now();
    const held = this.#live(name, now);
    if (held !== undefined && held.holder !== holder) return null;
    const token = held?.token ?? (this.#lastToken.get(name) ?? 0) + 1;
    this.#lastToken.set(name, token);
    const grant: LeaseGrant = { holder, token, expiresAt: now + ttlMs };
    this.#grants.set(name, grant);
    return { ...grant };
  }

  async renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean> {
    assertDuration('ttlMs', ttlMs);
    const now = this.#clock.now();
    const held = this.#live(name, now);
    if (held === undefined || held.holder !== holder || held.token !== token) return false;
    held.expiresAt = now + ttlMs;
    return true;
  }

  async release(name: string, holder: string, token: number): Promise<boolean> {
    const held = this.#live(name, this.#clock.now());
    if (held === undefined || held.holder !== holder || held.token !== token) return false;
    this.#grants.delete(name);
    return true;
  }

  async current(name: string): Promise<LeaseGrant | null> {
    const held = this.#live(name, this.#clock.now());
    return held === undefined ? null : { ...held };
  }

  /** The grant if it has not expired; an expired one is dropped on the way. */
  #live(name: string, now: number): LeaseGrant | undefined {
    const grant = this.#grants.get(name);
    if (grant === undefined || now < grant.expiresAt) return grant;
    this.#grants.delete(name);
    return undefined;
  }
}
