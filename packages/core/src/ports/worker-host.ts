import { z } from 'zod';

/**
 * Starts workers for a supervisor: worker threads in embedded mode, forked child processes in
 * cluster mode (DESIGN.md, "Two ways to run"). The supervisor only sees {@link WorkerHandle}s, so
 * its loop is the same for both and is tested with a fake host.
 */
export interface WorkerHost {
  /**
   * Starts one worker. Never waits for it: the worker says `ready` over its channel when it is.
   * May throw when the host cannot start anything (the supervisor counts that as a crash).
   */
  spawn(options: WorkerSpawnOptions): WorkerHandle;
}

export interface WorkerSpawnOptions {
  /** Unique within the cluster (`<supervisorId>-w<n>`); the worker registers under it. */
  workerId: string;
  supervisorId: string;
}

/**
 * One running worker. Events, in order: any number of `message`s and `error`s, then exactly one
 * `exit` (also when the worker could not be started); nothing after `exit`.
 */
export interface WorkerHandle {
  readonly id: string;
  readonly kind: 'thread' | 'process';
  /** OS process id (processes only). */
  readonly pid?: number;
  /** Sends a lifecycle message; silently dropped once the worker is gone (its `exit` follows). */
  send(message: SupervisorToWorker): void;
  /** Ends the worker at once (SIGKILL, thread terminate): for workers that ignore `stop`. */
  kill(): void;
  on<E extends keyof WorkerHandleEvents>(event: E, listener: (...args: WorkerHandleEvents[E]) => void): void;
  /**
   * Memory the worker uses in bytes: resident set size for a process, isolate heap for a thread;
   * null when unknown (not reported yet, or the worker is gone).
   */
  memory(): Promise<number | null>;
}

export interface WorkerHandleEvents {
  /** A valid lifecycle message (invalid ones are reported as `error` and dropped). */
  message: [WorkerToSupervisor];
  /** Something went wrong that does not by itself end the worker (or precedes its `exit`). */
  error: [Error];
  exit: [WorkerExit];
}

/** How a worker ended: an exit code, or the signal that killed a process (`SIGKILL`). */
export interface WorkerExit {
  code: number | null;
  signal: string | null;
}

/** Supervisor → worker: hand your channels back (`drain`), then end (`stop`). */
export type SupervisorToWorker = { type: 'drain' } | { type: 'stop' };

/**
 * Worker → supervisor: started (`ready`), handing channels back (`draining`), holds nothing any
 * more (`drained`), periodic `stats` (memory in bytes, event-loop lag in ms; also the worker's
 * liveness signal), and `fatal` just before it exits on an error it cannot recover from.
 */
export type WorkerToSupervisor =
  | { type: 'ready' }
  | { type: 'draining' }
  | { type: 'drained' }
  | { type: 'stats'; memory: number; lagMs: number }
  | { type: 'fatal'; message: string };

// zod 4 numbers already refuse NaN and ±Infinity.
const nonNegative = z.number().min(0);

const workerToSupervisorSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('draining') }),
  z.object({ type: z.literal('drained') }),
  z.object({ type: z.literal('stats'), memory: nonNegative, lagMs: nonNegative }),
  // Long messages are cut rather than refused: the reason a worker died must reach the log.
  z.object({ type: z.literal('fatal'), message: z.string().transform((m) => m.slice(0, 2_000)) }),
]);

const supervisorToWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('drain') }),
  z.object({ type: z.literal('stop') }),
]);

/** A parsed lifecycle message, or why the raw value is not one. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Validates what a worker sent (hosts call it on receipt; the channel is not trusted). */
export function parseWorkerMessage(raw: unknown): Parsed<WorkerToSupervisor> {
  return parse(workerToSupervisorSchema, raw);
}

/** Validates what the supervisor sent (the worker bootstrap calls it on receipt). */
export function parseSupervisorMessage(raw: unknown): Parsed<SupervisorToWorker> {
  return parse(supervisorToWorkerSchema, raw);
}

function parse<T>(schema: z.ZodType<T>, raw: unknown): Parsed<T> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const reason = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  return { ok: false, reason };
}
