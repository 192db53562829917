import type { ChannelEventSink } from '../ports/channel-event-sink.js';
import type { ChannelEventRecord, ChannelStore } from '../ports/channel-store.js';
import type { Clock, TimerHandle } from '../ports/clock.js';

/** Settings of {@link ChannelEventBuffer}. */
export interface ChannelEventBufferOptions {
  clock: Clock;
  /** Events are written this long after the first one arrives, in one batch. Default 1,000 ms. */
  flushMs?: number;
  /** Events kept while the store is unreachable; the oldest are dropped beyond it. Default 10,000. */
  maxBuffered?: number;
  /** A write failed (it is retried at the next flush). */
  onError?: (err: unknown) => void;
}

/**
 * The coordinator's {@link ChannelEventSink} on a ChannelStore: `record` only appends to memory,
 * a timer writes the batch. A failed write keeps the batch for the next try, so a database that
 * is away for a while loses nothing up to `maxBuffered`, and the coordinator never waits for it.
 */
export class ChannelEventBuffer implements ChannelEventSink {
  readonly #store: ChannelStore;
  readonly #clock: Clock;
  readonly #flushMs: number;
  readonly #max: number;
  readonly #onError: (err: unknown) => void;
  #pending: ChannelEventRecord[] = [];
  #timer: TimerHandle | null = null;
  #writing: Promise<void> | null = null;
  #dropped = 0;
  #closed = false;

  constructor(store: ChannelStore, options: ChannelEventBufferOptions) {
    this.#store = store;
    this.#clock = options.clock;
    this.#flushMs = options.flushMs ?? 1_000;
    this.#max = options.maxBuffered ?? 10_000;
    this.#onError = options.onError ?? (() => {});
  }

  /** Events thrown away because the buffer was full. */
  get dropped(): number {
    return this.#dropped;
  }

  /** Events not written yet. */
  get buffered(): number {
    return this.#pending.length;
  }

  record(events: readonly ChannelEventRecord[]): void {
    if (this.#closed || events.length === 0) return;
    this.#pending.push(...events);
    this.#trim();
    this.#schedule();
  }

  /** Writes what is buffered now; resolves false when the write failed (the events stay buffered). */
  async flush(): Promise<boolean> {
    while (this.#writing !== null) await this.#writing;
    if (this.#pending.length === 0) return true;
    const batch = this.#pending;
    this.#pending = [];
    let ok = true;
    this.#writing = this.#store.record(batch).then(
      () => undefined,
      (err: unknown) => {
        ok = false;
        this.#pending = [...batch, ...this.#pending];
        this.#trim();
        this.#onError(err);
      },
    );
    await this.#writing;
    this.#writing = null;
    return ok;
  }

  /** Stops the timer and makes one last write attempt. */
  async close(): Promise<void> {
    this.#closed = true;
    this.#timer?.cancel();
    this.#timer = null;
    await this.flush();
  }

  #schedule(): void {
    if (this.#timer !== null || this.#closed) return;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = null;
      void this.flush().then(() => {
        if (this.#pending.length > 0) this.#schedule();
      });
    }, this.#flushMs);
  }

  #trim(): void {
    const over = this.#pending.length - this.#max;
    if (over <= 0) return;
    this.#pending.splice(0, over);
    this.#dropped += over;
  }
}
