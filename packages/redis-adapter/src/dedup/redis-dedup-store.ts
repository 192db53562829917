import type { DedupClaim, DedupStore } from '@tmi-cluster/core';
import { guard, type RedisContext } from '../context.js';

import { runScript } from '../scripts/load.js';
import { durationMs, invalid } from '../validate.js';

/**
 * DedupStore on Redis: one string key per claimed key, set with `SET NX PX` (value: the owner,
 * '' for a plain claim). All keys share the `{dedup}` hash tag so a batch is one atomic script.
 */
export class RedisDedupStore implements DedupStore {
  readonly #ctx: RedisContext;

  constructor(ctx: RedisContext) {
    this.#ctx = ctx;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const ttl = durationMs('ttlMs', ttlMs);
    const reply = await guard(this.#ctx, () =>
      this.#ctx.redis.set(this.#ctx.keys.dedup(key), '', 'PX', ttl, 'NX'),
    );
    return reply === 'OK';
  }

  async claimAll(claims: readonly DedupClaim[], ttlMs: number): Promise<boolean[]> {
    const ttl = durationMs('ttlMs', ttlMs);
    const keys: string[] = [];
    const args: (string | number)[] = [ttl];
    for (const [i, claim] of claims.entries()) {
      if (claim.keys.length === 0) invalid(`claims.${i}`, 'needs at least one key', '[]');
      if (typeof claim.owner !== 'string' || claim.owner === '')
        invalid(`claims.${i}`, 'needs a non-empty owner', claim.owner);
      for (const key of claim.keys) keys.push(this.#ctx.keys.dedup(key));
      args.push(claim.owner, claim.keys.length);
    }
    if (claims.length === 0) return [];
    const reply = await guard(this.#ctx, () => runScript(this.#ctx.redis, 'dedupClaimAll', keys, args));
    return (reply as number[]).map((won) => won === 1);
  }
}
