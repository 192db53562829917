import type { z } from 'zod';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { decodePayload } from '../protocol/envelope.js';
import type { Outbox } from './outbox.js';

export interface InboxEntry<T> {
  id: string;
  value: T;
}

export interface InboxOptions<T> {
  streams: StreamLog;
  stream: string;
  group: string;
  consumer: string;
  schema: z.ZodType<T>;
  outbox: Outbox;
  maxDeliveries: number;
  /** Called for each entry moved to the dead-letter stream. */
  onDeadLetter: (reason: string, entry: StreamEntry) => void;
}

/**
 * One consumer-group input of the coordinator. Entries that fail validation go to the dead-letter
 * stream with the reason and are acknowledged, so one bad payload never stops the loop; entries
 * whose handler failed stay pending and are claimed again, up to `maxDeliveries`.
 */
export class Inbox<T> {
  readonly #o: InboxOptions<T>;

  constructor(options: InboxOptions<T>) {
    this.#o = options;
  }

  async ensure(): Promise<void> {
    await this.#o.streams.ensureGroup(this.#o.stream, this.#o.group, 'start');
  }

  /**
   * Entries pending for at least `minIdleMs` on any consumer (a dead coordinator's, or ours after a
   * failed handler), then new ones; at most `count` of each.
   */
  async reclaim(minIdleMs: number, count: number): Promise<InboxEntry<T>[]> {
    const { streams, stream, group, consumer } = this.#o;
    return this.#accept(await streams.claimIdle(stream, group, consumer, { minIdleMs, count }));
  }

  async read(count: number): Promise<InboxEntry<T>[]> {
    const { streams, stream, group, consumer } = this.#o;
    return this.#accept(await streams.readGroup(stream, group, consumer, { count, blockMs: 0 }));
  }

  async ack(ids: readonly string[]): Promise<void> {
    if (ids.length > 0) await this.#o.streams.ack(this.#o.stream, this.#o.group, ids);
  }

  async #accept(entries: StreamEntry[]): Promise<InboxEntry<T>[]> {
    const valid: InboxEntry<T>[] = [];
    const refused: string[] = [];
    for (const entry of entries) {
      let reason: string | undefined;
      if (entry.deliveries > this.#o.maxDeliveries) reason = `failed ${entry.deliveries - 1} times`;
      const decoded = decodePayload(entry.fields, this.#o.schema);
      if (!decoded.ok) reason = decoded.reason;
      if (reason === undefined && decoded.ok) {
        valid.push({ id: entry.id, value: decoded.value });
        continue;
      }
      await this.#o.outbox.deadLetter(this.#o.stream, entry, reason!);
      this.#o.onDeadLetter(reason!, entry);
      refused.push(entry.id);
    }
    await this.ack(refused);
    return valid;
  }
}
