import type { Clock, TimerHandle } from '../ports/clock.js';
import type { MemberRecord, Registry } from '../ports/registry.js';
import type { StreamLog } from '../ports/stream-log.js';
import type { WorkerHost } from '../ports/worker-host.js';
import type { SupervisorCommand } from '../protocol/commands.js';
import { CommandReader } from './command-reader.js';
import { CrashHistory } from './crash-history.js';
import type { SupervisorEvent, SupervisorEventType } from './events.js';
import { SUPERVISOR_EXIT } from './exit-codes.js';
import { supervisorRecord } from './heartbeat.js';
import { type SupervisorOptions, type SupervisorOptionsInput, resolveSupervisorOptions } from './options.js';
import { WorkerPool } from './pool.js';
import { type SupervisorStatus, supervisorStatus } from './status.js';

/** What a supervisor runs on; `clock` drives every timer, so tests use a ManualClock. */
export interface SupervisorDeps {
  /** Unique per running supervisor (`<host>-<random>`); names its workers and command stream. */
  id: string;
  host: string;
  pid?: number;
  registry: Registry;
  streams: StreamLog;
  workerHost: WorkerHost;
  clock: Clock;
  /** [0, 1) for restart jitter; default Math.random. */
  random?: () => number;
  /** The supervisor's own memory in bytes (the CLI passes RSS); without it the limit is not checked. */
  selfMemory?: () => number | null;
  onEvent?: (event: SupervisorEvent) => void;
}

export interface TerminateOptions {
  /** Kill every worker now instead of draining (also cuts a graceful terminate short). */
  force?: boolean;
}

/**
 * One per host: keeps its pool of workers at the target the coordinator sends, restarts crashed
 * ones behind a back-off, drains on scale-in, pause and terminate (every wait bounded), enforces
 * memory limits, and announces itself in the registry every second. It owns its state alone:
 * every change comes from its command stream, a public method, a worker event or a timer, all
 * on one event loop. Signals are the CLI's business; it calls {@link terminate}, {@link pause}
 * and {@link continue}. Pausing keeps the supervisor (and the coordinator candidacy the CLI runs
 * beside it) alive, with no workers.
 */
export class Supervisor {
  readonly #d: SupervisorDeps;
  readonly #options: Readonly<SupervisorOptions>;
  readonly #pool: WorkerPool;
  readonly #reader: CommandReader;
  readonly #startedAt: number;
  readonly #terminated: Promise<number>;
  #resolveTerminated!: (code: number) => void;
  #timers: TimerHandle[] = [];
  #beat: Promise<void> | null = null;
  #started = false;
  #terminating = false;
  #exitCode: number = SUPERVISOR_EXIT.ok;

  constructor(deps: SupervisorDeps, options: SupervisorOptionsInput = {}) {
    this.#d = deps;
    this.#options = resolveSupervisorOptions(options);
    this.#startedAt = deps.clock.now();
    this.#terminated = new Promise((resolve) => {
      this.#resolveTerminated = resolve;
    });
    const emit = this.#emit.bind(this);
    this.#pool = new WorkerPool({
      supervisorId: deps.id,
      host: deps.workerHost,
      clock: deps.clock,
      options: this.#options,
      crashes: new CrashHistory(this.#options, deps.random ?? Math.random),
      emit,
    });
    this.#reader = new CommandReader({
      streams: deps.streams,
      clock: deps.clock,
      supervisorId: deps.id,
      blockMs: this.#options.commandBlockMs,
      onCommand: (command) => this.#onCommand(command),
      onDeadLetter: (entry, reason) =>
        emit('dead-letter', `invalid supervisor command ${entry.id}: ${reason}`, undefined, {
          id: entry.id,
          reason,
        }),
      onError: (err) => emit('error', `command stream: ${message(err)}`),
    });
  }

  get id(): string {
    return this.#d.id;
  }

  get options(): Readonly<SupervisorOptions> {
    return this.#options;
  }

  /** Resolves once terminated, with the exit code (see SUPERVISOR_EXIT); never rejects. */
  get terminated(): Promise<number> {
    return this.#terminated;
  }

  /**
   * Creates the command group, registers, starts `initialWorkers` and the loops. Rejects (and
   * starts nothing) when the streams or the registry cannot be reached.
   */
  async start(): Promise<void> {
    if (this.#started || this.#terminating) return;
    this.#started = true;
    await this.#reader.ensure();
    await this.#d.registry.heartbeat(this.#record(), this.#options.heartbeatTtlMs);
    const { clock } = this.#d;
    this.#timers.push(
      clock.setInterval(() => this.#heartbeat(), this.#options.heartbeatIntervalMs),
      clock.setInterval(() => this.#housekeeping(), this.#options.memoryCheckIntervalMs),
    );
    this.#reader.start();
    this.#emit('started', `supervisor ${this.#d.id} started`, undefined, {
      target: this.#options.initialWorkers,
    });
    this.scale(this.#options.initialWorkers);
  }

  /**
   * Sets the target (clamped to `maxWorkers`). Workers in `drain` (the coordinator's choice for a
   * scale-in) retire first, whatever the count; a remaining surplus retires newest first.
   */
  scale(workers: number, drain: readonly string[] = []): void {
    if (this.#terminating) return;
    const target = Math.max(0, Math.min(this.#options.maxWorkers, Math.floor(workers)));
    if (target !== workers) {
      this.#emit('scaled', `target ${workers} clamped to ${target}`, undefined, {
        requested: workers,
        target,
      });
    } else if (target !== this.#pool.target || drain.length > 0) {
      this.#emit('scaled', `target ${this.#pool.target} → ${target}`, undefined, {
        target,
        drain: [...drain],
      });
    }
    this.#pool.retireNamed(drain);
    this.#pool.setTarget(target);
  }

  /** Stops taking work: drains and stops every worker, keeps running with `paused` in its heartbeat. */
  pause(): void {
    if (this.#terminating || this.#pool.paused) return;
    this.#emit('paused', `supervisor paused; draining ${this.#pool.activeCount} worker(s)`);
    this.#pool.setPaused(true);
    this.#heartbeat();
  }

  /** Back to the target after {@link pause}. */
  continue(): void {
    if (this.#terminating || !this.#pool.paused) return;
    this.#emit('continued', `supervisor continues with ${this.#pool.target} worker(s)`);
    this.#pool.setPaused(false);
    this.#heartbeat();
  }

  /**
   * Stops restarting, drains every worker in parallel (their channels move make-before-break),
   * kills the hung ones, deregisters and resolves {@link terminated}. Bounded: at most
   * `drainTimeoutMs + 2 × killTimeoutMs`. A second call returns the same promise; `force` also
   * on a second call kills what is left at once (exit code 6).
   */
  terminate(options: TerminateOptions = {}): Promise<number> {
    return this.#terminate(options.force === true, SUPERVISOR_EXIT.ok);
  }

  status(): SupervisorStatus {
    return supervisorStatus(this.#d.id, this.#pool, this.#terminating);
  }

  #terminate(force: boolean, code: number): Promise<number> {
    if (force) this.#exitCode = SUPERVISOR_EXIT.forced;
    if (this.#terminating) {
      if (force) void this.#pool.close(true);
      return this.#terminated;
    }
    this.#terminating = true;
    if (!force) this.#exitCode = code;
    this.#emit('terminating', `supervisor terminating${force ? ' (forced)' : ''}`, undefined, { force });
    void this.#reader.stop();
    this.#heartbeat();
    void this.#pool.close(force).then(() => this.#finish());
    return this.#terminated;
  }

  #onCommand(command: SupervisorCommand): void {
    switch (command.type) {
      case 'scale':
        this.scale(command.workers, command.drain);
        return;
      case 'pause':
        this.pause();
        return;
      case 'continue':
        this.continue();
        return;
      case 'terminate':
        void this.terminate();
        return;
    }
  }

  #housekeeping(): void {
    if (this.#terminating) return;
    const limit = this.#options.memoryLimitBytes;
    const own = this.#d.selfMemory?.() ?? null;
    if (limit !== null && own !== null && own > limit) {
      this.#emit('memory-limit', `supervisor uses ${own} bytes (limit ${limit}); terminating`, undefined, {
        bytes: own,
        limit,
      });
      void this.#terminate(false, SUPERVISOR_EXIT.memoryLimit);
      return;
    }
    this.#pool.checkSilence();
    void this.#pool
      .checkMemory()
      .catch((err: unknown) => this.#emit('error', `memory check: ${message(err)}`));
  }

  /** One heartbeat at a time: a slow registry must not pile up writes. */
  #heartbeat(): void {
    if (this.#beat !== null || !this.#started) return;
    this.#beat = this.#d.registry
      .heartbeat(this.#record(), this.#options.heartbeatTtlMs)
      .catch((err: unknown) => this.#emit('error', `heartbeat: ${message(err)}`))
      .finally(() => {
        this.#beat = null;
      });
  }

  #record(): MemberRecord {
    return supervisorRecord({
      id: this.#d.id,
      host: this.#d.host,
      pid: this.#d.pid ?? null,
      startedAt: this.#startedAt,
      pool: this.#pool,
      terminating: this.#terminating,
      memory: this.#d.selfMemory?.() ?? null,
    });
  }

  async #finish(): Promise<void> {
    for (const timer of this.#timers) timer.cancel();
    this.#timers = [];
    // Wait for a heartbeat in flight, else it could re-create the record we remove.
    await this.#beat;
    if (this.#started) {
      await this.#d.registry
        .remove('supervisor', this.#d.id)
        .catch((err: unknown) => this.#emit('error', `deregister: ${message(err)}`));
    }
    this.#emit('terminated', `supervisor terminated (exit code ${this.#exitCode})`, undefined, {
      code: this.#exitCode,
    });
    this.#resolveTerminated(this.#exitCode);
  }

  #emit(type: SupervisorEventType, text: string, workerId?: string, data?: Record<string, unknown>): void {
    const event: SupervisorEvent = { at: this.#d.clock.now(), type, message: text };
    if (workerId !== undefined) event.workerId = workerId;
    if (data !== undefined) event.data = data;
    try {
      this.#d.onEvent?.(event);
    } catch {
      // A failing logger must not break the loop that keeps workers alive.
    }
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
