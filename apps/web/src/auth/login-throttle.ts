/**
 * Failed sign-ins per client address: after `max` failures within `windowMs` further attempts
 * from that address are refused until the window ends. A strong admin token cannot be guessed
 * anyway; this keeps a guessing loop from filling the logs and burning CPU. Entries are dropped
 * when their window ends, so memory is bounded by recent failures.
 */
export class LoginThrottle {
  readonly #failures = new Map<string, { count: number; until: number }>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number,
  ) {}

  /** Milliseconds until `address` may try again; 0 when it may now. */
  blockedFor(address: string): number {
    const entry = this.#failures.get(address);
    if (entry === undefined) return 0;
    const left = entry.until - this.now();
    if (left <= 0) {
      this.#failures.delete(address);
      return 0;
    }
    return entry.count >= this.max ? left : 0;
  }

  failed(address: string): void {
    const now = this.now();
    if (this.#failures.size > 10_000)
      for (const [k, v] of this.#failures) if (v.until <= now) this.#failures.delete(k);
    const entry = this.#failures.get(address);
    if (entry === undefined || entry.until <= now)
      this.#failures.set(address, { count: 1, until: now + this.windowMs });
    else entry.count++;
  }

  succeeded(address: string): void {
    this.#failures.delete(address);
  }
}
