import { systemClock } from '../clock/system-clock.js';
import type { Clock } from '../ports/clock.js';
import type { RateDecision, RateLimiter, WindowLimit } from '../ports/rate-limiter.js';
import { IncrementalSweeper } from './incremental-sweeper.js';
import { assertDuration, assertInteger } from './validate.js';
import { WindowLog } from './window-log.js';

export interface MemoryRateLimiterOptions {
  /** Source of time for expiry. Default: the system clock. */
  clock?: Clock;
}

/**
 * The in-memory RateLimiter of embedded mode: an exact sliding window kept as a log of
 * timestamps with costs per key (see the port's TSDoc). Keys idle for a whole window are dropped
 * by a round-robin sweep on each take, so forgotten keys do not accumulate.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly #clock: Clock;
  readonly #logs = new Map<string, WindowLog>();
  readonly #sweeper = new IncrementalSweeper(this.#logs, (log: WindowLog, now) => log.isIdle(now));

  constructor(options: MemoryRateLimiterOptions = {}) {
    this.#clock = options.clock ?? systemClock;
  }

  async take(key: string, limit: WindowLimit, cost = 1): Promise<RateDecision> {
    assertLimit(limit);
    assertInteger('cost', cost, 1);
    const now = this.#clock.now();
    this.#sweeper.step(now);
    const log = this.#logs.get(key) ?? new WindowLog();
    log.evict(now, limit.windowMs);
    const room = limit.count - log.used;
    if (cost > limit.count) {
      // No amount of waiting makes room for more than the whole window.
      return { ok: false, remaining: Math.max(0, room), retryAfterMs: Number.POSITIVE_INFINITY };
    }
    if (cost > room) {
      return {
        ok: false,
        remaining: Math.max(0, room),
        retryAfterMs: log.freedAfter(cost - room, now, limit.windowMs),
      };
    }
    log.record(now, cost);
    this.#logs.set(key, log);
    return { ok: true, remaining: room - cost, retryAfterMs: 0 };
  }

  async record(key: string, limit: WindowLimit, cost = 1): Promise<void> {
    assertLimit(limit);
    assertInteger('cost', cost, 1);
    const now = this.#clock.now();
    this.#sweeper.step(now);
    const log = this.#logs.get(key) ?? new WindowLog();
    log.evict(now, limit.windowMs);
    log.record(now, cost);
    this.#logs.set(key, log);
  }

  async available(key: string, limit: WindowLimit): Promise<number> {
    assertLimit(limit);
    const log = this.#logs.get(key);
    if (log === undefined) return limit.count;
    log.evict(this.#clock.now(), limit.windowMs);
    return Math.max(0, limit.count - log.used);
  }

  /** Keys held in memory, including idle ones not swept yet (for tests and metrics). */
  get size(): number {
    return this.#logs.size;
  }
}

function assertLimit(limit: WindowLimit): void {
  assertInteger('limit.count', limit.count, 1);
  assertDuration('limit.windowMs', limit.windowMs);
}
