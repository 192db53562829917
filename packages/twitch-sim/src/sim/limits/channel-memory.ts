/** What the per-channel rules need about the account's last accepted message in one channel. */
export interface LastMessage {
  at: number;
  text: string;
}

/**
 * The account's last accepted PRIVMSG per channel, for the 1 s spacing and the duplicate rule.
 *
 * An entry matters only while it is younger than the longer of the two rules. The map is kept in
 * oldest-first order (re-inserting on update), so each {@link remember} drops stale entries from
 * the front and stops at the first live one: amortised O(1), since every entry is dropped once,
 * and a bot that once spoke in 20,000 channels does not keep 20,000 texts for ever.
 */
export class ChannelMemory {
  readonly #last = new Map<string, LastMessage>();

  get(channel: string): LastMessage | undefined {
    return this.#last.get(channel);
  }

  /**
   * Remembers an accepted message. `relevantMs` is how long an entry can still decide a verdict
   * (the longer of the interval and the duplicate window); null keeps entries for ever.
   */
  remember(channel: string, at: number, text: string, relevantMs: number | null): void {
    this.#last.delete(channel);
    if (relevantMs !== null) this.#dropOlderThan(at - relevantMs);
    this.#last.set(channel, { at, text });
  }

  clear(): void {
    this.#last.clear();
  }

  get size(): number {
    return this.#last.size;
  }

  #dropOlderThan(cutoff: number): void {
    for (const [channel, last] of this.#last) {
      if (last.at > cutoff) break;
      this.#last.delete(channel);
    }
  }
}
