import type {
  AssignmentCounts,
  AssignmentPage,
  AssignmentStore,
  ChannelAssignment,
  Fence,
  PlacementKey,
  PlacementState,
  PlacementWrite,
  WantWrite,
} from '@tmi-cluster/core';
import { guard, type RedisContext } from '../context.js';

import { runScript, type ScriptName } from '../scripts/load.js';
import { assertInteger, assertPlain, invalid } from '../validate.js';
import { decodeChannelList, encodeReason, toAssignment } from './codec.js';

const STATES: readonly PlacementState[] = ['pending', 'confirmed', 'failed'];

/**
 * Items per script call. A call with more is split into several fenced, atomic steps, so Redis is
 * never blocked for long (1,000 placements take about 13 ms) while bulk calls stay a few round trips.
 */
export const ASSIGNMENT_BATCH = 1_000;

/**
 * AssignmentStore on Redis: fixed keys under the `{assign}` hash tag (see assign-common.lua and
 * docs/redis.md), every write one Lua script that checks the fence first. Counts are kept by the
 * scripts, so `counts` is four hash reads at any size.
 */
export class RedisAssignmentStore implements AssignmentStore {
  readonly #ctx: RedisContext;
  readonly #keys: readonly string[];

  constructor(ctx: RedisContext) {
    this.#ctx = ctx;
    this.#keys = ctx.keys.assignment();
  }

  async claimFence(fence: Fence): Promise<void> {
    await this.#write('assignClaimFence', fence, []);
  }

  async want(fence: Fence, channels: readonly WantWrite[]): Promise<string[]> {
    for (const [i, w] of channels.entries()) {
      assertPlain(`channels.${i}.channel`, w.channel);
      assertInteger(`channels.${i}.redundancy`, w.redundancy, 1);
      if (!Number.isFinite(w.since)) invalid(`channels.${i}.since`, 'must be a finite number', w.since);
    }
    const added: string[] = [];
    for (const batch of batches(channels, fence)) {
      const args = batch.flatMap((w) => [w.channel, String(w.since), String(w.redundancy)]);
      added.push(...((await this.#write('assignWant', fence, args)) as string[]));
    }
    return added;
  }

  async unwant(fence: Fence, channels: readonly string[]): Promise<ChannelAssignment[]> {
    const removed: ChannelAssignment[] = [];
    for (const batch of batches(channels, fence)) {
      const reply = (await this.#write('assignUnwant', fence, batch)) as [string, string, string][];
      for (const [channel, wanted, placed] of reply) removed.push(toAssignment(channel, wanted, placed));
    }
    return removed;
  }

  async place(fence: Fence, placements: readonly PlacementWrite[]): Promise<number> {
    for (const [i, p] of placements.entries()) {
      if (!STATES.includes(p.state))
        invalid(`placements.${i}.state`, `must be one of ${STATES.join(', ')}`, p.state);
      assertPlain(`placements.${i}.channel`, p.channel);
      assertPlain(`placements.${i}.workerId`, p.workerId);
      if (p.reason !== undefined) assertPlain(`placements.${i}.reason`, p.reason);
      if (!Number.isFinite(p.since)) invalid(`placements.${i}.since`, 'must be a finite number', p.since);
    }
    let written = 0;
    for (const batch of batches(placements, fence)) {
      const args = batch.flatMap((p) => [
        p.channel,
        p.workerId,
        p.state,
        String(p.since),
        encodeReason(p.reason),
      ]);
      written += Number(await this.#write('assignPlace', fence, args));
    }
    return written;
  }

  async unplace(fence: Fence, keys: readonly PlacementKey[]): Promise<number> {
    let removed = 0;
    for (const batch of batches(keys, fence)) {
      const args = batch.flatMap((k) => [k.channel, k.workerId]);
      removed += Number(await this.#write('assignUnplace', fence, args));
    }
    return removed;
  }

  async removeWorker(fence: Fence, workerId: string): Promise<string[]> {
    return (await this.#write('assignRemoveWorker', fence, [workerId])) as string[];
  }

  async get(channels: readonly string[]): Promise<ChannelAssignment[]> {
    const [, wantedKey, , , placedKey] = this.#keys;
    const found: ChannelAssignment[] = [];
    for (let i = 0; i < channels.length; i += ASSIGNMENT_BATCH) {
      const batch = channels.slice(i, i + ASSIGNMENT_BATCH);
      const [wanted, placed] = await guard(this.#ctx, async () => {
        // One MULTI: the records and their placements come from the same moment.
        const results = await this.#ctx.redis
          .multi()
          .hmget(wantedKey!, ...batch)
          .hmget(placedKey!, ...batch)
          .exec();
        if (results === null) throw new Error('a Redis transaction was aborted');
        for (const [err] of results) if (err !== null) throw err;
        return results.map(([, value]) => value as (string | null)[]);
      });
      for (const [j, channel] of batch.entries()) {
        const w = wanted?.[j];
        if (w !== null && w !== undefined) found.push(toAssignment(channel, w, placed?.[j] ?? ''));
      }
    }
    return found;
  }

  async list(cursor: string | null, limit: number): Promise<AssignmentPage> {
    assertInteger('limit', limit, 1);
    if (cursor !== null && !/^\d+$/.test(cursor)) invalid('cursor', 'must be a cursor from list', cursor);
    const reply = await guard(this.#ctx, () =>
      runScript(this.#ctx.redis, 'assignList', this.#keys, [
        cursor ?? '0',
        Math.min(limit, ASSIGNMENT_BATCH),
      ]),
    );
    const [flat, last, top] = reply as [string[], string, string];
    const items: ChannelAssignment[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3)
      items.push(toAssignment(flat[i]!, flat[i + 1]!, flat[i + 2]!));
    const done = items.length === 0 || Number(last) >= Number(top);
    return { items, cursor: done ? null : last };
  }

  async channelsOf(workerId: string): Promise<string[]> {
    return decodeChannelList(await guard(this.#ctx, () => this.#ctx.redis.hget(this.#keys[5]!, workerId)));
  }

  async counts(): Promise<AssignmentCounts> {
    const [, wanted, , , , , states, failed, load] = this.#keys;
    const results = await guard(this.#ctx, () =>
      this.#ctx.redis.multi().hlen(wanted!).hgetall(states!).hgetall(failed!).hgetall(load!).exec(),
    );
    if (results === null) throw new Error('a Redis transaction was aborted');
    const [[, total], [, byState], [, byReason], [, perWorker]] = results as [
      [Error | null, number],
      [Error | null, Record<string, string>],
      [Error | null, Record<string, string>],
      [Error | null, Record<string, string>],
    ];
    return {
      wanted: Number(total),
      placements: {
        pending: Number(byState['pending'] ?? 0),
        confirmed: Number(byState['confirmed'] ?? 0),
        failed: Number(byState['failed'] ?? 0),
      },
      failedByReason: numbers(byReason),
      perWorker: numbers(perWorker),
    };
  }

  async #write(script: ScriptName, fence: Fence, args: readonly (string | number)[]): Promise<unknown> {
    assertFence(fence);
    return guard(
      this.#ctx,
      () => runScript(this.#ctx.redis, script, this.#keys, [fence.lease, String(fence.token), ...args]),
      { lease: fence.lease, token: fence.token },
    );
  }
}

function assertFence(fence: Fence): void {
  assertInteger('fence.token', fence.token, 1);
  if (typeof fence.lease !== 'string' || fence.lease === '')
    invalid('fence.lease', 'must be a non-empty string', fence.lease);
}

/** Splits a bulk call into script-sized steps (the fence is checked before any is sent). */
function* batches<T>(items: readonly T[], fence: Fence): Generator<readonly T[]> {
  assertFence(fence);
  // An empty call still checks the fence, as the memory adapter does.
  if (items.length === 0) yield items;
  for (let i = 0; i < items.length; i += ASSIGNMENT_BATCH) yield items.slice(i, i + ASSIGNMENT_BATCH);
}

function numbers(record: Record<string, string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(record)) out[key] = Number(value);
  return out;
}
