import { parseStreamId, type StreamEntry, type StreamLog } from '@tmi-cluster/core';

/**
 * Reads a stream forward with plain range reads: no consumer group, so nothing is left in the
 * stream when the reader goes away. Suits small streams read by many viewers (gaps, commands);
 * entries trimmed between two reads are missed, which a once-a-second poll of a 10,000-entry
 * stream does not do.
 */
export class StreamCursor {
  #next: string;

  /** Starts at `fromMs`: entries appended before it are not returned. */
  constructor(
    private readonly streams: StreamLog,
    private readonly stream: string,
    fromMs: number,
  ) {
    this.#next = `${Math.max(0, Math.floor(fromMs))}-0`;
  }

  /** Entries since the last read, oldest first, at most `count`. */
  async read(count: number): Promise<StreamEntry[]> {
    const entries = await this.streams.range(this.stream, this.#next, '+', count);
    const last = entries.at(-1);
    if (last !== undefined) {
      const { ms, seq } = parseStreamId(last.id);
      this.#next = `${ms}-${seq + 1}`;
    }
    return entries;
  }
}
