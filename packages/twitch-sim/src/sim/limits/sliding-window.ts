import type { WindowLimit } from './types.js';

/** Smallest ring allocated; most accounts never send more than a handful of lines per window. */
const INITIAL_CAPACITY = 4;

/**
 * An exact sliding-window log: the timestamps of the most recent attempts, newest last, in a ring.
 *
 * "At most `count` attempts in any `windowMs`" is the same question as "is the `count`-th most
 * recent attempt older than `windowMs`?", so the ring never needs more than `count` entries and
 * both {@link allows} and {@link record} are O(1) — no pruning pass, no scan.
 *
 * Boundary: an attempt at time `s` occupies the window during `[s, s + windowMs)`; at exactly
 * `s + windowMs` it has left. (Twitch does not publish its boundary; half-open is the usual choice
 * and makes "20 per 30 s" mean one slot frees exactly 30 s after it was used.)
 *
 * The ring starts small and doubles up to the limit's `count`, so 2,000 idle accounts cost a few
 * bytes each instead of a 7,500-slot array per verified bucket.
 */
export class SlidingWindow {
  #buf = new Float64Array(INITIAL_CAPACITY);
  /** Index where the next timestamp goes (one past the newest). */
  #next = 0;
  #size = 0;

  /** Whether one more attempt at `now` stays within `limit`. Does not record it. */
  allows(now: number, limit: WindowLimit): boolean {
    if (this.#size < limit.count) return true;
    if (limit.count <= 0) return false;
    return now - this.#nthNewest(limit.count) >= limit.windowMs;
  }

  /**
   * Records one attempt at `now`. `keep` is the limit's `count`: the ring grows up to that and
   * then overwrites its oldest entry, which can no longer decide any verdict.
   */
  record(now: number, keep: number): void {
    const cap = this.#buf.length;
    if (this.#size === cap) {
      if (cap < keep) this.#grow(Math.min(keep, cap * 2));
      else {
        // Full at the limit: the oldest entry is dropped by overwriting it.
        this.#buf[this.#next] = now;
        this.#next = (this.#next + 1) % cap;
        return;
      }
    }
    this.#buf[this.#next] = now;
    this.#next = (this.#next + 1) % this.#buf.length;
    this.#size++;
  }

  /** Attempts remembered (at most the largest `keep` seen); for tests and diagnostics. */
  get size(): number {
    return this.#size;
  }

  /** Forgets every attempt and releases a grown ring. */
  clear(): void {
    this.#buf = new Float64Array(INITIAL_CAPACITY);
    this.#next = 0;
    this.#size = 0;
  }

  /** The `n`-th most recent timestamp, 1 = newest; caller guarantees `1 <= n <= size`. */
  #nthNewest(n: number): number {
    const cap = this.#buf.length;
    return this.#buf[(this.#next - n + cap) % cap] ?? Number.NEGATIVE_INFINITY;
  }

  #grow(capacity: number): void {
    const old = this.#buf;
    const next = new Float64Array(capacity);
    // Unroll the ring oldest-first so the new ring starts at index 0.
    const start = (this.#next - this.#size + old.length) % old.length;
    for (let i = 0; i < this.#size; i++) next[i] = old[(start + i) % old.length] ?? 0;
    this.#buf = next;
    this.#next = this.#size;
  }
}
