/**
 * Removes dead entries from a Map a few at a time, round-robin, so that keys nobody asks for again
 * still go away without a timer: each call to {@link step} inspects `budget` entries. With a
 * budget of 2 per insert, every full pass finishes before the map can double, so dead entries
 * never outnumber the live ones plus one pass worth of expiries.
 */
export class IncrementalSweeper<K, V> {
  readonly #map: Map<K, V>;
  readonly #isDead: (value: V, now: number) => boolean;
  /** Map iterators stay valid across inserts and deletes, so one can walk on between calls. */
  #cursor: Iterator<[K, V]> | undefined;

  constructor(map: Map<K, V>, isDead: (value: V, now: number) => boolean) {
    this.#map = map;
    this.#isDead = isDead;
  }

  /** Inspects up to `budget` entries, deleting the dead ones. */
  step(now: number, budget = 2): void {
    let restarted = false;
    for (let seen = 0; seen < budget; ) {
      this.#cursor ??= this.#map.entries();
      const next = this.#cursor.next();
      if (next.done === true) {
        this.#cursor = undefined;
        // One restart per call: a small map must not be walked twice in one step.
        if (restarted || this.#map.size === 0) return;
        restarted = true;
        continue;
      }
      seen++;
      const [key, value] = next.value;
      if (this.#isDead(value, now)) this.#map.delete(key);
    }
  }

  /** Inspects every entry now; returns how many were deleted. */
  sweepAll(now: number): number {
    let removed = 0;
    for (const [key, value] of this.#map) {
      if (this.#isDead(value, now)) {
        this.#map.delete(key);
        removed++;
      }
    }
    return removed;
  }
}
