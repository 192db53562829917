/**
 * A FIFO over an array with a moving head: O(1) push, O(1) amortised drop from the front, and
 * O(1) indexed access (which the stream log and the rate limiter need for binary search).
 * `Array.prototype.shift` is O(n) on large arrays, so the head only moves, and the array is
 * compacted once the dead prefix outweighs the live part.
 */
export class ArrayQueue<T> {
  #items: T[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  /** The i-th live item, 0 being the oldest. */
  at(i: number): T | undefined {
    return i >= 0 && i < this.length ? this.#items[this.#head + i] : undefined;
  }

  first(): T | undefined {
    return this.at(0);
  }

  last(): T | undefined {
    return this.at(this.length - 1);
  }

  push(item: T): void {
    this.#items.push(item);
  }

  /** Removes and returns the oldest item. */
  shift(): T | undefined {
    const item = this.first();
    if (item !== undefined) this.dropFront(1);
    return item;
  }

  /** Removes the `n` oldest items; returns how many were removed. */
  dropFront(n: number): number {
    const removed = Math.min(Math.max(0, n), this.length);
    // Clear the slots so dropped items can be garbage collected before the next compaction.
    this.#items.fill(undefined as T, this.#head, this.#head + removed);
    this.#head += removed;
    if (this.#head === this.#items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return removed;
  }

  /** Index of the first live item for which `isBefore` is false; `length` when there is none. */
  lowerBound(isBefore: (item: T) => boolean): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isBefore(this.#items[this.#head + mid] as T)) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
