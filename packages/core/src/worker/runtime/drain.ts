import type { Clock, TimerHandle } from '../../ports/clock.js';

/**
 * The drain of one worker: `begin` starts it (once) with a deadline, `finish` ends it when the
 * coordinator says `drained` or the deadline passes, and {@link promise} resolves then — or on
 * `release` (the worker stops, or never started), so a host awaiting it never hangs.
 */
export class DrainLatch {
  readonly promise: Promise<void>;
  #resolve: () => void = () => {};
  #timer: TimerHandle | null = null;
  #draining = false;

  constructor(
    private readonly clock: Clock,
    private readonly timeoutMs: number,
  ) {
    this.promise = new Promise<void>((resolve) => {
      this.#resolve = resolve;
    });
  }

  get draining(): boolean {
    return this.#draining;
  }

  /** Starts draining; false when it already was. `onTimeout` runs if nobody finishes it in time. */
  begin(onTimeout: () => void): boolean {
    if (this.#draining) return false;
    this.#draining = true;
    this.#timer = this.clock.setTimeout(onTimeout, this.timeoutMs);
    return true;
  }

  /** Ends a drain in progress; false when none was. */
  finish(): boolean {
    if (!this.#draining) return false;
    this.release();
    return true;
  }

  /** Resolves the promise whatever the state, and cancels the deadline. */
  release(): void {
    this.#timer?.cancel();
    this.#timer = null;
    this.#resolve();
  }
}
