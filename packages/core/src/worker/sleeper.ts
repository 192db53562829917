import type { Clock, TimerHandle } from '../ports/clock.js';

/**
 * Clock-driven waits for the pool's async loops, all woken at once when the pool closes, so no
 * loop outlives it and tests can drive them with a ManualClock.
 */
export class Sleeper {
  readonly #pending = new Map<TimerHandle, () => void>();

  constructor(private readonly clock: Clock) {}

  /** Resolves after `ms` (at once for ms ≤ 0), or early on {@link wakeAll}. */
  sleep(ms: number): Promise<void> {
    if (!(ms > 0)) return Promise.resolve();
    return new Promise((resolve) => {
      const handle = this.clock.setTimeout(() => {
        this.#pending.delete(handle);
        resolve();
      }, ms);
      this.#pending.set(handle, resolve);
    });
  }

  wakeAll(): void {
    for (const [handle, resolve] of this.#pending) {
      handle.cancel();
      resolve();
    }
    this.#pending.clear();
  }
}
