import type { RateDecision, RateLimiter, WindowLimit } from '@tmi-cluster/core';
import { guard, type RedisContext } from '../context.js';

import { runScript } from '../scripts/load.js';
import { assertInteger, invalid } from '../validate.js';

/**
 * RateLimiter on Redis with the memory adapter's exact sliding window: per key a list of
 * `<ms>:<cost>` and their sum, on the key's own hash tag, changed only by one Lua script on Redis
 * server time. So every process of the cluster shares one budget per key (per identity).
 */
export class RedisRateLimiter implements RateLimiter {
  readonly #ctx: RedisContext;

  constructor(ctx: RedisContext) {
    this.#ctx = ctx;
  }

  async take(key: string, limit: WindowLimit, cost = 1): Promise<RateDecision> {
    assertLimit(limit);
    assertInteger('cost', cost, 1);
    const [ok, room, wait] = await this.#run(key, limit, cost, 'take');
    if (ok === 1) return { ok: true, remaining: room - cost, retryAfterMs: 0 };
    return {
      ok: false,
      remaining: Math.max(0, room),
      retryAfterMs: wait < 0 ? Number.POSITIVE_INFINITY : wait,
    };
  }

  /**
   * Counts `cost` actions whether or not the window has room (a moderator's message still counts
   * against the account's bucket); later takes wait until the window drains below the limit.
   */
  async record(key: string, limit: WindowLimit, cost = 1): Promise<void> {
    assertLimit(limit);
    assertInteger('cost', cost, 1);
    await this.#run(key, limit, cost, 'record');
  }

  async available(key: string, limit: WindowLimit): Promise<number> {
    assertLimit(limit);
    const [, room] = await this.#run(key, limit, 1, 'peek');
    return Math.max(0, room);
  }

  async #run(
    key: string,
    limit: WindowLimit,
    cost: number,
    mode: 'take' | 'peek' | 'record',
  ): Promise<[ok: number, room: number, wait: number]> {
    const { log, used } = this.#ctx.keys.rate(key);
    const reply = await guard(this.#ctx, () =>
      runScript(this.#ctx.redis, 'rateTake', [log, used], [limit.count, limit.windowMs, cost, mode]),
    );
    const [ok, room, wait] = reply as [number, number, number];
    return [Number(ok), Number(room), Number(wait)];
  }
}

function assertLimit(limit: WindowLimit): void {
  assertInteger('limit.count', limit.count, 1);
  if (!Number.isFinite(limit.windowMs) || limit.windowMs <= 0)
    invalid('limit.windowMs', 'must be a finite number of ms > 0', limit.windowMs);
}
