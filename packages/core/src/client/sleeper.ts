import type { Clock, TimerHandle } from '../ports/clock.js';

/** Back-off waits on the Clock that `close()` can cut short, so a closing client never hangs in one. */
export class Sleeper {
  readonly #clock: Clock;
  readonly #waiting = new Set<() => void>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Resolves after `ms`, or at once when {@link wakeAll} is called. Never rejects. */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      let timer: TimerHandle | undefined;
      const done = () => {
        this.#waiting.delete(done);
        timer?.cancel();
        resolve();
      };
      this.#waiting.add(done);
      timer = this.#clock.setTimeout(done, ms);
    });
  }

  wakeAll(): void {
    for (const done of [...this.#waiting]) done();
  }
}

/** 0.5 s, 1 s, 2 s … up to 30 s: how long a loop waits after its n-th failure in a row. */
export function backoffMs(failures: number): number {
  return Math.min(30_000, 500 * 2 ** Math.max(0, failures - 1));
}
