import { z } from 'zod';
import { TmiClusterError } from '../errors/index.js';
import { DEFAULT_DRAIN_TIMEOUTS } from '../domain/drain-timeouts.js';

const ms = z.number().int().min(1);
const bytes = z.number().int().min(1).nullable();

const MIB = 1024 * 1024;

/** Validates supervisor options and fills defaults; each default says why in {@link SupervisorOptions}. */
export const supervisorOptionsSchema = z
  .object({
    heartbeatIntervalMs: ms.default(1_000),
    heartbeatTtlMs: ms.default(5_000),
    commandBlockMs: ms.default(1_000),
    initialWorkers: z.number().int().min(0).default(0),
    maxWorkers: z.number().int().min(1).max(10_000).default(256),
    readyTimeoutMs: ms.default(30_000),
    silenceTimeoutMs: ms.nullable().default(60_000),
    drainTimeoutMs: ms.default(DEFAULT_DRAIN_TIMEOUTS.supervisorMs),
    killTimeoutMs: ms.default(10_000),
    restartMinMs: ms.default(1_000),
    restartMaxMs: ms.default(30_000),
    crashWindowMs: ms.default(60_000),
    crashLimit: z.number().int().min(1).default(3),
    restartCooldownMs: ms.default(60_000),
    memoryCheckIntervalMs: ms.default(5_000),
    workerMemoryLimitBytes: bytes.default(512 * MIB),
    memoryLimitBytes: bytes.default(null),
  })
  .refine((o) => o.heartbeatTtlMs > o.heartbeatIntervalMs, {
    message:
      'heartbeatTtlMs must be greater than heartbeatIntervalMs (else the record expires between beats)',
    path: ['heartbeatTtlMs'],
  })
  .refine((o) => o.restartMaxMs >= o.restartMinMs, {
    message: 'restartMaxMs must be at least restartMinMs',
    path: ['restartMaxMs'],
  });

/**
 * Supervisor settings (all times in ms, sizes in bytes).
 *
 * Defaults and why: heartbeat every 1 s with a 5 s TTL (a dead supervisor vanishes within 5 s,
 * not the original's 300 s); commands are read with a 1 s blocking read (latency ≈ 0, one
 * round trip per second when idle); `initialWorkers` 0, because the coordinator's scaler sends a
 * new supervisor its first target (the average of the others, `initialTarget`); `maxWorkers` 256
 * so one bad `scale` command cannot fork thousands of processes; a worker that is not `ready`
 * within 30 s or silent (no message; the bootstrap sends stats every 5 s) for 60 s is hung and
 * killed; `drainTimeoutMs` 90 s, the whole drain budget: `drainTimeouts(90 s)` gives the coordinator
 * 60 s and the worker 75 s, so the coordinator moves every channel before we give up; `killTimeoutMs` 10 s between `stop` and a hard kill;
 * crashes back off 1 s, 2 s, 4 s … up to 30 s (+ up to 50 % jitter), and the `crashLimit`-th
 * crash within `crashWindowMs` (3 in 60 s) holds every restart for `restartCooldownMs` (60 s),
 * so a worker that dies at boot never turns into a hot loop; memory is checked every 5 s, a
 * worker over 512 MiB is drained and replaced; the supervisor's own limit is off by default,
 * because in embedded mode its heap holds the in-memory streams and only the operator knows
 * what is normal there.
 */
export interface SupervisorOptions {
  heartbeatIntervalMs: number;
  heartbeatTtlMs: number;
  /** Blocking time of one read on the supervisor's command stream. */
  commandBlockMs: number;
  /** Workers to run before the first `scale` command arrives. */
  initialWorkers: number;
  /** Upper bound on any target (a larger `scale` is clamped, with an event). */
  maxWorkers: number;
  /** A spawned worker must say `ready` within this, else it is killed as hung (counts as a crash). */
  readyTimeoutMs: number;
  /** A ready worker that sends nothing for this long is killed as hung; null = never. */
  silenceTimeoutMs: number | null;
  /** How long a retiring worker may take from `drain` to `drained` before it is told `stop`. */
  drainTimeoutMs: number;
  /** How long a worker may take from `stop` to exit before it is killed; also the wait after a kill. */
  killTimeoutMs: number;
  restartMinMs: number;
  restartMaxMs: number;
  crashWindowMs: number;
  crashLimit: number;
  restartCooldownMs: number;
  memoryCheckIntervalMs: number;
  /** A worker above this (RSS of a process, heap of a thread) is drained and replaced; null = off. */
  workerMemoryLimitBytes: number | null;
  /** The supervisor above this (its `selfMemory`) terminates gracefully with exit code 5; null = off. */
  memoryLimitBytes: number | null;
}

export type SupervisorOptionsInput = Partial<SupervisorOptions>;

/** Parses and freezes options; throws TMI_ERR_INVALID_CONFIG naming each key and rule. */
export function resolveSupervisorOptions(input: SupervisorOptionsInput = {}): Readonly<SupervisorOptions> {
  const parsed = supervisorOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `supervisor.${i.path.join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { issues });
  }
  return Object.freeze(parsed.data);
}
