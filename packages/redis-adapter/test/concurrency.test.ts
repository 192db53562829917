import { isTmiClusterError } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../src/index.js';
import { deleteKeys, REDIS_URL, redisAvailable, testPrefix } from './helpers/redis.js';

const available = await redisAvailable();

/** Two independent port sets (two command connections) on one prefix: two hosts of one cluster. */
describe.runIf(available)('two adapter instances on one cluster prefix', () => {
  let hosts: [RedisPorts, RedisPorts] | undefined;
  afterEach(async () => {
    if (hosts === undefined) return;
    const [a, b] = hosts;
    hosts = undefined;
    await Promise.all([a.close(), b.close()]);
    await deleteKeys(a.prefix);
  });
  const twoHosts = async (): Promise<[RedisPorts, RedisPorts]> => {
    const prefix = testPrefix();
    hosts = [
      await createRedisPorts({ url: REDIS_URL, prefix }),
      await createRedisPorts({ url: REDIS_URL, prefix }),
    ];
    return hosts;
  };

  it('dedup: 1,000 concurrent claims of 100 ids from two hosts give exactly 100 wins, one per id', async () => {
    const [a, b] = await twoHosts();
    const claims = Array.from({ length: 1_000 }, (_, i) => {
      const id = `msg:${i % 100}`;
      const host = i % 2 === 0 ? a : b;
      return host.dedup.claim(id, 10_000).then((won) => ({ id, won }));
    });
    const results = await Promise.all(claims);
    const winners = results.filter((r) => r.won).map((r) => r.id);
    expect(winners).toHaveLength(100);
    expect(new Set(winners).size).toBe(100);
  });

  it('dedup: batched claims of two hosts race for the same keys and each key has one owner', async () => {
    const [a, b] = await twoHosts();
    const batch = (owner: string) =>
      Array.from({ length: 200 }, (_, i) => ({ keys: [`e:${i}`, `t:${i % 50}`], owner: `${owner}${i}` }));
    const [fromA, fromB] = await Promise.all([
      a.dedup.claimAll(batch('a'), 10_000),
      b.dedup.claimAll(batch('b'), 10_000),
    ]);
    // t:<n> is shared by four claims of each batch: 50 keys, so exactly 50 claims win in all.
    expect([...fromA, ...fromB].filter(Boolean)).toHaveLength(50);
  });

  it('rate limiter: 400 concurrent takes from two hosts never admit more than the limit', async () => {
    const [a, b] = await twoHosts();
    const limit = { count: 37, windowMs: 10_000 };
    const decisions = await Promise.all(
      Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? a : b).limiter.take('privmsg:bot', limit)),
    );
    expect(decisions.filter((d) => d.ok)).toHaveLength(37);
    const refused = decisions.filter((d) => !d.ok);
    expect(refused.every((d) => d.remaining === 0 && d.retryAfterMs > 0 && d.retryAfterMs <= 10_000)).toBe(
      true,
    );
    expect(await b.limiter.available('privmsg:bot', limit)).toBe(0);
    expect(await a.limiter.available('privmsg:other', limit)).toBe(37);
  });

  it('lease: one of two hosts wins; after expiry the other gets a higher token and fences the first out', async () => {
    const [a, b] = await twoHosts();
    const grants = await Promise.all([
      a.lease.acquire('coordinator', 'host-a', 150),
      b.lease.acquire('coordinator', 'host-b', 150),
    ]);
    expect(grants.filter((g) => g !== null)).toHaveLength(1);
    const [first, firstHost, secondHost, secondName] =
      grants[0] !== null ? [grants[0], a, b, 'host-b'] : [grants[1]!, b, a, 'host-a'];
    const oldFence = { lease: 'coordinator', token: first.token };
    await firstHost.store.claimFence(oldFence);
    await firstHost.store.want(oldFence, [{ channel: 'foo', since: 1, redundancy: 1 }]);

    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = await secondHost.lease.acquire('coordinator', secondName, 5_000);
    expect(second?.token).toBeGreaterThan(first.token);
    const newFence = { lease: 'coordinator', token: second!.token };
    await secondHost.store.claimFence(newFence);

    // The paused ex-coordinator wakes up and writes with its old token: refused, nothing changes.
    const err = await firstHost.store
      .place(oldFence, [{ channel: 'foo', workerId: 'w1', state: 'pending', since: 2 }])
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(isTmiClusterError(err, 'TMI_ERR_LEASE_LOST')).toBe(true);
    expect((err as { details: Record<string, unknown> }).details['highest']).toBe(second!.token);
    expect(await firstHost.lease.renew('coordinator', first.holder, first.token, 5_000)).toBe(false);
    expect((await secondHost.store.get(['foo']))[0]?.placements).toEqual([]);
    expect(
      await secondHost.store.place(newFence, [
        { channel: 'foo', workerId: 'w2', state: 'pending', since: 3 },
      ]),
    ).toBe(1);
  });

  it('registry: two hosts sweeping at once get each expired member exactly once', async () => {
    const [a, b] = await twoHosts();
    for (let i = 0; i < 40; i++)
      await (i % 2 === 0 ? a : b).registry.heartbeat(
        { kind: 'worker', id: `w${i}`, host: 'h', state: 'running', startedAt: 1, data: { list: [] } },
        100,
      );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const [fromA, fromB] = await Promise.all([
      a.registry.sweepExpired('worker'),
      b.registry.sweepExpired('worker'),
    ]);
    const ids = [...fromA, ...fromB].map((m) => m.id);
    expect(ids).toHaveLength(40);
    expect(new Set(ids).size).toBe(40);
    // Records round-trip through JSON untouched (an empty array stays an array).
    expect([...fromA, ...fromB][0]?.data).toEqual({ list: [] });
  });
});
