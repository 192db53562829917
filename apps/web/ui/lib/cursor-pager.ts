/**
 * Back/forward over a cursor-paginated list. The API's cursors only go forward, so the pager
 * remembers the cursor that opened each page it has shown.
 */
export class CursorPager {
  #stack: Array<string | null> = [null];
  #next: string | null = null;

  /** Cursor of the page currently shown (null: the first). */
  get current(): string | null {
    return this.#stack[this.#stack.length - 1] ?? null;
  }

  /** 1-based page number. */
  get page(): number {
    return this.#stack.length;
  }

  get hasPrevious(): boolean {
    return this.#stack.length > 1;
  }

  get hasNext(): boolean {
    return this.#next !== null;
  }

  /** Records the `nextCursor` of the page just loaded. */
  loaded(nextCursor: string | null): void {
    this.#next = nextCursor;
  }

  /** Moves forward; returns the cursor to load, or null when there is no next page. */
  forward(): string | null {
    if (this.#next === null) return null;
    this.#stack.push(this.#next);
    this.#next = null;
    return this.current;
  }

  /** Moves back; returns the cursor to load (null = first page), or undefined when on page 1. */
  back(): string | null | undefined {
    if (this.#stack.length <= 1) return undefined;
    this.#stack.pop();
    this.#next = null;
    return this.current;
  }

  /** A new search or filter starts over at page 1. */
  reset(): void {
    this.#stack = [null];
    this.#next = null;
  }
}
