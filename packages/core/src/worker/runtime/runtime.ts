import type { StreamFields } from '../../ports/stream-log.js';
import { TmiClusterError } from '../../errors/index.js';
import { Groups } from '../../protocol/streams.js';
import { ConnectionPool } from '../connection-pool.js';
import type { Identity } from '../identity.js';
import { Sleeper } from '../sleeper.js';
import type { PoolLine } from '../types.js';
import { ChannelState } from './channel-state.js';
import { executeCommand, type WorkerCommandDeps } from './command-handler.js';
import { CommandLoop } from './command-loop.js';
import { checkDeps, type WorkerRuntimeDeps } from './deps.js';
import { DrainLatch } from './drain.js';
import { eventPublisher, reportPublisher } from './event-publisher.js';
import { Ingest } from './ingest.js';
import { Heartbeat } from './heartbeat.js';
import { type WorkerIdentities, workerIdentities } from './identities.js';
import { type ResolvedRuntimeOptions, resolveRuntimeOptions, type WorkerRuntimeOptions } from './options.js';
import { RecentEvents } from './recent-events.js';
import { SayConfirmations } from './say-confirm.js';
import { SayExecutor } from './say-executor.js';
import { SayLimits } from './say-limits.js';
import { replySay } from './say-reply.js';
import { SenderSeats } from './sender-seats.js';
import { encodePayload } from '../../protocol/envelope.js';
import type { WorkerReport } from '../../protocol/reports.js';
import { emptyStats } from './stats.js';
import type { WorkerRuntimeState, WorkerRuntimeStatus } from './status.js';
import type { StreamPublisher } from './stream-publisher.js';
import { gauge, heapUsed, previousFence, workerRecord } from './worker-record.js';

export type { WorkerRuntimeDeps } from './deps.js';
export type { WorkerRuntimeState, WorkerRuntimeStatus } from './status.js';

/**
 * The worker role (DESIGN.md): one connection pool under one identity, driven by its command
 * stream, publishing every inbound line to `Streams.events` (wire format: {@link EventFields}),
 * the pool's reports to `Streams.reports`, say answers to the caller's reply stream, and a
 * heartbeat to the registry. The shared `Streams.say` is not consumed: a channel is written by the
 * worker that holds it, so clients send say commands to `Streams.worker(workerId)`.
 *
 * Lifecycle: start() → `ready`; drain() (or a `drain` command) → `draining` until the coordinator
 * says `drained` (or `drainTimeoutMs`), which resolves {@link drained}; stop() flushes, closes the
 * pool and leaves the registry. Construction validates everything (TMI_ERR_INVALID_CONFIG naming
 * the field); afterwards no input — command, IRC line or port failure — throws out of it.
 */
export class WorkerRuntime {
  readonly #deps: WorkerRuntimeDeps;
  readonly #options: ResolvedRuntimeOptions;
  readonly #identity: Identity;
  /** See {@link WorkerIdentities}: null when the worker can only read. */
  readonly #sender: Identity | null;
  readonly #seats: SenderSeats | null;
  readonly #pool: ConnectionPool;
  readonly #stats = emptyStats();
  readonly #channels = new ChannelState();
  readonly #confirmations: SayConfirmations;
  readonly #says: SayExecutor;
  readonly #events: StreamPublisher<PoolLine>;
  readonly #reports: StreamPublisher<StreamFields>;
  readonly #heartbeat: Heartbeat;
  readonly #sleeper: Sleeper;
  readonly #recent: RecentEvents;
  readonly #drain: DrainLatch;
  readonly #ingest: Ingest;
  #loop: CommandLoop | null = null;
  #state: WorkerRuntimeState = 'idle';
  #startedAt: number | null = null;
  #starting: Promise<void> | null = null;
  #stopping: Promise<void> | null = null;

  constructor(deps: WorkerRuntimeDeps, options: WorkerRuntimeOptions = {}) {
    checkDeps(deps);
    this.#deps = deps;
    const o = resolveRuntimeOptions(options);
    this.#options = o;
    const { clock, streams, limiter } = deps;
    const random = o.random ?? Math.random;
    const identities = workerIdentities(o, random);
    this.#identity = identities.reader;
    this.#sender = identities.sender;
    this.#sleeper = new Sleeper(clock);
    this.#recent = new RecentEvents(clock, o.recentEvents, o.onEvent);
    this.#drain = new DrainLatch(clock, o.drainTimeoutMs);
    this.#pool = new ConnectionPool({
      // The coordinator takes the JOIN budget when it places a channel.
      joinBudget: 'preallocated',
      ...o.pool,
      workerId: deps.workerId,
      factory: deps.connections,
      rateLimiter: limiter,
      clock,
      onLine: (line) => this.#ingest.line(line),
      onReport: (report) => this.#report(report),
    });
    const publishing = { streams, clock, random, options: o };
    this.#events = eventPublisher(publishing, this.#recent.publisherTrouble('events'));
    this.#reports = reportPublisher(publishing, this.#recent.publisherTrouble('reports'));
    this.#confirmations = new SayConfirmations(clock);
    this.#ingest = new Ingest(
      this.#stats,
      this.#events,
      this.#reports,
      this.#channels,
      this.#confirmations,
      () => this.#says,
    );
    this.#seats =
      !identities.seated || identities.sender === null
        ? null
        : new SenderSeats({
            pool: this.#pool,
            sender: identities.sender,
            workerId: deps.workerId,
            clock,
            publish: (report) => this.#reports.push(encodePayload(report)),
            timeoutMs: o.seatTimeoutMs,
            touchMs: o.seatTouchMs,
          });
    const sender = this.#sender;
    const limits =
      sender === null
        ? null
        : new SayLimits({
            limiter,
            clock,
            sleeper: this.#sleeper,
            login: sender.login,
            tier: sender.tier ?? 'normal',
            windowMs: o.privmsgWindowMs,
            channelIntervalMs: o.channelIntervalMs,
          });
    this.#says = new SayExecutor({
      pool: this.#pool,
      identity: sender ?? this.#identity,
      seats: this.#seats,
      limits,
      channels: this.#channels,
      confirmations: this.#confirmations,
      dedup: deps.dedup,
      clock,
      stats: this.#stats,
      options: o,
    });
    this.#heartbeat = new Heartbeat({
      registry: deps.registry,
      clock,
      intervalMs: o.heartbeatMs,
      ttlMs: o.heartbeatTtlMs,
      record: () => this.#record(),
      onError: (err) => this.#recent.add('heartbeat-error', `heartbeat failed: ${message(err)}`),
    });
  }

  /** The login this worker reads and writes as (`justinfan…` when anonymous). */
  get identity(): string {
    return this.#identity.login;
  }

  /** The account this worker sends as (a separate sender, or the reading identity); null when anonymous only. */
  get sender(): string | null {
    return this.#sender?.login ?? null;
  }

  /** Resolves once draining ended (the coordinator's `drained`, the drain timeout, or stop()). */
  get drained(): Promise<void> {
    return this.#drain.promise;
  }

  /**
   * Announces the worker (`ready`), re-executes the commands a previous run with the same id left
   * unacknowledged, and starts consuming commands. Idempotent.
   */
  start(): Promise<void> {
    this.#starting ??= this.#start();
    return this.#starting;
  }

  /**
   * Stops taking new channels: the registry shows `draining` at once, the coordinator moves the
   * channels away make-before-break and then sends `drained`. Keeps serving meanwhile. Resolves
   * with {@link drained}; the host then calls stop() and exits.
   */
  drain(): Promise<void> {
    this.#beginDrain('host');
    return this.#drain.promise;
  }

  /**
   * Graceful stop: no more commands (says in flight get up to `stopTimeoutMs`), the pool closes,
   * buffered events and reports are flushed (same bound), the heartbeat stops and the worker
   * leaves the registry, so the coordinator re-homes what it still held at once. Idempotent.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  status(): WorkerRuntimeStatus {
    return {
      workerId: this.#deps.workerId,
      state: this.#state,
      identity: this.#identity.login,
      sender: this.#sender?.login ?? null,
      anonymous: this.#identity.token === null,
      startedAt: this.#startedAt,
      pool: this.#pool.status(),
      stats: { ...this.#stats },
      events: this.#events.status(),
      reports: this.#reports.status(),
      commands: { inFlight: this.#loop?.inFlight ?? 0, highestFence: this.#loop?.highestFence ?? 0 },
      recent: this.#recent.list(),
    };
  }

  async #start(): Promise<void> {
    if (this.#stopping !== null)
      throw new TmiClusterError('TMI_ERR_CLOSED', 'the worker runtime was stopped');
    const deps = this.#deps;
    const o = this.#options;
    this.#startedAt = deps.clock.now();
    this.#state = 'ready';
    const commandDeps: WorkerCommandDeps = {
      pool: this.#pool,
      identity: this.#identity,
      sender: this.#sender,
      seats: this.#seats,
      says: this.#says,
      stats: this.#stats,
      reply: (command, result) =>
        replySay(deps.streams, this.#sleeper, command, result, (err) =>
          this.#recent.add('reply-error', `answer to ${command.respondTo} lost: ${message(err)}`, {
            requestId: command.requestId,
            status: result.status,
          }),
        ),
      drain: (source) => this.#beginDrain(source),
      drained: (source) => this.#finishDrain(source),
    };
    this.#loop = new CommandLoop({
      streams: deps.streams,
      clock: deps.clock,
      workerId: deps.workerId,
      group: Groups.worker,
      handler: { execute: (command) => executeCommand(commandDeps, command) },
      batch: o.commandBatch,
      blockMs: o.commandBlockMs,
      retryIdleMs: o.commandRetryIdleMs,
      maxDeliveries: o.maxDeliveries,
      maxConcurrentSays: o.maxConcurrentSays,
      initialFence: await previousFence(deps.registry, deps.workerId),
      onEvent: (kind, text, details) => {
        if (kind === 'dead-letter') this.#stats.deadLettered++;
        else if (kind === 'stale-fence') this.#stats.staleFence++;
        this.#recent.add(kind, text, details);
      },
    });
    await this.#heartbeat.start();
    await this.#loop.start();
    this.#recent.add('started', `worker ${deps.workerId} ready as ${this.#identity.login}`, {
      fence: this.#loop.highestFence,
    });
  }

  async #stop(): Promise<void> {
    await this.#starting?.catch(() => {});
    this.#state = 'stopping';
    // Tell the coordinator at once that nothing new should come here (shown as draining).
    if (this.#startedAt !== null) void this.#heartbeat.beat();
    const { clock, registry, workerId } = this.#deps;
    const deadline = clock.now() + this.#options.stopTimeoutMs;
    const left = () => Math.max(1, deadline - clock.now());
    await this.#loop?.stop(left());
    await this.#pool.close();
    const unsentEvents = await this.#events.flush(left());
    const unsentReports = await this.#reports.flush(left());
    this.#events.close();
    this.#reports.close();
    await this.#heartbeat.stop();
    try {
      if (this.#startedAt !== null) await registry.remove('worker', workerId);
    } catch (err) {
      this.#recent.add('heartbeat-error', `leaving the registry failed: ${message(err)}`);
    }
    this.#state = 'stopped';
    this.#drain.release();
    this.#recent.add('stopped', `worker ${workerId} stopped`, { unsentEvents, unsentReports });
  }

  /** The sender's channel reports belong to its seats, not to the channels this worker reads. */
  #report(report: WorkerReport): void {
    const seats = this.#seats;
    if (
      seats !== null &&
      report.type !== 'privileged' &&
      'identity' in report &&
      report.identity === seats.login
    ) {
      seats.report(report);
      return;
    }
    this.#ingest.report(report);
  }

  #beginDrain(source: string): void {
    if (this.#state === 'idle') {
      // Nothing to hand back.
      this.#drain.release();
      return;
    }
    if (this.#state !== 'ready') return;
    this.#state = 'draining';
    this.#drain.begin(() => this.#finishDrain('timeout'));
    void this.#heartbeat.beat();
    this.#recent.add('draining', `draining (asked by ${source})`, { source });
  }

  #finishDrain(source: string): void {
    if (this.#drain.finish()) this.#recent.add('drained', `drained (${source})`, { source });
    else this.#recent.add('command-error', `ignored drained from ${source}: not draining`, { source });
  }

  #record() {
    const { workerId, supervisorId, host, clock } = this.#deps;
    const o = this.#options;
    return workerRecord({
      workerId,
      supervisorId,
      host,
      state: this.#state === 'draining' || this.#state === 'stopping' ? 'draining' : 'ready',
      startedAt: this.#startedAt ?? clock.now(),
      capacity: o.capacity,
      identity: this.#identity.login,
      sender: this.#sender?.login ?? null,
      seats: this.#seats?.seated() ?? [],
      pool: this.#pool.status(),
      stats: this.#stats,
      events: this.#events.status(),
      reportsDropped: this.#reports.status().dropped,
      memory: gauge(o.memoryUsage ?? heapUsed),
      eventLoopLagMs: o.eventLoopLag === undefined ? this.#heartbeat.lagMs : gauge(o.eventLoopLag),
      fence: this.#loop?.highestFence ?? 0,
    });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
