import { isTmiClusterError } from '../errors/index.js';
import type { Clock } from '../ports/clock.js';
import type { DedupStore } from '../ports/dedup-store.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { Streams } from '../protocol/streams.js';
import { type BatchContext, deliverBatch } from './event-batch.js';
import { EventDedup } from './event-dedup.js';
import { emptyEventStats, type EventStats } from './event-stats.js';
import { backoffMs, Sleeper } from './sleeper.js';
import type { Subscriptions } from './subscriptions.js';

/** How many pending entries are scanned for this consumer's own after a restart. */
const RECOVER_SCAN = 10_000;

export interface EventConsumerOptions {
  streams: StreamLog;
  dedup: DedupStore;
  clock: Clock;
  group: string;
  consumer: string;
  batchSize: number;
  blockMs: number;
  concurrency: number;
  claimIdleMs: number;
  claimIntervalMs: number;
  startFrom: 'start' | 'end';
  dedupTtlMs: number;
  dedupWindowMs: number;
}

/**
 * The one loop that reads `Streams.events` for this client, as consumer `consumer` of the
 * application's group, so processes of one application share the events and each is handled by one
 * of them. Handlers run here, in the application's process: workers publish from other threads or
 * processes, so a slow handler delays only this loop, never an IRC socket.
 *
 * At-least-once into the group: a batch is acknowledged after its handlers settled. On start it
 * takes back its own pending entries (a restart with the same client id), and every
 * `claimIntervalMs` it takes over entries another consumer left unacknowledged for `claimIdleMs`
 * (it died). De-duplication ({@link EventDedup}) turns those re-deliveries and the redundant
 * receivers' copies into one delivery per event.
 */
export class EventConsumer {
  readonly stats: EventStats = emptyEventStats();
  readonly #o: EventConsumerOptions;
  readonly #subs: Subscriptions;
  readonly #sleeper: Sleeper;
  readonly #batch: BatchContext;
  #loop: Promise<void> | null = null;
  #stopped = false;
  #busy: Promise<unknown> | null = null;
  #nextClaimAt = 0;
  #ready: Promise<void> | null = null;
  #markReady: () => void = () => {};

  constructor(options: EventConsumerOptions, subs: Subscriptions) {
    this.#o = options;
    this.#subs = subs;
    this.#sleeper = new Sleeper(options.clock);
    const dedup = new EventDedup({
      store: options.dedup,
      group: options.group,
      ttlMs: options.dedupTtlMs,
      windowMs: options.dedupWindowMs,
    });
    this.#batch = {
      subs,
      dedup,
      stats: this.stats,
      sleeper: this.#sleeper,
      concurrency: options.concurrency,
      stopped: () => this.#stopped,
    };
  }

  get running(): boolean {
    return this.#loop !== null && !this.#stopped;
  }

  /** Starts the loop once; later calls do nothing. */
  start(): void {
    if (this.#loop !== null || this.#stopped) return;
    this.#ready = new Promise((resolve) => {
      this.#markReady = resolve;
    });
    this.#loop = this.#run();
  }

  /** Resolves once the group exists (events appended from then on reach it), or at stop. */
  ready(): Promise<void> {
    return this.#ready ?? Promise.resolve();
  }

  /**
   * Stops reading and waits for the batch being delivered (its handlers settle, it is
   * acknowledged). A read still blocked in the stream log is not waited for: entries it returns
   * later stay pending and another consumer of the group takes them over after `claimIdleMs`.
   */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#sleeper.wakeAll();
    this.#markReady();
    await this.#busy;
  }

  async #run(): Promise<void> {
    let failures = 0;
    let setUp = false;
    while (!this.#stopped) {
      try {
        if (!setUp) {
          await this.#o.streams.ensureGroup(Streams.events, this.#o.group, this.#o.startFrom);
          this.#markReady();
          await this.#recoverOwn();
          this.#nextClaimAt = this.#o.clock.now();
          setUp = true;
        }
        await this.#step();
        failures = 0;
      } catch (err) {
        if (this.#stopped) return;
        this.stats.loopErrors++;
        this.#subs.reportError(err, null);
        // Redis loses groups with the stream (FLUSHDB, a deleted key): create it again.
        if (isTmiClusterError(err, 'TMI_ERR_NO_SUCH_GROUP')) setUp = false;
        await this.#sleeper.sleep(backoffMs(++failures));
      }
    }
  }

  /** One iteration: take over idle entries when due, else read new ones. */
  async #step(): Promise<void> {
    const { streams, group, consumer, batchSize, blockMs, clock } = this.#o;
    if (clock.now() >= this.#nextClaimAt) {
      const options = { minIdleMs: this.#o.claimIdleMs, count: batchSize };
      const claimed = await streams.claimIdle(Streams.events, group, consumer, options);
      // A full batch means there may be more: claim again right away.
      if (claimed.length < batchSize) this.#nextClaimAt = clock.now() + this.#o.claimIntervalMs;
      if (claimed.length > 0) await this.#deliver(claimed, true);
      return;
    }
    const entries = await streams.readGroup(Streams.events, group, consumer, { count: batchSize, blockMs });
    // Read after stop: leave them pending; a live consumer claims them.
    if (entries.length > 0 && !this.#stopped) await this.#deliver(entries, false);
  }

  /**
   * After a restart under the same client id, entries this consumer read but never acknowledged
   * are still pending for it: deliver them first, without waiting `claimIdleMs`.
   */
  async #recoverOwn(): Promise<void> {
    const { streams, group, consumer, batchSize } = this.#o;
    const pending = await streams.pending(Streams.events, group, { count: RECOVER_SCAN });
    const own = pending.filter((p) => p.consumer === consumer).map((p) => p.id);
    for (let i = 0; i < own.length && !this.#stopped; i += batchSize) {
      const ids = own.slice(i, i + batchSize);
      const found = await Promise.all(ids.map((id) => streams.range(Streams.events, id, id, 1)));
      const entries = found.flat();
      // Ids missing from the stream were trimmed: acknowledging drops them from the pending list.
      const gone = ids.filter((id) => !entries.some((e) => e.id === id));
      if (gone.length > 0) await streams.ack(Streams.events, group, gone);
      if (entries.length > 0) await this.#deliver(entries, true);
    }
  }

  async #deliver(entries: StreamEntry[], again: boolean): Promise<void> {
    const work = (async () => {
      const done = await deliverBatch(this.#batch, entries, again);
      if (done)
        await this.#o.streams.ack(
          Streams.events,
          this.#o.group,
          entries.map((e) => e.id),
        );
    })();
    this.#busy = work.catch(() => {});
    try {
      await work;
    } finally {
      this.#busy = null;
    }
  }
}
