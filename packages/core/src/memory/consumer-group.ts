import type { PendingEntry, StreamEntry } from '../ports/stream-log.js';
import type { StoredEntry, StreamState } from './stream-state.js';

interface PendingRecord {
  entry: StoredEntry;
  consumer: string;
  deliveredAt: number;
  deliveries: number;
}

/**
 * One consumer group: a cursor to the next undelivered entry and the pending entries list.
 * Pending records are kept in a Map keyed by id; because the cursor only moves forward, entries
 * are inserted in id order, and claims update records in place, so the Map's iteration order is
 * id order — which is what `pending` and `claimIdle` must walk in — without any sorting.
 */
export class ConsumerGroup {
  /** Absolute index of the next entry to deliver. */
  #next: number;
  readonly #pending = new Map<string, PendingRecord>();

  constructor(nextIndex: number) {
    this.#next = nextIndex;
  }

  /** Delivers up to `count` never-delivered entries to `consumer`; they become pending. */
  deliver(stream: StreamState, consumer: string, count: number, now: number): StreamEntry[] {
    // Entries trimmed before anyone read them are skipped, as in Redis.
    const from = Math.max(this.#next, stream.firstIndex);
    const to = Math.min(from + count, stream.endIndex);
    const out: StreamEntry[] = [];
    for (let index = from; index < to; index++) {
      const entry = stream.byIndex(index)!;
      this.#pending.set(entry.id, { entry, consumer, deliveredAt: now, deliveries: 1 });
      out.push({ id: entry.id, fields: { ...entry.fields }, deliveries: 1 });
    }
    this.#next = Math.max(this.#next, to);
    return out;
  }

  /** Whether `id` (canonical form) is pending in this group. */
  isPending(id: string): boolean {
    return this.#pending.has(id);
  }

  /** Removes the ids from the pending list; returns how many were there. */
  ack(ids: readonly string[]): number {
    let acked = 0;
    for (const id of ids) if (this.#pending.delete(id)) acked++;
    return acked;
  }

  /**
   * Hands entries idle for at least `minIdleMs` to `consumer`, oldest id first. Pending entries
   * whose stream entry was trimmed are dropped from the list instead (Redis 7 XAUTOCLAIM does
   * the same): there is nothing left to deliver.
   */
  claimIdle(
    stream: StreamState,
    consumer: string,
    minIdleMs: number,
    count: number,
    now: number,
  ): StreamEntry[] {
    const out: StreamEntry[] = [];
    for (const [id, record] of this.#pending) {
      if (out.length >= count) break;
      if (now - record.deliveredAt < minIdleMs) continue;
      if (record.entry.index < stream.firstIndex) {
        this.#pending.delete(id);
        continue;
      }
      record.consumer = consumer;
      record.deliveredAt = now;
      record.deliveries++;
      out.push({ id, fields: { ...record.entry.fields }, deliveries: record.deliveries });
    }
    return out;
  }

  /** Up to `count` pending entries, oldest id first. */
  pending(count: number, now: number): PendingEntry[] {
    const out: PendingEntry[] = [];
    for (const [id, record] of this.#pending) {
      if (out.length >= count) break;
      out.push({
        id,
        consumer: record.consumer,
        idleMs: now - record.deliveredAt,
        deliveries: record.deliveries,
      });
    }
    return out;
  }

  /** Forgets `consumer` and drops its pending entries (Redis XGROUP DELCONSUMER). */
  deleteConsumer(consumer: string): void {
    for (const [id, record] of this.#pending) if (record.consumer === consumer) this.#pending.delete(id);
  }
}
