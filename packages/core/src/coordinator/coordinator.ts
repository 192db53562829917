import { isTmiClusterError, TmiClusterError } from '../errors/index.js';
import type { Fence } from '../ports/assignment-store.js';
import type { TimerHandle } from '../ports/clock.js';
import { type CoordinatorCommand, coordinatorCommandSchema } from '../protocol/commands.js';
import type { CoordinatorReply } from '../protocol/results.js';
import { AutoScaler } from '../scaler/auto-scaler.js';
import { handleCommand } from './command-handler.js';
import { type LifecycleEvent, type LifecycleEventType, Ring } from './event-log.js';
import {
  type CoordinatorOptions,
  type CoordinatorOptionsInput,
  resolveCoordinatorOptions,
} from './options.js';
import { resume } from './resume.js';
import { Serial } from './serial.js';
import { type CoordinatorStatus, termStatus } from './status.js';
import { type CoordinatorDeps, type GapRecord, Term } from './term.js';
import { runTick } from './tick.js';

/** After a failed step the term is rebuilt from the store, waiting 1 s, 2 s … up to 30 s. */
const REBUILD_BASE_MS = 1_000;
const REBUILD_MAX_MS = 30_000;

/**
 * The cluster's single channel coordinator. Runs only while its candidate holds the lease
 * (`CoordinatorElection` calls {@link start} with the fence and {@link stop} when the lease is
 * lost). One loop (a timer every `pollMs`, serialised with in-process calls) owns all state:
 * commands and reports from their streams, the join queue, re-homing, draining, hooks, scaling.
 */
export class Coordinator {
  readonly #deps: CoordinatorDeps;
  readonly #options: Readonly<CoordinatorOptions>;
  readonly #serial = new Serial();
  readonly #events: Ring<LifecycleEvent>;
  readonly #gaps: Ring<GapRecord>;
  readonly #scaler: AutoScaler | null;
  readonly #onLeaseLost: (() => void) | undefined;
  #term: Term | null = null;
  #timer: TimerHandle | null = null;
  #ticking = false;
  #failures = 0;
  #retryAt = 0;

  constructor(deps: CoordinatorDeps, options: CoordinatorOptionsInput = {}, onLeaseLost?: () => void) {
    this.#deps = deps;
    this.#options = resolveCoordinatorOptions(options);
    this.#events = new Ring(this.#options.recentEvents);
    this.#gaps = new Ring(this.#options.recentGaps);
    this.#scaler = this.#options.scaler === false ? null : new AutoScaler(this.#options.scaler);
    this.#onLeaseLost = onLeaseLost;
  }

  get options(): Readonly<CoordinatorOptions> {
    return this.#options;
  }

  get active(): boolean {
    return this.#term !== null;
  }

  get fence(): Fence | null {
    return this.#term?.fence ?? null;
  }

  /** Becomes the active coordinator under `fence`: loads the store and starts the loop. */
  start(fence: Fence): Promise<void> {
    return this.#serial.run(async () => {
      this.#halt();
      const term = this.#newTerm(fence);
      await resume(term);
      this.#term = term;
      this.#failures = 0;
      this.#event('started', `coordinator active with token ${fence.token}`, {
        token: fence.token,
        wanted: term.model.wanted.size,
        queued: term.distributor.queue.size,
      });
      this.#timer = this.#deps.clock.setInterval(() => this.#onTimer(), this.#options.pollMs);
    });
  }

  /** Stops acting as coordinator (the lease is gone or the process shuts down). */
  stop(): Promise<void> {
    return this.#serial.run(async () => {
      if (this.#term !== null) this.#event('stopped', 'coordinator stopped');
      this.#halt();
    });
  }

  /** One loop iteration; the timer calls it every `pollMs`, tests call it directly. */
  tick(): Promise<void> {
    return this.#serial.run(() =>
      this.#guard(async (term) => {
        if (this.#failures > 0 && this.#deps.clock.now() < this.#retryAt) return;
        await runTick(await this.#rebuildIfBroken(term), this.#scaler);
        this.#failures = 0;
      }),
    );
  }

  /**
   * Executes a command in-process (embedded mode, CLI in the same process) and returns the reply;
   * the command is validated like a stream payload (TMI_ERR_INVALID_COMMAND).
   */
  handle(command: unknown): Promise<CoordinatorReply> {
    const parsed = coordinatorCommandSchema.safeParse(command);
    if (!parsed.success) {
      const reason = parsed.error.issues
        .map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`)
        .join('; ');
      return Promise.reject(new TmiClusterError('TMI_ERR_INVALID_COMMAND', reason, { reason }));
    }
    const valid: CoordinatorCommand = parsed.data;
    return this.#serial.run(async () => {
      let reply: CoordinatorReply | undefined;
      await this.#guard(async (term) => {
        reply = await handleCommand(await this.#rebuildIfBroken(term), valid);
        this.#failures = 0;
      }, true);
      if (reply === undefined)
        throw new TmiClusterError('TMI_ERR_NOT_CONNECTED', 'this coordinator is not active');
      return reply;
    });
  }

  /** Counts, workers and recent events for the CLI and the dashboard. */
  status(): CoordinatorStatus {
    const term = this.#term;
    const base = {
      active: term !== null,
      fence: term?.fence ?? null,
      since: term?.startedAt ?? null,
      scaleTargets: Object.fromEntries(this.#scaler?.targets ?? []),
      recentEvents: this.#events.toArray(),
      recentGaps: this.#gaps.toArray(),
    };
    if (term === null) {
      const zero = { pending: 0, confirmed: 0, failed: 0 };
      return {
        ...base,
        wanted: 0,
        queued: 0,
        placed: 0,
        placements: zero,
        failedByReason: {},
        seats: {},
        workers: [],
      };
    }
    return { ...base, ...termStatus(term) };
  }

  /** Runs a step; a lost lease stops the coordinator, other errors schedule a rebuild. */
  async #guard(step: (term: Term) => Promise<void>, rethrow = false): Promise<void> {
    const term = this.#term;
    if (term === null) return;
    try {
      await step(term);
    } catch (err) {
      if (isTmiClusterError(err, 'TMI_ERR_LEASE_LOST')) {
        this.#event('lease-lost', 'another coordinator took over; stopping', { token: term.fence.token });
        this.#halt();
        this.#onLeaseLost?.();
      } else if (isTmiClusterError(err, 'TMI_ERR_DATABASE')) {
        // The channel manager's database failed. Commands ask it before writing anything, so
        // memory and store still agree: no rebuild and no back-off, the loop carries on serving
        // the channels it holds, and the unacknowledged command is delivered again later.
        this.#event('error', `channel manager unavailable: ${err.message}; the command is retried later`);
      } else {
        this.#failures++;
        const wait = Math.min(REBUILD_MAX_MS, REBUILD_BASE_MS * 2 ** (this.#failures - 1));
        this.#retryAt = this.#deps.clock.now() + wait;
        this.#event(
          'error',
          `${err instanceof Error ? err.message : String(err)}; state reloads in ${wait} ms`,
        );
      }
      if (rethrow) throw err;
    }
  }

  /** After a failed step memory may be ahead of the store: start over from the store. */
  async #rebuildIfBroken(term: Term): Promise<Term> {
    if (this.#failures === 0) return term;
    const fresh = this.#newTerm(term.fence);
    await resume(fresh);
    this.#term = fresh;
    return fresh;
  }

  #newTerm(fence: Fence): Term {
    return new Term(this.#deps, this.#options, fence, {
      event: (type, message, data) => this.#event(type, message, data),
      gap: (gap) => this.#gaps.push(gap),
    });
  }

  #onTimer(): void {
    if (this.#ticking) return;
    this.#ticking = true;
    void this.tick().finally(() => {
      this.#ticking = false;
    });
  }

  #halt(): void {
    this.#timer?.cancel();
    this.#timer = null;
    this.#term = null;
  }

  #event(type: LifecycleEventType, message: string, data?: Record<string, unknown>): void {
    this.#events.push({ at: this.#deps.clock.now(), type, message, ...(data === undefined ? {} : { data }) });
  }
}
