/** The three drain deadlines of one worker, nested so each inner one ends before the outer one. */
export interface DrainTimeouts {
  /** The coordinator stops waiting for replacements and parts what is left (then sends `drained`). */
  coordinatorMs: number;
  /** The worker ends its drain by itself if `drained` never came (a lost coordinator). */
  workerMs: number;
  /** The supervisor stops (and later kills) a draining worker that has not exited. */
  supervisorMs: number;
}

/**
 * Splits one drain budget (`supervisor.drainTimeoutMs`, how long a graceful stop may take) into
 * the deadlines of the three roles: the coordinator gets two thirds to move channels
 * make-before-break, the worker ends its own drain at five sixths, and the supervisor's deadline
 * is the whole budget. So the coordinator's `drained` normally ends a drain, the worker's own
 * timeout only covers a lost coordinator, and the last sixth is left for the worker to stop
 * (flush events, close sockets) before the supervisor steps in. 90 s gives 60/75/90 s, the
 * coordinator's 60 s being the original's.
 */
export function drainTimeouts(totalMs: number): DrainTimeouts {
  // 3 ms is the least budget with three distinct deadlines; tiny budgets are for tests.
  const total = Math.max(3, Math.round(totalMs));
  const workerMs = Math.min(total - 1, Math.floor((total * 5) / 6));
  const coordinatorMs = Math.max(1, Math.min(workerMs - 1, Math.floor((total * 2) / 3)));
  return { coordinatorMs, workerMs, supervisorMs: total };
}

/** The default budget: the supervisor's 90 s. */
export const DEFAULT_DRAIN_TIMEOUTS: Readonly<DrainTimeouts> = Object.freeze(drainTimeouts(90_000));
