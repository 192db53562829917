import type { WorkerPorts } from '../bridge/spec.js';
import type { WorkerData } from './worker-data.js';

export type { WorkerPorts } from '../bridge/spec.js';

/**
 * The body of a worker (the WorkerRuntime, plugged in by the integrator; test fixtures). It
 * resolves when the worker is done; the bootstrap then exits. Rules:
 * - call `lifecycle.ready()` once it takes work (registered, connections opening); before that
 *   the supervisor may stop it without a drain;
 * - register `onDrain` to hand channels back: the bootstrap sends `draining`, awaits the
 *   handler, then sends `drained` (a worker without a handler is drained at once);
 * - register `onStop` to close connections: once it resolves the worker exits (code 0), whether
 *   or not `main` has returned; the supervisor kills it after its `killTimeoutMs` otherwise;
 * - throwing (or rejecting) is fatal: `fatal` is sent and the worker exits with code 10.
 */
export type WorkerMain = (ctx: WorkerContext) => Promise<void>;

export interface WorkerContext {
  workerId: string;
  supervisorId: string;
  /** The whole worker data (ids plus the host's config). */
  config: WorkerData;
  /** Streams, registry, rate limiter, de-dup: the main thread's adapters (threads) or Redis (processes). */
  ports: WorkerPorts;
  lifecycle: WorkerLifecycle;
}

export interface WorkerLifecycle {
  /** Says `ready` (once). */
  ready(): void;
  /** Says `draining` (once; the bootstrap says it by itself when a drain starts). */
  draining(): void;
  /** Says `drained` (once; the bootstrap says it when the drain handlers resolved). */
  drained(): void;
  onDrain(handler: () => void | Promise<void>): void;
  onStop(handler: () => void | Promise<void>): void;
  /** Sends stats now; measured memory and lag unless given. The bootstrap also sends them periodically. */
  stats(values?: { memory?: number; lagMs?: number }): void;
  /** Resolves when the supervisor said `stop`: for mains that just wait. */
  readonly stopped: Promise<void>;
}
