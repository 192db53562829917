import { systemClock } from '../clock/system-clock.js';
import { TmiClusterError } from '../errors/index.js';
import type { Clock } from '../ports/clock.js';
import type {
  AppendOptions,
  ClaimOptions,
  PendingEntry,
  ReadOptions,
  StreamEntry,
  StreamFields,
  StreamLog,
} from '../ports/stream-log.js';
import { BlockedReaders } from './blocked-readers.js';
import { ConsumerGroup } from './consumer-group.js';
import { formatStreamId, parseStreamId } from './stream-id.js';
import { StreamState } from './stream-state.js';
import { assertInteger } from './validate.js';

export interface MemoryStreamLogOptions {
  /** Source of entry ids, idle times and block timeouts. Default: the system clock. */
  clock?: Clock;
}

/**
 * The in-memory StreamLog of embedded mode, with Redis Streams semantics (see the port's TSDoc).
 * Append, read and ack are O(1) amortised per entry; trim is O(removed); `maxLen` trims exactly.
 * Entries are copied in and out, so writers and readers own what they hold, as with Redis.
 */
export class MemoryStreamLog implements StreamLog {
  readonly #clock: Clock;
  readonly #streams = new Map<string, StreamState>();
  readonly #blocked: BlockedReaders;
  #closed = false;

  constructor(options: MemoryStreamLogOptions = {}) {
    this.#clock = options.clock ?? systemClock;
    this.#blocked = new BlockedReaders(this.#clock);
  }

  async append(stream: string, fields: StreamFields, options: AppendOptions = {}): Promise<string> {
    this.#assertOpen();
    if (Object.keys(fields).length === 0) {
      const rule = 'must have at least one field (Redis XADD needs one)';
      throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `fields ${rule}`, { field: 'fields', rule });
    }
    if (options.maxLen !== undefined) assertInteger('maxLen', options.maxLen, 0);
    const state = this.#streamOrCreate(stream);
    const entry = state.append(fields, this.#clock.now());
    if (options.maxLen !== undefined) state.trim(options.maxLen);
    this.#blocked.wake(stream);
    return entry.id;
  }

  async appendMany(
    stream: string,
    entries: readonly StreamFields[],
    options: AppendOptions = {},
  ): Promise<string[]> {
    this.#assertOpen();
    if (options.maxLen !== undefined) assertInteger('maxLen', options.maxLen, 0);
    for (const fields of entries) {
      if (Object.keys(fields).length === 0) {
        const rule = 'must have at least one field (Redis XADD needs one)';
        throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `fields ${rule}`, { field: 'fields', rule });
      }
    }
    if (entries.length === 0) return [];
    const state = this.#streamOrCreate(stream);
    const now = this.#clock.now();
    const ids = entries.map((fields) => state.append(fields, now).id);
    if (options.maxLen !== undefined) state.trim(options.maxLen);
    this.#blocked.wake(stream);
    return ids;
  }

  async ensureGroup(stream: string, group: string, from: 'start' | 'end'): Promise<void> {
    this.#assertOpen();
    const state = this.#streamOrCreate(stream);
    if (state.groups.has(group)) return;
    state.groups.set(group, new ConsumerGroup(from === 'start' ? 0 : state.endIndex));
  }

  async readGroup(
    stream: string,
    group: string,
    consumer: string,
    options: ReadOptions,
  ): Promise<StreamEntry[]> {
    this.#assertOpen();
    assertInteger('count', options.count, 1);
    const { state, consumerGroup } = this.#group(stream, group);
    const read = () => consumerGroup.deliver(state, consumer, options.count, this.#clock.now());
    const entries = read();
    if (entries.length > 0 || !(options.blockMs > 0)) return entries;
    return this.#blocked.wait(stream, options.blockMs, read);
  }

  async ack(stream: string, group: string, ids: readonly string[]): Promise<number> {
    this.#assertOpen();
    const consumerGroup = this.#streams.get(stream)?.groups.get(group);
    // Every id is checked before anything is acknowledged, as XACK does. Pending ids are
    // canonical already, so only the others pay for parsing (and `5` is read as `5-0`).
    const canonical = ids.map((id) =>
      consumerGroup?.isPending(id) ? id : formatStreamId(parseStreamId(id)),
    );
    return consumerGroup === undefined ? 0 : consumerGroup.ack(canonical);
  }

  async claimIdle(
    stream: string,
    group: string,
    consumer: string,
    options: ClaimOptions,
  ): Promise<StreamEntry[]> {
    this.#assertOpen();
    assertInteger('count', options.count, 1);
    const { state, consumerGroup } = this.#group(stream, group);
    return consumerGroup.claimIdle(
      state,
      consumer,
      Math.max(0, options.minIdleMs),
      options.count,
      this.#clock.now(),
    );
  }

  async pending(stream: string, group: string, options: { count?: number } = {}): Promise<PendingEntry[]> {
    this.#assertOpen();
    if (options.count !== undefined) assertInteger('count', options.count, 0);
    const { consumerGroup } = this.#group(stream, group);
    return consumerGroup.pending(options.count ?? Number.POSITIVE_INFINITY, this.#clock.now());
  }

  async range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]> {
    this.#assertOpen();
    if (count !== undefined) assertInteger('count', count, 0);
    const limit = count ?? Number.POSITIVE_INFINITY;
    const first = start === '-' ? undefined : parseStreamId(start, 'first');
    const last = end === '+' ? undefined : parseStreamId(end, 'last');
    const state = this.#streams.get(stream);
    if (state === undefined) return [];
    const from = first === undefined ? state.firstIndex : state.lowerBound(first);
    // The first index past `end`: entries with an id ≤ end are in range.
    const to = last === undefined ? state.endIndex : state.lowerBound({ ms: last.ms, seq: last.seq + 1 });
    const out: StreamEntry[] = [];
    for (let index = from; index < to && out.length < limit; index++) {
      const entry = state.byIndex(index)!;
      out.push({ id: entry.id, fields: { ...entry.fields }, deliveries: 0 });
    }
    return out;
  }

  async length(stream: string): Promise<number> {
    this.#assertOpen();
    return this.#streams.get(stream)?.entries.length ?? 0;
  }

  async trim(stream: string, maxLen: number): Promise<number> {
    this.#assertOpen();
    assertInteger('maxLen', maxLen, 0);
    return this.#streams.get(stream)?.trim(maxLen) ?? 0;
  }

  async deleteConsumer(stream: string, group: string, consumer: string): Promise<void> {
    this.#assertOpen();
    this.#group(stream, group).consumerGroup.deleteConsumer(consumer);
  }

  async destroy(stream: string): Promise<void> {
    this.#assertOpen();
    if (!this.#streams.delete(stream)) return;
    const message = `stream "${stream}" was destroyed while a read waited on it`;
    this.#blocked.fail(stream, new TmiClusterError('TMI_ERR_NO_SUCH_GROUP', message, { stream }));
  }

  /** Ends every blocked read with [] and refuses further calls (TMI_ERR_CLOSED). */
  close(): void {
    this.#closed = true;
    this.#blocked.releaseAll();
  }

  /** The stream, created empty when missing (XADD and XGROUP CREATE … MKSTREAM do the same). */
  #streamOrCreate(stream: string): StreamState {
    let state = this.#streams.get(stream);
    if (state === undefined) {
      state = new StreamState();
      this.#streams.set(stream, state);
    }
    return state;
  }

  #group(stream: string, group: string): { state: StreamState; consumerGroup: ConsumerGroup } {
    const state = this.#streams.get(stream);
    const consumerGroup = state?.groups.get(group);
    if (state === undefined || consumerGroup === undefined) {
      throw new TmiClusterError(
        'TMI_ERR_NO_SUCH_GROUP',
        `stream "${stream}" has no consumer group "${group}"; call ensureGroup first`,
        { stream, group },
      );
    }
    return { state, consumerGroup };
  }

  #assertOpen(): void {
    if (this.#closed) throw new TmiClusterError('TMI_ERR_CLOSED', 'this MemoryStreamLog was closed');
  }
}
