import { isTmiClusterError } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPortsOptions, resolveRedisPortsOptions } from '../src/index.js';
import { openTestPorts, REDIS_URL, redisAvailable } from './helpers/redis.js';

const available = await redisAvailable();
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe('resolveRedisPortsOptions', () => {
  it('fills the documented defaults and freezes the result', () => {
    const o = resolveRedisPortsOptions();
    expect(o).toMatchObject({
      url: 'redis://127.0.0.1:6379',
      prefix: 'tmi-cluster:',
      maxLen: 100_000,
      blockingConnections: 16,
      blockingGraceMs: 5_000,
    });
    expect(Object.isFrozen(o)).toBe(true);
    expect(resolveRedisPortsOptions({ maxLen: null }).maxLen).toBeUndefined();
    // ioredis options alone (e.g. sentinels) mean no default URL.
    expect(resolveRedisPortsOptions({ redis: { host: 'cache' } }).url).toBeUndefined();
    expect(resolveRedisPortsOptions({ cluster: { nodes: ['cache:7000'] } })).toMatchObject({
      url: undefined,
      cluster: { nodes: ['cache:7000'] },
    });
  });

  it.each<[string, RedisPortsOptions, string]>([
    ['a prefix with a brace', { prefix: 'tmi{x}:' }, 'redis.prefix'],
    ['a prefix with a space', { prefix: 'tmi cluster:' }, 'redis.prefix'],
    ['an empty prefix', { prefix: '' }, 'redis.prefix'],
    ['maxLen 0', { maxLen: 0 }, 'redis.maxLen'],
    ['a fractional maxLen', { maxLen: 2.5 }, 'redis.maxLen'],
    ['no blocking connections', { blockingConnections: 0 }, 'redis.blockingConnections'],
    ['a tiny grace', { blockingGraceMs: 5 }, 'redis.blockingGraceMs'],
    ['an http URL', { url: 'http://127.0.0.1:6379' }, 'redis.url'],
    ['an unknown option', { prefx: 'x' } as RedisPortsOptions, 'prefx'],
    ['both url and cluster', { url: 'redis://a:1', cluster: { nodes: ['a:1'] } }, 'redis.cluster'],
    ['a cluster without nodes', { cluster: { nodes: [] } }, 'redis.cluster.nodes'],
    ['a cluster node without port', { cluster: { nodes: ['cache'] } }, 'redis.cluster.nodes.0'],
  ])('rejects %s with TMI_ERR_INVALID_CONFIG naming the option', (_name, input, field) => {
    let err: unknown;
    try {
      resolveRedisPortsOptions(input);
    } catch (e) {
      err = e;
    }
    expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG')).toBe(true);
    expect((err as Error).message).toContain(field);
  });
});

describe('createRedisPorts', () => {
  it('fails with TMI_ERR_NOT_CONNECTED when nothing listens, without showing the password', async () => {
    const err = await errorOf(
      createRedisPorts({ url: 'redis://user:s3cret@127.0.0.1:1', redis: { retryStrategy: () => null } }),
    );
    expect(isTmiClusterError(err, 'TMI_ERR_NOT_CONNECTED'), String(err)).toBe(true);
    expect((err as Error).message).toContain('127.0.0.1:1');
    expect((err as Error).message).toContain('ECONNREFUSED');
    expect((err as Error).message).not.toContain('s3cret');
  });

  it('validates before connecting', async () => {
    expect(
      isTmiClusterError(await errorOf(createRedisPorts({ prefix: '{' })), 'TMI_ERR_INVALID_CONFIG'),
    ).toBe(true);
  });
});

describe.runIf(available)('createRedisPorts against Redis', () => {
  const opened: Awaited<ReturnType<typeof openTestPorts>>[] = [];
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ports) => ports.cleanup()));
  });

  it('names its connections after the prefix, for CLIENT LIST and targeted kills', async () => {
    const ports = await openTestPorts();
    opened.push(ports);
    expect(await ports.redis.client('GETNAME')).toBe(`${ports.prefix}main`);
  });

  it('refuses every call after close with TMI_ERR_CLOSED and ends blocked reads the same way', async () => {
    const ports = await openTestPorts();
    opened.push(ports);
    await ports.streams.ensureGroup('s', 'g', 'end');
    const blocked = errorOf(ports.streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 5_000 }));
    await new Promise((resolve) => setTimeout(resolve, 100));
    await ports.close();
    expect(isTmiClusterError(await blocked, 'TMI_ERR_CLOSED'), String(await blocked)).toBe(true);
    const calls = [
      ports.streams.append('s', { n: '1' }),
      ports.registry.list('worker'),
      ports.lease.current('x'),
      ports.limiter.available('k', { count: 1, windowMs: 10 }),
      ports.dedup.claim('k', 10),
      ports.store.counts(),
    ];
    for (const err of await Promise.all(calls.map(errorOf)))
      expect(isTmiClusterError(err, 'TMI_ERR_CLOSED'), String(err)).toBe(true);
    await ports.close();
  });

  it('keeps every key under the prefix, with one hash tag per group of keys a script touches', async () => {
    const ports = await openTestPorts();
    opened.push(ports);
    const fence = { lease: 'coordinator', token: 1 };
    await ports.streams.append('events', { n: '1' });
    await ports.registry.heartbeat(
      { kind: 'worker', id: 'w', host: 'h', state: 's', startedAt: 1, data: {} },
      5_000,
    );
    await ports.lease.acquire('coordinator', 'a', 5_000);
    await ports.limiter.take('join:bot', { count: 5, windowMs: 5_000 });
    await ports.dedup.claimAll([{ keys: ['m1', 'm2'], owner: 'o' }], 5_000);
    await ports.store.want(fence, [{ channel: 'foo', since: 1, redundancy: 1 }]);
    await ports.store.place(fence, [
      { channel: 'foo', workerId: 'w', state: 'failed', since: 1, reason: 'msg_banned' },
    ]);

    const keys: string[] = [];
    let cursor = '0';
    do {
      const [next, batch] = await ports.redis.scan(cursor, 'MATCH', `${ports.prefix}*`, 'COUNT', 1_000);
      keys.push(...batch);
      cursor = next;
    } while (cursor !== '0');
    const tags = new Map<string, string[]>();
    for (const key of keys) {
      const tag = /^[^{]*\{([^}]+)\}/.exec(key.slice(ports.prefix.length))?.[1];
      expect(tag, key).toBeDefined();
      tags.set(tag!, [...(tags.get(tag!) ?? []), key.slice(ports.prefix.length)]);
    }
    expect(Object.fromEntries([...tags].map(([tag, list]) => [tag, list.sort()]))).toEqual({
      'stream:events': ['{stream:events}'],
      registry: ['{registry}:worker:expiry', '{registry}:worker:records'],
      'lease:coordinator': ['{lease:coordinator}:grant', '{lease:coordinator}:token'],
      'rate:join:bot': ['{rate:join:bot}:log', '{rate:join:bot}:used'],
      dedup: ['{dedup}:m1', '{dedup}:m2'],
      assign: [
        '{assign}:by-worker',
        '{assign}:failed',
        '{assign}:fence',
        '{assign}:order',
        '{assign}:placed',
        '{assign}:seq',
        '{assign}:states',
        '{assign}:wanted',
      ],
    });
    // Expiring state carries a TTL; the token counter and the fence never expire.
    expect(await ports.redis.pttl(`${ports.prefix}{dedup}:m1`)).toBeGreaterThan(0);
    expect(await ports.redis.pttl(`${ports.prefix}{lease:coordinator}:grant`)).toBeGreaterThan(0);
    expect(await ports.redis.pttl(`${ports.prefix}{rate:join:bot}:log`)).toBeGreaterThan(0);
    expect(await ports.redis.pttl(`${ports.prefix}{lease:coordinator}:token`)).toBe(-1);
  });

  it('uses the given URL', async () => {
    const ports = await openTestPorts({ url: REDIS_URL });
    opened.push(ports);
    expect(await ports.redis.ping()).toBe('PONG');
  });
});
