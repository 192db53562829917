import type { Clock, TimerHandle } from '../ports/clock.js';
import type { WorkerHandle } from '../ports/worker-host.js';

/**
 * `starting` until the worker says `ready`; `running`; then, when retired, `draining` (told
 * `drain`), `stopping` (told `stop`), `killed` (hard kill sent). Only `starting` and `running`
 * count towards the target.
 */
export type SlotState = 'starting' | 'running' | 'draining' | 'stopping' | 'killed';

/** Why a worker is being retired on purpose (its exit is then no crash). */
export type RetireReason = 'scale' | 'named' | 'pause' | 'terminate' | 'memory' | 'drained';

/** Why a worker was killed as hung (its exit then counts as a crash). */
export type HangReason = 'ready-timeout' | 'silent';

/** One worker as the pool tracks it. Mutated only by the pool that owns it. */
export class WorkerSlot {
  readonly id: string;
  /** Sequence number within the supervisor: higher is newer. */
  readonly n: number;
  readonly handle: WorkerHandle;
  readonly startedAt: number;
  state: SlotState = 'starting';
  retireReason: RetireReason | null = null;
  hang: HangReason | null = null;
  /** Set once the crash is recorded (at hang detection or at exit), so it is counted once. */
  crashRecorded = false;
  lastSeenAt: number;
  memory: number | null = null;
  lagMs: number | null = null;
  /** The worker's last `fatal` message, quoted in the crash event. */
  fatal: string | null = null;
  /** The one deadline of the current state (ready, drain, stop, kill); replaced on every step. */
  #deadline: TimerHandle | null = null;

  constructor(id: string, n: number, handle: WorkerHandle, now: number) {
    this.id = id;
    this.n = n;
    this.handle = handle;
    this.startedAt = now;
    this.lastSeenAt = now;
  }

  /** Counts towards the target (not retiring, not killed). */
  get active(): boolean {
    return this.state === 'starting' || this.state === 'running';
  }

  setDeadline(clock: Clock, ms: number, fn: () => void): void {
    this.#deadline?.cancel();
    this.#deadline = clock.setTimeout(() => {
      this.#deadline = null;
      fn();
    }, ms);
  }

  clearDeadline(): void {
    this.#deadline?.cancel();
    this.#deadline = null;
  }
}
