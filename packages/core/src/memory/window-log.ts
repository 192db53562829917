import { ArrayQueue } from './array-queue.js';

interface Slot {
  /** When the actions were taken. */
  at: number;
  /** Running total of all costs recorded up to and including this slot. */
  total: number;
}

/**
 * The actions one rate-limit key took in its current window, oldest first. Running totals make
 * "how much is in the window" O(1) and "when will `n` units have left" a binary search; slots
 * leave from the front as they age out, O(1) amortised.
 */
export class WindowLog {
  readonly #slots = new ArrayQueue<Slot>();
  /** Running total of everything that already left the window. */
  #left = 0;
  #recorded = 0;
  /** The window this key was last used with, so a sweep can tell when it is empty. */
  windowMs = 0;

  /** Units currently in the window (call {@link evict} first). */
  get used(): number {
    return this.#recorded - this.#left;
  }

  /**
   * Drops actions that aged out: one taken at `t` counts while `now < t + windowMs`, so the window
   * ending at `now` covers (now - windowMs, now].
   */
  evict(now: number, windowMs: number): void {
    this.windowMs = windowMs;
    for (
      let slot = this.#slots.first();
      slot !== undefined && slot.at + windowMs <= now;
      slot = this.#slots.first()
    ) {
      this.#left = slot.total;
      this.#slots.shift();
    }
  }

  record(now: number, cost: number): void {
    this.#recorded += cost;
    const last = this.#slots.last();
    // A clock stepped back must not put a slot behind a newer one: eviction walks from the front.
    if (last !== undefined && last.at >= now) last.total = this.#recorded;
    else this.#slots.push({ at: now, total: this.#recorded });
  }

  /** Ms from `now` until at least `units` units have left the window. */
  freedAfter(units: number, now: number, windowMs: number): number {
    const target = this.#left + units;
    const i = this.#slots.lowerBound((slot) => slot.total < target);
    const slot = this.#slots.at(i);
    return slot === undefined ? 0 : Math.max(0, slot.at + windowMs - now);
  }

  /** True when nothing taken within `windowMs` of `now` remains. */
  isIdle(now: number): boolean {
    const last = this.#slots.last();
    return last === undefined || last.at + this.windowMs <= now;
  }
}
