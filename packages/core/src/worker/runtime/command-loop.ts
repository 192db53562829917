import type { Clock } from '../../ports/clock.js';
import type { StreamEntry, StreamLog } from '../../ports/stream-log.js';
import { type WorkerCommand, workerCommandSchema } from '../../protocol/commands.js';
import { decodePayload } from '../../protocol/envelope.js';
import { Streams } from '../../protocol/streams.js';
import { Sleeper } from '../sleeper.js';
import { DEAD_LETTER_MAX_LEN, deadLetterFields } from '../../protocol/dead-letter.js';

/** Dead letters are for operators, not a log: keep the newest (the coordinator's cap). */

/** How a command went: `done` is acknowledged; `retry` stays pending and is claimed again later. */
export type Execution =
  | { outcome: 'done' }
  | { outcome: 'invalid'; reason: string }
  | { outcome: 'retry'; reason: string };

/** What the loop calls; `say` and `raw` run concurrently (the loop only waits for a free slot). */
export interface CommandHandler {
  execute(command: WorkerCommand): Promise<Execution>;
}

export interface CommandLoopOptions {
  streams: StreamLog;
  clock: Clock;
  workerId: string;
  group: string;
  handler: CommandHandler;
  batch: number;
  blockMs: number;
  retryIdleMs: number;
  maxDeliveries: number;
  maxConcurrentSays: number;
  /** The highest fence a previous run of this worker saw (from its registry record), or 0. */
  initialFence: number;
  onEvent: (
    kind: 'dead-letter' | 'stale-fence' | 'command-error',
    message: string,
    details: Record<string, unknown>,
  ) => void;
}

/**
 * The worker's command inbox: consumes `Streams.worker(workerId)` in group `Groups.worker` with the
 * worker id as consumer. Each entry is validated (a bad one goes to the dead-letter stream with the
 * reason and is acknowledged, so it can never stop the loop), fenced (join, part and drained from a
 * coordinator older than the newest one seen are acknowledged and ignored), executed, and only then
 * acknowledged: at-least-once, which join and part tolerate (idempotent) and say absorbs with its
 * idempotency key. On start it first claims the entries a previous run of the same worker id left
 * unacknowledged; later, entries whose execution failed are claimed again after `retryIdleMs`,
 * up to `maxDeliveries`, then dead-lettered.
 */
export class CommandLoop {
  readonly #o: CommandLoopOptions;
  readonly #stream: string;
  readonly #sleeper: Sleeper;
  readonly #inFlight = new Map<string, Promise<void>>();
  readonly #slotWaiters: (() => void)[] = [];
  #highestFence: number;
  #stopped = true;
  #nextReclaim = 0;
  #failures = 0;

  constructor(options: CommandLoopOptions) {
    this.#o = options;
    this.#stream = Streams.worker(options.workerId);
    this.#sleeper = new Sleeper(options.clock);
    this.#highestFence = options.initialFence;
  }

  /** The newest coordinator fence seen; kept in the heartbeat so a restart can pick it up. */
  get highestFence(): number {
    return this.#highestFence;
  }

  /** Commands being executed (says in flight included). */
  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Creates the group, re-executes what a previous run left pending, then loops. */
  async start(): Promise<void> {
    const { streams, group } = this.#o;
    await streams.ensureGroup(this.#stream, group, 'start');
    this.#stopped = false;
    const pending = await streams.pending(this.#stream, group);
    if (pending.length > 0) {
      // Own stream, so everything pending is ours; minIdleMs 0 because a restart is immediate.
      const claimed = await streams.claimIdle(this.#stream, group, this.#o.workerId, {
        minIdleMs: 0,
        count: pending.length,
      });
      await this.#process(claimed);
    }
    this.#nextReclaim = this.#o.clock.now() + this.#o.retryIdleMs;
    void this.#run();
  }

  /**
   * Stops reading and waits (up to `timeoutMs`) for commands in flight. A blocked read is not
   * awaited: whatever it returns after this stays pending and is claimed by the next run.
   */
  async stop(timeoutMs: number): Promise<void> {
    this.#stopped = true;
    this.#sleeper.wakeAll();
    for (const wake of this.#slotWaiters.splice(0)) wake();
    if (this.#inFlight.size === 0) return;
    await new Promise<void>((resolve) => {
      const timer = this.#o.clock.setTimeout(resolve, timeoutMs);
      void Promise.allSettled([...this.#inFlight.values()]).then(() => {
        timer.cancel();
        resolve();
      });
    });
  }

  async #run(): Promise<void> {
    const { streams, group, workerId, clock } = this.#o;
    while (!this.#stopped) {
      try {
        if (clock.now() >= this.#nextReclaim) {
          this.#nextReclaim = clock.now() + this.#o.retryIdleMs;
          const again = await streams.claimIdle(this.#stream, group, workerId, {
            minIdleMs: this.#o.retryIdleMs,
            count: this.#o.batch,
          });
          await this.#process(again.filter((e) => !this.#inFlight.has(e.id)));
        }
        const entries = await streams.readGroup(this.#stream, group, workerId, {
          count: this.#o.batch,
          blockMs: this.#o.blockMs,
        });
        if (this.#stopped) break;
        await this.#process(entries);
        this.#failures = 0;
      } catch (err) {
        // The stream is unreachable: back off and try again; nothing was acknowledged.
        this.#failures++;
        this.#o.onEvent('command-error', `reading commands failed: ${message(err)}`, {
          failures: this.#failures,
        });
        await this.#sleeper.sleep(Math.min(30_000, 250 * 2 ** Math.min(this.#failures, 7)));
      }
    }
  }

  async #process(entries: readonly StreamEntry[]): Promise<void> {
    for (const entry of entries) {
      if (this.#stopped) return;
      const command = await this.#accept(entry);
      if (command === null) continue;
      // Says and raw lines may wait (budget, Twitch's answer, a connection opening): they run
      // beside the loop so a join behind them is not held up.
      if (command.type === 'say' || command.type === 'raw') {
        await this.#slot();
        if (this.#stopped) return;
        this.#track(entry, command);
      } else {
        await this.#finish(entry, await this.#safely(command));
      }
    }
  }

  /** Validates and fences one entry; null when it was dead-lettered or ignored (and acknowledged). */
  async #accept(entry: StreamEntry): Promise<WorkerCommand | null> {
    if (entry.deliveries > this.#o.maxDeliveries) {
      await this.#deadLetter(entry, `not executed after ${entry.deliveries - 1} deliveries`);
      return null;
    }
    const decoded = decodePayload(entry.fields, workerCommandSchema);
    if (!decoded.ok) {
      await this.#deadLetter(entry, decoded.reason);
      return null;
    }
    const command = decoded.value;
    if ('fence' in command) {
      if (command.fence < this.#highestFence) {
        this.#o.onEvent('stale-fence', `ignored ${command.type} from a deposed coordinator`, {
          id: entry.id,
          fence: command.fence,
          highest: this.#highestFence,
        });
        await this.#ack(entry.id);
        return null;
      }
      this.#highestFence = command.fence;
    }
    return command;
  }

  #track(entry: StreamEntry, command: WorkerCommand): void {
    const run = this.#safely(command).then((execution) => this.#finish(entry, execution));
    const tracked = run.finally(() => {
      this.#inFlight.delete(entry.id);
      this.#slotWaiters.shift()?.();
    });
    this.#inFlight.set(entry.id, tracked);
  }

  /** Waits while `maxConcurrentSays` says and raw lines are in flight. */
  async #slot(): Promise<void> {
    while (this.#inFlight.size >= this.#o.maxConcurrentSays && !this.#stopped)
      await new Promise<void>((resolve) => this.#slotWaiters.push(resolve));
  }

  async #safely(command: WorkerCommand): Promise<Execution> {
    try {
      return await this.#o.handler.execute(command);
    } catch (err) {
      return { outcome: 'retry', reason: message(err) };
    }
  }

  async #finish(entry: StreamEntry, execution: Execution): Promise<void> {
    try {
      if (execution.outcome === 'done') await this.#ack(entry.id);
      else if (execution.outcome === 'invalid') await this.#deadLetter(entry, execution.reason);
      else
        this.#o.onEvent('command-error', `command ${entry.id} failed; retried later: ${execution.reason}`, {
          id: entry.id,
          deliveries: entry.deliveries,
        });
    } catch (err) {
      // Not acknowledged: it stays pending and is claimed again, which join/part/say tolerate.
      this.#o.onEvent('command-error', `acknowledging ${entry.id} failed: ${message(err)}`, { id: entry.id });
    }
  }

  async #ack(id: string): Promise<void> {
    await this.#o.streams.ack(this.#stream, this.#o.group, [id]);
  }

  /** Keeps the refused entry with its origin and the reason, then acknowledges it. */
  async #deadLetter(entry: StreamEntry, reason: string): Promise<void> {
    await this.#o.streams.append(Streams.deadLetter, deadLetterFields(this.#stream, entry, reason), {
      maxLen: DEAD_LETTER_MAX_LEN,
    });
    await this.#ack(entry.id);
    this.#o.onEvent('dead-letter', `${this.#stream} ${entry.id}: ${reason}`, { id: entry.id, reason });
  }
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
