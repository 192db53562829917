import type { Lease, LeaseGrant } from '@tmi-cluster/core';
import { guard, type RedisContext } from '../context.js';

import { runScript } from '../scripts/load.js';
import { durationMs } from '../validate.js';

/**
 * Lease on Redis: the grant is a hash that expires with the lease, next to the last token handed
 * out, which never expires; both on the lease's own hash tag. A new holder's token is
 * max(last + 1, Redis time in ms), so tokens grow even after Redis lost its data. Every step is
 * one compare-and-set script on Redis server time.
 */
export class RedisLease implements Lease {
  readonly #ctx: RedisContext;

  constructor(ctx: RedisContext) {
    this.#ctx = ctx;
  }

  async acquire(name: string, holder: string, ttlMs: number): Promise<LeaseGrant | null> {
    const ttl = durationMs('ttlMs', ttlMs);
    const { grant, token } = this.#ctx.keys.lease(name);
    return toGrant(
      await guard(this.#ctx, () => runScript(this.#ctx.redis, 'leaseAcquire', [grant, token], [holder, ttl])),
    );
  }

  async renew(name: string, holder: string, token: number, ttlMs: number): Promise<boolean> {
    const ttl = durationMs('ttlMs', ttlMs);
    const { grant } = this.#ctx.keys.lease(name);
    const reply = await guard(this.#ctx, () =>
      runScript(this.#ctx.redis, 'leaseRenew', [grant], [holder, String(token), ttl]),
    );
    return reply === 1;
  }

  async release(name: string, holder: string, token: number): Promise<boolean> {
    const { grant } = this.#ctx.keys.lease(name);
    const reply = await guard(this.#ctx, () =>
      runScript(this.#ctx.redis, 'leaseRelease', [grant], [holder, String(token)]),
    );
    return reply === 1;
  }

  async current(name: string): Promise<LeaseGrant | null> {
    const { grant } = this.#ctx.keys.lease(name);
    return toGrant(await guard(this.#ctx, () => runScript(this.#ctx.redis, 'leaseCurrent', [grant], [])));
  }
}

function toGrant(reply: unknown): LeaseGrant | null {
  if (reply === null) return null;
  const [holder, token, expiresAt] = reply as [string, string, string];
  return { holder, token: Number(token), expiresAt: Number(expiresAt) };
}
