/**
 * A fixed-size ring of samples for the live charts: one time column (seconds, as uPlot wants)
 * and N value columns. Memory stays at `capacity` points however long the page is open.
 */
export class SeriesRing {
  readonly capacity: number;
  readonly #times: Float64Array;
  readonly #columns: Float64Array[];
  #start = 0;
  #length = 0;

  constructor(capacity: number, columns: number) {
    if (!Number.isInteger(capacity) || capacity < 1)
      throw new RangeError('capacity must be a positive integer');
    if (!Number.isInteger(columns) || columns < 1) throw new RangeError('columns must be a positive integer');
    this.capacity = capacity;
    this.#times = new Float64Array(capacity);
    this.#columns = Array.from({ length: columns }, () => new Float64Array(capacity));
  }

  get length(): number {
    return this.#length;
  }

  /** The newest sample's time (seconds), or null when empty. */
  get lastTime(): number | null {
    if (this.#length === 0) return null;
    return this.#times[(this.#start + this.#length - 1) % this.capacity] ?? null;
  }

  /**
   * Appends one sample. A sample not newer than the last one replaces it (a reconnect replaying
   * the same second must not draw a line backwards).
   */
  push(timeSeconds: number, values: readonly number[]): void {
    if (values.length !== this.#columns.length) {
      throw new RangeError(`expected ${this.#columns.length} values, got ${values.length}`);
    }
    const last = this.lastTime;
    let slot: number;
    if (last !== null && timeSeconds <= last) {
      slot = (this.#start + this.#length - 1) % this.capacity;
    } else if (this.#length < this.capacity) {
      slot = (this.#start + this.#length) % this.capacity;
      this.#length++;
    } else {
      slot = this.#start;
      this.#start = (this.#start + 1) % this.capacity;
    }
    this.#times[slot] = last !== null && timeSeconds <= last ? last : timeSeconds;
    for (let c = 0; c < this.#columns.length; c++) {
      const v = values[c] ?? 0;
      this.#columns[c]![slot] = Number.isFinite(v) ? v : 0;
    }
  }

  /** Drops samples older than `cutoffSeconds` (the window moved while the tab slept). */
  trimBefore(cutoffSeconds: number): void {
    while (this.#length > 0 && (this.#times[this.#start] ?? 0) < cutoffSeconds) {
      this.#start = (this.#start + 1) % this.capacity;
      this.#length--;
    }
  }

  clear(): void {
    this.#start = 0;
    this.#length = 0;
  }

  /** Oldest-first copies: `[times, ...columns]`, the shape uPlot's `setData` takes. */
  toColumns(): number[][] {
    const out: number[][] = [];
    for (const source of [this.#times, ...this.#columns]) {
      const column = new Array<number>(this.#length);
      for (let i = 0; i < this.#length; i++) column[i] = source[(this.#start + i) % this.capacity] ?? 0;
      out.push(column);
    }
    return out;
  }
}
