import type { Clock, TimerHandle } from '../ports/clock.js';
import type { WorkerExit } from '../ports/worker-host.js';
import type { CrashHistory } from './crash-history.js';
import type { Emit } from './events.js';

/**
 * Holds worker starts back after crashes: each crash moves the gate to now + its back-off
 * delay, and no worker of the pool starts before the gate opens (scale-ups included: they would
 * crash the same way). Also counts restarts: starts that replace a crashed worker.
 */
export class RestartGate {
  readonly #clock: Clock;
  readonly #crashes: CrashHistory;
  readonly #emit: Emit;
  readonly #onOpen: () => void;
  #until = Number.NEGATIVE_INFINITY;
  #timer: TimerHandle | null = null;
  /** Crashed workers not replaced yet. */
  #pending = 0;
  #restarts = 0;

  constructor(clock: Clock, crashes: CrashHistory, emit: Emit, onOpen: () => void) {
    this.#clock = clock;
    this.#crashes = crashes;
    this.#emit = emit;
    this.#onOpen = onOpen;
  }

  get restarts(): number {
    return this.#restarts;
  }

  /** Records a crash (emits `crashed` with the delay) and moves the gate. */
  crash(workerId: string, exit: WorkerExit | null, why: string): void {
    const now = this.#clock.now();
    const delay = this.#crashes.record(now);
    this.#until = Math.max(this.#until, now + delay.delayMs);
    this.#pending++;
    const cooldown = delay.cooldown ? `; ${delay.recent} crashes recently, cooling down` : '';
    this.#emit(
      'crashed',
      `worker ${workerId} crashed (${why}); next start in ${delay.delayMs} ms${cooldown}`,
      workerId,
      { ...(exit ?? {}), why, ...delay },
    );
  }

  /** True when a worker may start now; otherwise calls `onOpen` once it may. */
  isOpen(): boolean {
    const wait = this.#until - this.#clock.now();
    if (wait <= 0) return true;
    this.#timer ??= this.#clock.setTimeout(() => {
      this.#timer = null;
      this.#onOpen();
    }, wait);
    return false;
  }

  /** A worker started; true when it replaces a crashed one (a restart). */
  started(): boolean {
    if (this.#pending === 0) return false;
    this.#pending--;
    this.#restarts++;
    return true;
  }

  /** Nothing is missing any more (scaled in, paused): no start owes a restart. */
  settled(): void {
    this.#pending = 0;
  }

  cancel(): void {
    this.#timer?.cancel();
    this.#timer = null;
  }
}
