import { isTmiClusterError } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPorts, redisAvailable } from './helpers/redis.js';

const available = await redisAvailable();
type Ports = Awaited<ReturnType<typeof openTestPorts>>;

describe.runIf(available)('RedisStreamLog', () => {
  const opened: Ports[] = [];
  const open = async (options: Parameters<typeof openTestPorts>[0] = {}) => {
    const ports = await openTestPorts(options);
    opened.push(ports);
    return ports;
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ports) => ports.cleanup()));
  });
  const errorOf = (promise: Promise<unknown>) =>
    promise.then(
      () => undefined,
      (e: unknown) => e,
    );

  it('serves five blocked readers of one group on five connections, each entry to exactly one', async () => {
    const { streams, blockingConnections } = await open();
    await streams.ensureGroup('jobs', 'g', 'end');
    const reads = Array.from({ length: 5 }, (_, i) =>
      streams.readGroup('jobs', 'g', `c${i}`, { count: 1, blockMs: 3_000 }),
    );
    for (let waited = 0; blockingConnections() < 5 && waited < 2_000; waited += 20)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(blockingConnections()).toBe(5);
    const ids = await streams.appendMany(
      'jobs',
      Array.from({ length: 5 }, (_, i) => ({ n: String(i) })),
    );
    const got = (await Promise.all(reads)).map((entries) => entries.map((e) => e.id));
    expect(got.every((entries) => entries.length === 1)).toBe(true);
    expect(got.flat().sort()).toEqual([...ids].sort());
  });

  it('keeps other commands fast while a read is blocked', async () => {
    const { streams } = await open();
    await streams.ensureGroup('jobs', 'g', 'end');
    const blocked = streams.readGroup('jobs', 'g', 'c', { count: 1, blockMs: 6_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = performance.now();
    for (let i = 0; i < 20; i++) await streams.length('other');
    // Stalled behind the read, they would take its whole 6 s.
    expect(performance.now() - started).toBeLessThan(2_000);
    await streams.append('jobs', { n: 'x' });
    expect((await blocked).map((e) => e.fields['n'])).toEqual(['x']);
  });

  it('hands out a free blocking connection to the next reader when the pool is full', async () => {
    const { streams, blockingConnections } = await open({ blockingConnections: 1 });
    await streams.ensureGroup('jobs', 'g', 'end');
    const first = streams.readGroup('jobs', 'g', 'a', { count: 1, blockMs: 300 });
    const second = streams.readGroup('jobs', 'g', 'b', { count: 1, blockMs: 2_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(blockingConnections()).toBe(1);
    expect(await first).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await streams.append('jobs', { n: 'late' });
    expect((await second).map((e) => e.fields['n'])).toEqual(['late']);
    // The wait for a free connection counts against blockMs: a queued read gives up in time.
    const started = performance.now();
    const third = streams.readGroup('jobs', 'g', 'c', { count: 1, blockMs: 1_500 });
    const fourth = streams.readGroup('jobs', 'g', 'd', { count: 1, blockMs: 300 });
    expect(await fourth).toEqual([]);
    expect(performance.now() - started).toBeLessThan(1_200);
    expect(await third).toEqual([]);
  });

  it('caps every append at about the default maxLen, which an explicit maxLen overrides', async () => {
    const { streams } = await open({ maxLen: 20 });
    for (let i = 0; i < 600; i++) await streams.append('capped', { n: String(i) });
    const capped = await streams.length('capped');
    expect(capped).toBeGreaterThanOrEqual(20);
    expect(capped).toBeLessThanOrEqual(120);
    await streams.appendMany(
      'bigger',
      Array.from({ length: 600 }, (_, i) => ({ n: String(i) })),
      { maxLen: 500 },
    );
    expect(await streams.length('bigger')).toBeGreaterThanOrEqual(500);
    expect(await streams.length('bigger')).toBeLessThan(600);

    const { streams: uncapped } = await open({ maxLen: null });
    for (let i = 0; i < 300; i++) await uncapped.append('all', { n: String(i) });
    expect(await uncapped.length('all')).toBe(300);
  });

  it('stores each stream under the prefix with its own hash tag, and destroy removes the key', async () => {
    const { streams, redis, prefix } = await open();
    await streams.append('events', { n: '1' });
    await streams.ensureGroup('events', 'g', 'start');
    expect(await redis.type(`${prefix}{stream:events}`)).toBe('stream');
    await streams.destroy('events');
    expect(await redis.exists(`${prefix}{stream:events}`)).toBe(0);
  });

  it('rejects bad arguments with TMI_ERR_INVALID_ARGUMENT before sending anything', async () => {
    const { streams } = await open();
    await streams.ensureGroup('s', 'g', 'start');
    const calls: Promise<unknown>[] = [
      streams.readGroup('s', 'g', 'c', { count: 0, blockMs: 0 }),
      streams.readGroup('s', 'g', 'c', { count: 1, blockMs: -1 }),
      streams.readGroup('s', 'g', 'c', { count: 1, blockMs: Number.NaN }),
      streams.append('s', { n: '1' }, { maxLen: -1 }),
      streams.append('s', { n: 1 as unknown as string }),
      streams.appendMany('s', [{ n: '1' }], { maxLen: 1.5 }),
      streams.ack('s', 'g', ['1-x']),
      streams.range('s', 'abc', '+'),
      streams.range('s', '-', '+', -1),
      streams.claimIdle('s', 'g', 'c', { minIdleMs: 0, count: 0 }),
      streams.pending('s', 'g', { count: 1.5 }),
      streams.trim('s', -1),
      streams.ensureGroup('s', 'g2', 'middle' as 'start'),
    ];
    const errors = await Promise.all(calls.map(errorOf));
    for (const [i, err] of errors.entries())
      expect(isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT'), `call ${i}: ${String(err)}`).toBe(true);
    expect(await streams.length('s')).toBe(0);
  });

  it('drops pending entries whose stream entry was trimmed instead of claiming them', async () => {
    const { streams } = await open();
    await streams.ensureGroup('s', 'g', 'start');
    const ids = await streams.appendMany(
      's',
      Array.from({ length: 3 }, (_, i) => ({ n: String(i) })),
    );
    await streams.readGroup('s', 'g', 'dead', { count: 3, blockMs: 0 });
    expect(await streams.trim('s', 1)).toBe(2);
    const claimed = await streams.claimIdle('s', 'g', 'alive', { minIdleMs: 0, count: 10 });
    expect(claimed.map((e) => [e.id, e.fields['n'], e.deliveries])).toEqual([[ids[2], '2', 2]]);
    expect((await streams.pending('s', 'g')).map((p) => [p.id, p.consumer])).toEqual([[ids[2], 'alive']]);
  });

  it('claims past a long run of busy pending entries to find idle ones further on', async () => {
    const { streams } = await open();
    await streams.ensureGroup('s', 'g', 'start');
    await streams.appendMany(
      's',
      Array.from({ length: 55 }, (_, i) => ({ n: String(i) })),
    );
    await streams.readGroup('s', 'g', 'dead', { count: 55, blockMs: 0 });
    await new Promise((resolve) => setTimeout(resolve, 150));
    // The 50 oldest are taken over (idle again 0); XAUTOCLAIM scans only 10 × COUNT entries per
    // call, so finding entry 50 with count 1 needs the script to walk on.
    expect(await streams.claimIdle('s', 'g', 'busy', { minIdleMs: 100, count: 50 })).toHaveLength(50);
    const claimed = await streams.claimIdle('s', 'g', 'alive', { minIdleMs: 100, count: 1 });
    expect(claimed.map((e) => [e.fields['n'], e.deliveries])).toEqual([['50', 2]]);
  });
});
