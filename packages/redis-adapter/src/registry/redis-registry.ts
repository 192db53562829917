import type { MemberKind, MemberRecord, Registry } from '@tmi-cluster/core';
import { guard, type RedisContext } from '../context.js';

import { runScript } from '../scripts/load.js';
import { durationMs, invalid } from '../validate.js';

const KINDS: readonly MemberKind[] = ['supervisor', 'worker'];

/**
 * Registry on Redis: per kind a hash of JSON records and a sorted set of expiry times, both on
 * the `{registry}` hash tag so a sweep is one atomic script. Heartbeats are stamped with Redis
 * server time, so hosts with skewed clocks agree on who expired.
 */
export class RedisRegistry implements Registry {
  readonly #ctx: RedisContext;

  constructor(ctx: RedisContext) {
    this.#ctx = ctx;
  }

  async heartbeat(member: MemberRecord, ttlMs: number): Promise<void> {
    const ttl = durationMs('ttlMs', ttlMs);
    const keys = this.#keys(member.kind);
    const { lastSeenAt: _stamped, ...record } = member;
    const json = JSON.stringify(record);
    if (json === undefined || !json.startsWith('{"'))
      invalid('member', 'must be a JSON object with fields', json);
    await guard(this.#ctx, () =>
      runScript(this.#ctx.redis, 'registryHeartbeat', keys, [member.id, json, ttl]),
    );
  }

  async get(kind: MemberKind, id: string): Promise<MemberRecord | null> {
    const json = await guard(this.#ctx, () => this.#ctx.redis.hget(this.#keys(kind)[0], id));
    return json === null ? null : (JSON.parse(json) as MemberRecord);
  }

  async list(kind: MemberKind): Promise<MemberRecord[]> {
    return parseAll(
      await guard(this.#ctx, () => runScript(this.#ctx.redis, 'registryList', this.#keys(kind), [])),
    );
  }

  async sweepExpired(kind: MemberKind): Promise<MemberRecord[]> {
    return parseAll(
      await guard(this.#ctx, () => runScript(this.#ctx.redis, 'registrySweep', this.#keys(kind), [])),
    );
  }

  async remove(kind: MemberKind, id: string): Promise<boolean> {
    return (
      (await guard(this.#ctx, () => runScript(this.#ctx.redis, 'registryRemove', this.#keys(kind), [id]))) ===
      1
    );
  }

  #keys(kind: MemberKind): [records: string, expiry: string] {
    if (!KINDS.includes(kind)) invalid('kind', `must be one of ${KINDS.join(', ')}`, kind);
    const { records, expiry } = this.#ctx.keys.registry(kind);
    return [records, expiry];
  }
}

function parseAll(reply: unknown): MemberRecord[] {
  return (reply as string[]).map((json) => JSON.parse(json) as MemberRecord);
}
