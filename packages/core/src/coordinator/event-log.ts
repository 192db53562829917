/** Kinds of coordinator lifecycle events shown by the CLI and dashboard. */
export type LifecycleEventType =
  | 'started'
  | 'stopped'
  | 'lease-lost'
  | 'placed'
  | 'rehomed'
  | 'draining'
  | 'drained'
  | 'failed'
  | 'retry'
  | 'parted'
  | 'stray'
  | 'scaled'
  | 'gap'
  | 'seats'
  | 'reconnect'
  | 'stale'
  | 'invalid-worker'
  | 'dead-letter'
  | 'error';

export interface LifecycleEvent {
  at: number;
  type: LifecycleEventType;
  message: string;
  data?: Record<string, unknown>;
}

/** A bounded list that keeps the newest `capacity` items (a ring, so adding is O(1)). */
export class Ring<T> {
  readonly #items: (T | undefined)[];
  #next = 0;
  #size = 0;

  constructor(capacity: number) {
    this.#items = new Array<T | undefined>(capacity);
  }

  push(item: T): void {
    this.#items[this.#next] = item;
    this.#next = (this.#next + 1) % this.#items.length;
    this.#size = Math.min(this.#size + 1, this.#items.length);
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    const start = (this.#next - this.#size + this.#items.length) % this.#items.length;
    for (let i = 0; i < this.#size; i++) out.push(this.#items[(start + i) % this.#items.length]!);
    return out;
  }
}
