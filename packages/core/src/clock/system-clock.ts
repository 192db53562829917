import type { Clock, TimerHandle } from '../ports/clock.js';

/** The real clock: `Date.now()` and the host's timers. What production wiring passes everywhere. */
export class SystemClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    const timer = globalThis.setTimeout(fn, ms);
    return { cancel: () => globalThis.clearTimeout(timer) };
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    const timer = globalThis.setInterval(fn, ms);
    return { cancel: () => globalThis.clearInterval(timer) };
  }
}

/** A shared instance; SystemClock holds no state, so one is enough. */
export const systemClock: Clock = new SystemClock();
