import { AssignmentModel } from '../distributor/assignment-model.js';
import { ChannelDistributor } from '../distributor/distributor.js';
import { JoinBudget } from '../distributor/join-budget.js';
import { WorkerView } from '../distributor/worker-view.js';
import type { AssignmentStore, Fence } from '../ports/assignment-store.js';
import type { ChannelEventSink } from '../ports/channel-event-sink.js';
import type { ChannelManager } from '../ports/channel-manager.js';
import type { Clock } from '../ports/clock.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { Registry } from '../ports/registry.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { type CoordinatorCommand, coordinatorCommandSchema } from '../protocol/commands.js';
import { type WorkerReport, workerReportSchema } from '../protocol/reports.js';
import { Groups, Streams } from '../protocol/streams.js';
import type { GapRecord } from '../protocol/gaps.js';
import type { LifecycleEventType } from './event-log.js';
import { Inbox } from './inbox.js';
import { type CoordinatorOptions, joinLimitFor, maxChannelsFor } from './options.js';
import { Outbox } from './outbox.js';
import { SeatBook } from './seat-book.js';

/** The ports a coordinator works through. */
export interface CoordinatorDeps {
  streams: StreamLog;
  registry: Registry;
  limiter: RateLimiter;
  store: AssignmentStore;
  channels: ChannelManager;
  clock: Clock;
  /** Jitter source for stale cleanup. Default Math.random. */
  random?: () => number;
  /** Where joins, parts and failures are recorded (the Database manager's event log); must not block. */
  channelEvents?: ChannelEventSink;
}

/** Where handlers report what happened (the coordinator's status rings). */
export interface EventSink {
  event(type: LifecycleEventType, message: string, data?: Record<string, unknown>): void;
  gap(gap: GapRecord): void;
}

export type { GapRecord } from '../protocol/gaps.js';

/**
 * Everything one leadership term owns: built when the lease is won, thrown away when it is lost
 * or when a failed write leaves memory and store out of step (the next term reloads the store).
 */
export class Term {
  readonly model = new AssignmentModel();
  readonly view = new WorkerView();
  /** The sender accounts' concurrent channels (seats), counted cluster-wide. */
  readonly seats = new SeatBook();
  /** Seats are learnt from the workers' heartbeats once per term, at its first sweep. */
  seatsAdopted = false;
  readonly distributor: ChannelDistributor;
  readonly outbox: Outbox;
  readonly commands: Inbox<CoordinatorCommand>;
  readonly reports: Inbox<WorkerReport>;
  /** Draining workers and when we first saw them draining. */
  readonly drainStarted = new Map<string, number>();
  /** Draining workers already told `drained`. */
  readonly drainedSent = new Set<string>();
  /** Each worker's last heartbeat seen, for the start of a gap when it dies. */
  readonly lastSeen = new Map<string, number>();
  /**
   * Channels a dead worker held alone, with its last heartbeat: when another worker confirms one,
   * the stretch in between is reported as a gap.
   */
  readonly lost = new Map<string, { workerId: string; from: number }>();
  /** Workers whose bad heartbeat data was already reported. */
  readonly invalidSeen = new Set<string>();
  readonly startedAt: number;
  nextSweepAt = 0;
  /** A new term first takes over every unacknowledged command and report (a dead coordinator's). */
  reclaimAll = true;
  nextReclaimAt: number;
  nextReconnectAt: number;
  nextStaleAt: number;
  nextScaleAt = 0;

  constructor(
    readonly deps: CoordinatorDeps,
    readonly options: CoordinatorOptions,
    readonly fence: Fence,
    readonly events: EventSink,
  ) {
    const now = deps.clock.now();
    this.startedAt = now;
    this.nextReclaimAt = now + options.commandRetryIdleMs;
    this.nextReconnectAt = now;
    this.nextStaleAt = now + this.staleDelay();
    this.outbox = new Outbox(deps.streams, fence.token, options.maxChannelsPerCommand);
    this.distributor = new ChannelDistributor({
      store: deps.store,
      fence,
      model: this.model,
      view: this.view,
      budget: new JoinBudget(deps.limiter, (identity) => joinLimitFor(options, identity)),
      sender: this.outbox,
      clock: deps.clock,
      onPlaced: (placed) => {
        const workers = new Set([...placed.values()].flat());
        events.event('placed', `${placed.size} channel(s) on ${workers.size} worker(s)`, {
          channels: placed.size,
          workers: workers.size,
        });
      },
      options: {
        maxChannelsFor: (identity) => maxChannelsFor(options, identity),
        seatsUsed: (identity) => this.seats.counted(identity),
        retryBaseMs: options.retryBaseMs,
        retryMaxMs: options.retryMaxMs,
      },
    });
    const inbox = { streams: deps.streams, consumer: options.consumer, outbox: this.outbox };
    const onDeadLetter = (stream: string) => (reason: string, entry: StreamEntry) =>
      events.event('dead-letter', `${stream} ${entry.id}: ${reason}`, { stream, id: entry.id, reason });
    this.commands = new Inbox({
      ...inbox,
      stream: Streams.coordinator,
      group: Groups.coordinator,
      schema: coordinatorCommandSchema,
      maxDeliveries: options.maxDeliveries,
      onDeadLetter: onDeadLetter(Streams.coordinator),
    });
    this.reports = new Inbox({
      ...inbox,
      stream: Streams.reports,
      group: Groups.reports,
      schema: workerReportSchema,
      maxDeliveries: options.maxDeliveries,
      onDeadLetter: onDeadLetter(Streams.reports),
    });
  }

  get now(): number {
    return this.deps.clock.now();
  }

  /** Stale cleanup runs every interval plus jitter, so several clusters on one database do not align. */
  staleDelay(): number {
    return this.options.staleIntervalMs + (this.deps.random ?? Math.random)() * this.options.staleJitterMs;
  }
}
