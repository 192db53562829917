import { systemClock } from '../clock/system-clock.js';
import { TmiClusterError } from '../errors/index.js';
import type { Clock } from '../ports/clock.js';
import type { DedupClaim, DedupStore } from '../ports/dedup-store.js';
import { ArrayQueue } from './array-queue.js';
import { assertDuration } from './validate.js';

export interface MemoryDedupStoreOptions {
  /** Source of time for expiry. Default: the system clock. */
  clock?: Clock;
}

/** Keys claimed with one TTL, oldest first: with one TTL, claim order is expiry order. */
interface ExpiryQueue {
  keys: ArrayQueue<string>;
  expiresAt: ArrayQueue<number>;
}

/**
 * The in-memory DedupStore of embedded mode, built to hold millions of keys cheaply (a busy
 * consumer claims one key per event for 30 s): one Map entry per key (key → owner, '' for an
 * owner-less claim) and one slot in the FIFO of its TTL, no object per key. Before each call
 * every FIFO is popped up to now, so a key in the Map is a live key. Only a wall clock stepping
 * back can keep a key a little past its TTL (its FIFO is then briefly out of order).
 */
export class MemoryDedupStore implements DedupStore {
  readonly #clock: Clock;
  readonly #owners = new Map<string, string>();
  readonly #queues = new Map<number, ExpiryQueue>();

  constructor(options: MemoryDedupStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    assertDuration('ttlMs', ttlMs);
    const now = this.#expire();
    if (this.#owners.has(key)) return false;
    this.#hold(key, '', now + ttlMs, ttlMs);
    return true;
  }

  async claimAll(claims: readonly DedupClaim[], ttlMs: number): Promise<boolean[]> {
    assertDuration('ttlMs', ttlMs);
    for (const [i, c] of claims.entries()) assertClaim(c, i);
    const now = this.#expire();
    const owners = this.#owners;
    const results: boolean[] = new Array(claims.length);
    for (const [i, { keys, owner }] of claims.entries()) {
      let free = true;
      for (const key of keys) {
        const holder = owners.get(key);
        if (holder !== undefined && holder !== owner) {
          free = false;
          break;
        }
      }
      if (free) for (const key of keys) if (!owners.has(key)) this.#hold(key, owner, now + ttlMs, ttlMs);
      results[i] = free;
    }
    return results;
  }

  /** Keys held in memory (every one of them live as of the last call). */
  get size(): number {
    return this.#owners.size;
  }

  /** Drops every expired key now; returns how many. */
  sweep(): number {
    const before = this.#owners.size;
    this.#expire();
    return before - this.#owners.size;
  }

  #hold(key: string, owner: string, expiresAt: number, ttlMs: number): void {
    let queue = this.#queues.get(ttlMs);
    if (queue === undefined) {
      queue = { keys: new ArrayQueue(), expiresAt: new ArrayQueue() };
      this.#queues.set(ttlMs, queue);
    }
    this.#owners.set(key, owner);
    queue.keys.push(key);
    queue.expiresAt.push(expiresAt);
  }

  /** Pops every key whose time is up; returns now. */
  #expire(): number {
    const now = this.#clock.now();
    for (const [ttl, queue] of this.#queues) {
      let n = 0;
      while (n < queue.expiresAt.length && (queue.expiresAt.at(n) as number) <= now) {
        this.#owners.delete(queue.keys.at(n) as string);
        n++;
      }
      if (n === 0) continue;
      queue.keys.dropFront(n);
      queue.expiresAt.dropFront(n);
      if (queue.keys.length === 0) this.#queues.delete(ttl);
    }
    return now;
  }
}

function assertClaim(claim: DedupClaim, index: number): void {
  const rule =
    claim.keys.length === 0
      ? 'needs at least one key'
      : claim.owner === ''
        ? 'needs a non-empty owner'
        : null;
  if (rule !== null) {
    throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `claims[${index}] ${rule}`, {
      field: `claims.${index}`,
      rule,
    });
  }
}
