/**
 * Drops the second copy of a line while two connections of this worker receive the same channel:
 * the RECONNECT overlap (old and replacement connection both joined) or two identities in one
 * channel. A channel received by one connection has no filter at all, so the common case costs
 * one Map lookup per line. The filter lives on for `ttlMs` after the overlap ends, because the
 * slower socket may still deliver its copy of a line the faster one already gave us.
 *
 * Keys are Twitch's message `id` when the line has one, else the raw line: the server sends
 * byte-identical lines to every receiver, and id-less lines (CLEARCHAT, ROOMSTATE, JOIN/PART of
 * others) identical within `ttlMs` are, in practice, the same event.
 */
export class OverlapDedup {
  readonly #receivers = new Map<string, number>();
  readonly #windows = new Map<string, RecentKeys>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  /** A connection starts receiving (or wanting) `channel`. */
  enter(channel: string): void {
    const n = (this.#receivers.get(channel) ?? 0) + 1;
    this.#receivers.set(channel, n);
    if (n < 2) return;
    const window = this.#windows.get(channel);
    if (window) window.until = Number.POSITIVE_INFINITY;
    else this.#windows.set(channel, new RecentKeys(this.ttlMs, this.maxKeys));
  }

  /** A connection stopped receiving `channel`. */
  leave(channel: string, now: number): void {
    const n = (this.#receivers.get(channel) ?? 0) - 1;
    if (n > 0) this.#receivers.set(channel, n);
    else this.#receivers.delete(channel);
    const window = this.#windows.get(channel);
    if (window && n < 2 && window.until === Number.POSITIVE_INFINITY) window.until = now + this.ttlMs;
  }

  /** True when `key` was already seen in `channel` within the window; records it otherwise. */
  isDuplicate(channel: string, key: string, now: number): boolean {
    const window = this.#windows.get(channel);
    if (window === undefined) return false;
    if (now >= window.until) {
      this.#windows.delete(channel);
      return false;
    }
    return window.seen(key, now);
  }

  /** Channels with an active filter (for tests and metrics). */
  get activeChannels(): number {
    return this.#windows.size;
  }
}

/** Keys seen recently, oldest first (a Map keeps insertion order), bounded by age and count. */
class RecentKeys {
  until = Number.POSITIVE_INFINITY;
  readonly #seenAt = new Map<string, number>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxKeys: number,
  ) {}

  seen(key: string, now: number): boolean {
    for (const [oldest, at] of this.#seenAt) {
      if (at > now - this.ttlMs && this.#seenAt.size < this.maxKeys) break;
      this.#seenAt.delete(oldest);
    }
    if (this.#seenAt.has(key)) return true;
    this.#seenAt.set(key, now);
    return false;
  }
}
