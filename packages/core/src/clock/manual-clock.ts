import type { Clock, TimerHandle } from '../ports/clock.js';

interface ScheduledTimer {
  due: number;
  /** Tie-breaker: timers due at the same time fire in the order they were scheduled. */
  seq: number;
  fn: () => void;
  /** Repeat period for intervals, undefined for one-shot timers. */
  every: number | undefined;
  cancelled: boolean;
}

/** 2024-01-01T00:00:00Z: a realistic epoch, so ids and timestamps in tests look like real ones. */
const DEFAULT_START = Date.UTC(2024, 0, 1);

/**
 * A clock that only moves when a test moves it (STYLE.md #13). {@link advance} fires every timer
 * that falls due, in due-time order (ties in scheduling order), including timers that fired
 * callbacks schedule within the advanced span; inside a callback `now()` is that timer's due time.
 */
export class ManualClock implements Clock {
  #now: number;
  #seq = 0;
  /** Sorted by (due, seq); tests hold few timers, so binary insertion beats a heap on simplicity. */
  readonly #timers: ScheduledTimer[] = [];

  constructor(startMs: number = DEFAULT_START) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#schedule(fn, ms, undefined);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    // A zero period would make advance() loop forever; Node clamps to 1 ms too.
    return this.#schedule(fn, ms, Math.max(1, sanitize(ms)));
  }

  /** Number of timers still scheduled (cancelled ones excluded). */
  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Moves time forward by `ms`, firing due timers synchronously on the way. */
  advance(ms: number): void {
    const target = this.#now + sanitize(ms);
    for (let next = this.#timers[0]; next !== undefined && next.due <= target; next = this.#timers[0]) {
      this.#fire(next);
    }
    this.#now = Math.max(this.#now, target);
  }

  /**
   * Like {@link advance}, but lets promise continuations and I/O callbacks run after each fired
   * timer, so async loops (`await sleep(); …`) can schedule their next timer before time moves on.
   */
  async advanceAsync(ms: number): Promise<void> {
    const target = this.#now + sanitize(ms);
    await yieldToEventLoop();
    for (let next = this.#timers[0]; next !== undefined && next.due <= target; next = this.#timers[0]) {
      this.#fire(next);
      await yieldToEventLoop();
    }
    this.#now = Math.max(this.#now, target);
  }

  /**
   * Sets the time. Moving forward behaves like {@link advance}; moving backward (a wall clock
   * stepped back by NTP) fires nothing and leaves timers at their absolute due times.
   */
  set(epochMs: number): void {
    if (epochMs >= this.#now) this.advance(epochMs - this.#now);
    else this.#now = epochMs;
  }

  #fire(timer: ScheduledTimer): void {
    this.#timers.shift();
    // Never step back: a callback may itself have advanced the clock past this due time.
    this.#now = Math.max(this.#now, timer.due);
    if (timer.every !== undefined) {
      timer.due += timer.every;
      timer.seq = this.#seq++;
      this.#insert(timer);
    }
    timer.fn();
  }

  #schedule(fn: () => void, ms: number, every: number | undefined): TimerHandle {
    const timer: ScheduledTimer = {
      due: this.#now + (every ?? sanitize(ms)),
      seq: this.#seq++,
      fn,
      every,
      cancelled: false,
    };
    this.#insert(timer);
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const i = this.#timers.indexOf(timer);
        if (i >= 0) this.#timers.splice(i, 1);
      },
    };
  }

  #insert(timer: ScheduledTimer): void {
    let lo = 0;
    let hi = this.#timers.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const other = this.#timers[mid]!;
      if (other.due < timer.due || (other.due === timer.due && other.seq < timer.seq)) lo = mid + 1;
      else hi = mid;
    }
    this.#timers.splice(lo, 0, timer);
  }
}

/** Negative, NaN or infinite delays count as 0, like the host's timers. */
function sanitize(ms: number): number {
  return Number.isFinite(ms) && ms > 0 ? ms : 0;
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => globalThis.setImmediate(resolve));
}
