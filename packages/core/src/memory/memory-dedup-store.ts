import { systemClock } from '../clock/system-clock.js';
import type { Clock } from '../ports/clock.js';
import type { DedupStore } from '../ports/dedup-store.js';
import { IncrementalSweeper } from './incremental-sweeper.js';
import { assertDuration } from './validate.js';

export interface MemoryDedupStoreOptions {
  /** Source of time for expiry. Default: the system clock. */
  clock?: Clock;
}

/**
 * The in-memory DedupStore of embedded mode. Keys expire lazily on their next claim, and every
 * claim also inspects two other keys round-robin and drops expired ones, so memory stays bounded
 * by the keys claimed within about one TTL — without a timer to start or stop.
 */
export class MemoryDedupStore implements DedupStore {
  readonly #clock: Clock;
  /** key → expiresAt */
  readonly #keys = new Map<string, number>();
  readonly #sweeper = new IncrementalSweeper(this.#keys, (expiresAt: number, now) => now >= expiresAt);

  constructor(options: MemoryDedupStoreOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    assertDuration('ttlMs', ttlMs);
    const now = this.#clock.now();
    this.#sweeper.step(now);
    const expiresAt = this.#keys.get(key);
    if (expiresAt !== undefined && now < expiresAt) return false;
    // Delete first so the key moves to the end of the sweep order, next to its peers in time.
    this.#keys.delete(key);
    this.#keys.set(key, now + ttlMs);
    return true;
  }

  /** Keys held in memory, including expired ones not swept yet (for tests and metrics). */
  get size(): number {
    return this.#keys.size;
  }

  /** Drops every expired key now; returns how many. */
  sweep(): number {
    return this.#sweeper.sweepAll(this.#clock.now());
  }
}
