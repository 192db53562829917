import type { Clock } from '../ports/clock.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { decodePayload } from '../protocol/envelope.js';
import { type GapRecord, gapRecordSchema } from '../protocol/gaps.js';
import { Streams } from '../protocol/streams.js';
import { backoffMs, Sleeper } from './sleeper.js';

/** A `gap` subscriber; may be async (the record is acknowledged after it settles). */
export type GapHandler = (gap: GapRecord) => void | Promise<void>;

export interface GapFeedOptions {
  streams: StreamLog;
  clock: Clock;
  /** The application's group: each gap reaches one process of each application. */
  group: string;
  consumer: string;
  blockMs: number;
  startFrom: 'start' | 'end';
  /** Records another process read but did not acknowledge for this long (it died) are taken over. */
  claimIdleMs: number;
  /** A handler threw, or the stream could not be read. */
  onError: (err: unknown) => void;
}

/**
 * Delivers the coordinator's gap records (`Streams.gaps`) to `cluster.on('gap', …)`: a consumer
 * group per application like chat events, a record acknowledged once every handler settled. Gaps
 * are rare, so one record at a time; a record that cannot be read is acknowledged and reported.
 */
export class GapFeed {
  readonly #o: GapFeedOptions;
  readonly #handlers = new Set<GapHandler>();
  readonly #sleeper: Sleeper;
  #running: Promise<void> | null = null;
  /** The records in hand; stop() waits for them, not for a blocked read. */
  #busy: Promise<void> = Promise.resolve();
  #stopped = false;

  constructor(options: GapFeedOptions) {
    this.#o = options;
    this.#sleeper = new Sleeper(options.clock);
  }

  /** Whether a subscription started the loop (its consumer then exists in the group). */
  get started(): boolean {
    return this.#running !== null;
  }

  /** Adds a handler and starts the loop on the first one; returns the unsubscribe. */
  add(handler: GapHandler): () => void {
    this.#handlers.add(handler);
    this.#running ??= this.#run();
    return () => {
      this.#handlers.delete(handler);
    };
  }

  /**
   * Stops: waits for the records in hand; a read still blocked returns later and leaves what it
   * got pending, for another process of the application to take over after `claimIdleMs`.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sleeper.wakeAll();
    await this.#busy;
  }

  async #run(): Promise<void> {
    const { streams, group, consumer, blockMs, startFrom } = this.#o;
    let failures = 0;
    let ready = false;
    while (!this.#stopped) {
      try {
        if (!ready) {
          await streams.ensureGroup(Streams.gaps, group, startFrom);
          ready = true;
        }
        const claimed = await streams.claimIdle(Streams.gaps, group, consumer, {
          minIdleMs: this.#o.claimIdleMs,
          count: 10,
        });
        const entries =
          claimed.length > 0
            ? claimed
            : await streams.readGroup(Streams.gaps, group, consumer, { count: 10, blockMs });
        if (this.#stopped) return;
        this.#busy = this.#handle(entries);
        await this.#busy;
        failures = 0;
      } catch (err) {
        if (this.#stopped) return;
        this.#o.onError(err);
        await this.#sleeper.sleep(backoffMs(++failures));
      }
    }
  }

  async #handle(entries: readonly StreamEntry[]): Promise<void> {
    const { streams, group } = this.#o;
    for (const entry of entries) {
      const decoded = decodePayload(entry.fields, gapRecordSchema);
      if (decoded.ok) await this.#deliver(decoded.value);
      else this.#o.onError(new Error(`unreadable gap record ${entry.id}: ${decoded.reason}`));
      await streams.ack(Streams.gaps, group, [entry.id]);
    }
  }

  async #deliver(gap: GapRecord): Promise<void> {
    for (const handler of [...this.#handlers]) {
      try {
        await handler(gap);
      } catch (err) {
        this.#o.onError(err);
      }
    }
  }
}
