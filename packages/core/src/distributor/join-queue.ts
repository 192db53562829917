/**
 * Channels waiting for a worker, oldest first, each with the time it may be tried again; plus
 * how often each channel's join failed in a row (kept while it is placed, so a channel that keeps
 * failing backs off further each time). In memory only: after a failover the coordinator rebuilds
 * the queue from the store (wanted channels short of workers), so nothing is lost with it.
 */
export class JoinQueue {
  readonly #notBefore = new Map<string, number>();
  readonly #failures = new Map<string, number>();

  get size(): number {
    return this.#notBefore.size;
  }

  has(channel: string): boolean {
    return this.#notBefore.has(channel);
  }

  /** Queues a channel to be tried at `notBefore`; a queued one keeps its place and the later time. */
  add(channel: string, notBefore = 0): void {
    this.#notBefore.set(channel, Math.max(this.#notBefore.get(channel) ?? 0, notBefore));
  }

  /** Takes a channel out of the queue (placed, or not needed any more). */
  delete(channel: string): void {
    this.#notBefore.delete(channel);
  }

  /** Takes a channel out and forgets its failures (parted, joined, or failed for good). */
  forget(channel: string): void {
    this.#notBefore.delete(channel);
    this.#failures.delete(channel);
  }

  /** Counts one more failed join of the channel; returns the count. */
  failed(channel: string): number {
    const n = (this.#failures.get(channel) ?? 0) + 1;
    this.#failures.set(channel, n);
    return n;
  }

  /** The join went through: the next failure starts the back-off from the beginning. */
  succeeded(channel: string): void {
    this.#failures.delete(channel);
  }

  /** Queued channels with the time each may be tried, oldest first. */
  entries(): IterableIterator<[string, number]> {
    return this.#notBefore.entries();
  }
}
