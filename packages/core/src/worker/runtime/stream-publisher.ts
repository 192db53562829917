import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { StreamFields, StreamLog } from '../../ports/stream-log.js';
import { backoffDelay } from '../backoff.js';

/** Settings of one {@link StreamPublisher}. */
export interface StreamPublisherOptions<T> {
  streams: StreamLog;
  clock: Clock;
  stream: string;
  /**
   * Turns a batch of items into the entries of one `appendMany` (events: many lines per entry;
   * reports: one entry each). Called once per batch, before its first attempt.
   */
  encode: (items: readonly T[]) => StreamFields[];
  /** Items per `appendMany`; a full batch is sent at once. */
  batchSize: number;
  /** A partial batch is sent this long after its first entry (0: on the next timer turn). */
  flushMs: number;
  /** Items held (queued and in flight) at most; beyond it new items are dropped and counted. */
  maxBuffered: number;
  /** Passed to `appendMany` (approximate trimming); undefined keeps everything. */
  maxLen?: number | undefined;
  retryMinMs: number;
  retryMaxMs: number;
  random: () => number;
  /** The sink failed (first failure of a streak), started dropping, or recovered. */
  onTrouble: (kind: 'sink-error' | 'dropping' | 'recovered', details: Record<string, unknown>) => void;
}

/** Counters of a {@link StreamPublisher}. */
export interface PublisherStatus {
  published: number;
  dropped: number;
  buffered: number;
  /** The last append error while the sink is failing; null once an append succeeds. */
  lastError: string | null;
  /** Epoch ms of the first drop of the current episode (null when not dropping). */
  droppingSince: number | null;
}

/** A sealed batch: its entries, and how many items they carry. */
interface Sealed {
  entries: StreamFields[];
  items: number;
}

/**
 * Publishes items to one stream in order, in batches, one `appendMany` at a time. While the sink
 * fails, batches stay queued and are retried with back-off (ordered: a batch is never skipped);
 * the queue is bounded, and past the bound new entries are dropped and counted — never silently:
 * the first drop of an episode and the recovery are announced through `onTrouble`, and the
 * counters go into every heartbeat. A batch that failed after Redis applied part of it is sent
 * again whole, so a consumer may see an entry twice (at-least-once, like every stream here).
 */
export class StreamPublisher<T> {
  readonly #o: StreamPublisherOptions<T>;
  /** Sealed batches waiting, oldest first; the head is the one in flight. */
  readonly #batches: Sealed[] = [];
  #current: T[] = [];
  #buffered = 0;
  #published = 0;
  #dropped = 0;
  #failures = 0;
  #lastError: string | null = null;
  #droppingSince: number | null = null;
  #flushTimer: TimerHandle | null = null;
  #retryTimer: TimerHandle | null = null;
  #inFlight = false;
  #closed = false;
  #idleWaiters: (() => void)[] = [];

  constructor(options: StreamPublisherOptions<T>) {
    this.#o = options;
  }

  /** Queues one item; false when it was dropped because the buffer is full. Never throws. */
  push(item: T): boolean {
    if (this.#buffered >= this.#o.maxBuffered) {
      this.#dropped++;
      if (this.#droppingSince === null) {
        this.#droppingSince = this.#o.clock.now();
        this.#o.onTrouble('dropping', { buffered: this.#buffered, lastError: this.#lastError });
      }
      return false;
    }
    this.#current.push(item);
    this.#buffered++;
    if (this.#current.length >= this.#o.batchSize) {
      this.#seal();
      this.#pump();
    } else if (this.#flushTimer === null) {
      this.#flushTimer = this.#o.clock.setTimeout(() => {
        this.#flushTimer = null;
        this.#seal();
        this.#pump();
      }, this.#o.flushMs);
    }
    return true;
  }

  status(): PublisherStatus {
    return {
      published: this.#published,
      dropped: this.#dropped,
      buffered: this.#buffered,
      lastError: this.#lastError,
      droppingSince: this.#droppingSince,
    };
  }

  /**
   * Sends everything queued now (a waiting retry is tried at once) and resolves when the queue is
   * empty or after `timeoutMs`; returns how many entries were still unsent then.
   */
  async flush(timeoutMs: number): Promise<number> {
    this.#flushTimer?.cancel();
    this.#flushTimer = null;
    this.#seal();
    if (this.#retryTimer !== null) {
      this.#retryTimer.cancel();
      this.#retryTimer = null;
    }
    this.#pump();
    if (this.#buffered === 0) return 0;
    await new Promise<void>((resolve) => {
      const timer = this.#o.clock.setTimeout(resolve, timeoutMs);
      this.#idleWaiters.push(() => {
        timer.cancel();
        resolve();
      });
    });
    return this.#buffered;
  }

  /** Cancels the timers; what is still queued stays unsent (the caller flushed first). */
  close(): void {
    this.#closed = true;
    this.#flushTimer?.cancel();
    this.#flushTimer = null;
    this.#retryTimer?.cancel();
    this.#retryTimer = null;
    for (const wake of this.#idleWaiters.splice(0)) wake();
  }

  #seal(): void {
    if (this.#current.length === 0) return;
    const items = this.#current;
    this.#current = [];
    this.#batches.push({ entries: this.#o.encode(items), items: items.length });
  }

  #pump(): void {
    if (this.#inFlight || this.#retryTimer !== null || this.#closed) return;
    const batch = this.#batches[0];
    if (batch === undefined) {
      if (this.#buffered === 0) for (const wake of this.#idleWaiters.splice(0)) wake();
      return;
    }
    this.#inFlight = true;
    const options = this.#o.maxLen === undefined ? undefined : { maxLen: this.#o.maxLen };
    this.#o.streams.appendMany(this.#o.stream, batch.entries, options).then(
      () => this.#sent(batch),
      (err: unknown) => this.#failed(err),
    );
  }

  #sent(batch: Sealed): void {
    this.#inFlight = false;
    this.#batches.shift();
    this.#buffered -= batch.items;
    this.#published += batch.items;
    const recovered = this.#failures > 0 || this.#droppingSince !== null;
    if (recovered) {
      this.#o.onTrouble('recovered', {
        failures: this.#failures,
        dropped: this.#dropped,
        droppingSince: this.#droppingSince,
      });
    }
    this.#failures = 0;
    this.#lastError = null;
    this.#droppingSince = null;
    this.#pump();
  }

  #failed(err: unknown): void {
    this.#inFlight = false;
    this.#failures++;
    this.#lastError = err instanceof Error ? err.message : String(err);
    if (this.#failures === 1) this.#o.onTrouble('sink-error', { error: this.#lastError });
    if (this.#closed) return;
    const { retryMinMs, retryMaxMs, random } = this.#o;
    this.#retryTimer = this.#o.clock.setTimeout(
      () => {
        this.#retryTimer = null;
        this.#pump();
      },
      backoffDelay(this.#failures, retryMinMs, retryMaxMs, random),
    );
  }
}
