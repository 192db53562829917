import type { StreamFields } from '../ports/stream-log.js';
import { ArrayQueue } from './array-queue.js';
import type { ConsumerGroup } from './consumer-group.js';
import { compareStreamIds, formatStreamId, type StreamIdParts } from './stream-id.js';

/** One entry as the memory stream keeps it. `index` is its position among all entries ever appended. */
export interface StoredEntry extends StreamIdParts {
  id: string;
  index: number;
  /** A private copy; readers get copies of it (see MemoryStreamLog). */
  fields: Readonly<StreamFields>;
}

/**
 * The entries and groups of one stream. Entries carry an absolute index (0 for the first ever
 * appended) so that group cursors and pending records survive trimming without renumbering.
 */
export class StreamState {
  readonly entries = new ArrayQueue<StoredEntry>();
  readonly groups = new Map<string, ConsumerGroup>();
  /** How many entries were trimmed so far: the absolute index of the oldest live entry. */
  #trimmed = 0;
  /** Redis starts from 0-0 and never hands out an id at or below the last one. */
  #last: StreamIdParts = { ms: 0, seq: 0 };

  /** Absolute index of the oldest live entry. */
  get firstIndex(): number {
    return this.#trimmed;
  }

  /** Absolute index the next appended entry will get. */
  get endIndex(): number {
    return this.#trimmed + this.entries.length;
  }

  /**
   * Appends with id `<now>-0`, or `<last ms>-<last seq + 1>` when the clock has not moved past the
   * last id (same millisecond, or a clock stepped back), so ids always grow.
   */
  append(fields: StreamFields, now: number): StoredEntry {
    const ms = Math.floor(now);
    const id = ms > this.#last.ms ? { ms, seq: 0 } : { ms: this.#last.ms, seq: this.#last.seq + 1 };
    this.#last = id;
    // Built field by field: an object spread here is ~15× slower on V8, and this is the hot path.
    const entry: StoredEntry = {
      ms: id.ms,
      seq: id.seq,
      id: formatStreamId(id),
      index: this.endIndex,
      fields: { ...fields },
    };
    this.entries.push(entry);
    return entry;
  }

  /** The live entry with absolute index `index`, or undefined when trimmed or not yet appended. */
  byIndex(index: number): StoredEntry | undefined {
    return this.entries.at(index - this.#trimmed);
  }

  /** Drops the oldest entries until at most `maxLen` are left; returns how many went. */
  trim(maxLen: number): number {
    const removed = this.entries.dropFront(this.entries.length - maxLen);
    this.#trimmed += removed;
    return removed;
  }

  /** Absolute index of the first live entry with an id ≥ `id`. */
  lowerBound(id: StreamIdParts): number {
    return this.#trimmed + this.entries.lowerBound((entry) => compareStreamIds(entry, id) < 0);
  }
}
