/**
 * Newest-first list of items with unique ids, capped at `limit`: the events log and the chat
 * tail keep growing for hours, the page must not. Adding a known id is a no-op, so the
 * initial fetch and the live stream can overlap.
 */
export class BoundedLog<T extends { id: string }> {
  readonly limit: number;
  #items: T[] = [];
  #ids = new Set<string>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be a positive integer');
    this.limit = limit;
  }

  /** Newest first. A fresh array each time a change happened (safe to hand to a view). */
  get items(): readonly T[] {
    return this.#items;
  }

  get size(): number {
    return this.#items.length;
  }

  /** Adds one new item at the front; returns false when its id was already there. */
  add(item: T): boolean {
    if (this.#ids.has(item.id)) return false;
    this.#items = [item, ...this.#items];
    this.#ids.add(item.id);
    this.#trim();
    return true;
  }

  /** Merges a batch (any order) keeping newest-first by `at`, then the limit. */
  merge(items: readonly T[], at: (item: T) => number): void {
    const fresh = items.filter((i) => !this.#ids.has(i.id));
    if (fresh.length === 0) return;
    for (const i of fresh) this.#ids.add(i.id);
    this.#items = [...this.#items, ...fresh].sort((a, b) => at(b) - at(a));
    this.#trim();
  }

  clear(): void {
    this.#items = [];
    this.#ids.clear();
  }

  #trim(): void {
    if (this.#items.length <= this.limit) return;
    for (const dropped of this.#items.slice(this.limit)) this.#ids.delete(dropped.id);
    this.#items = this.#items.slice(0, this.limit);
  }
}
