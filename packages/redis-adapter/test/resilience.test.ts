import { isTmiClusterError } from '@tmi-cluster/core';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../src/index.js';
import { PrivateRedis, redisServerBinary } from './helpers/private-redis.js';
import { killClients, openTestPorts, REDIS_URL, redisAvailable, testPrefix } from './helpers/redis.js';

const available = await redisAvailable();
const serverBinary = redisServerBinary();
if (available && !serverBinary) {
  if (process.env['CI'] === 'true') throw new Error('redis-server is required in CI for the restart tests');
  process.stderr.write('skipping restart and freeze tests: no redis-server binary on PATH\n');
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** Retries `call` until it succeeds (a reconnect in progress) or `ms` passed. */
async function eventually<T>(call: () => Promise<T>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await call();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await pause(50);
    }
  }
}

describe.runIf(available)('recovery after CLIENT KILL (shared Redis, own connections only)', () => {
  let admin: Redis;
  const opened: Awaited<ReturnType<typeof openTestPorts>>[] = [];
  beforeAll(() => {
    admin = new Redis(REDIS_URL);
  });
  afterAll(() => admin.disconnect());
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((ports) => ports.cleanup()));
  });
  const open = async () => {
    const ports = await openTestPorts();
    opened.push(ports);
    return ports;
  };

  it('ends a read whose blocking connection was killed at once, and the next read works', async () => {
    const { streams, prefix } = await open();
    await streams.ensureGroup('s', 'g', 'end');
    const read = errorOf(streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 10_000 }));
    await pause(100);
    expect(await killClients(admin, `${prefix}blocking`)).toBe(1);
    const started = performance.now();
    const err = await read;
    expect(isTmiClusterError(err, 'TMI_ERR_NOT_CONNECTED'), String(err)).toBe(true);
    // At once, not at the end of its 10 s block (slack for a loaded machine).
    expect(performance.now() - started).toBeLessThan(3_000);

    const next = streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 5_000 });
    await pause(100);
    await streams.append('s', { n: 'after' });
    expect((await next).map((e) => e.fields['n'])).toEqual(['after']);
  });

  it('carries on after the command connection was killed, also for calls in flight', async () => {
    const { streams, lease, limiter, prefix } = await open();
    const inFlight = Array.from({ length: 50 }, (_, i) => streams.append('s', { n: String(i) }));
    expect(await killClients(admin, `${prefix}main`)).toBe(1);
    const ids = await Promise.all(inFlight);
    expect(new Set(ids).size).toBe(50);
    // Replayed commands may append twice (at-least-once), never lose one.
    expect(await streams.length('s')).toBeGreaterThanOrEqual(50);
    expect((await lease.acquire('coordinator', 'a', 5_000))?.holder).toBe('a');
    expect((await limiter.take('join:bot', { count: 1, windowMs: 5_000 })).ok).toBe(true);
  });

  it('lets a reader loop lose nothing across repeated kills of both connections', async () => {
    const { streams, prefix } = await open();
    await streams.ensureGroup('s', 'g', 'start');
    const appended: string[] = [];
    const received = new Set<string>();
    let producing = true;
    const producer = (async () => {
      for (let i = 0; i < 150; i++) {
        appended.push(...(await eventually(() => streams.appendMany('s', [{ n: `${i}a` }, { n: `${i}b` }]))));
        await pause(5);
      }
      producing = false;
    })();
    const reader = (async () => {
      while (producing || received.size < appended.length) {
        try {
          const entries = await streams.readGroup('s', 'g', 'reader', { count: 20, blockMs: 200 });
          for (const e of entries) received.add(e.id);
          if (entries.length > 0)
            await streams.ack(
              's',
              'g',
              entries.map((e) => e.id),
            );
          if (!producing && entries.length === 0) break;
        } catch {
          // A read cut by a kill fails with TMI_ERR_NOT_CONNECTED: read again.
          await pause(20);
        }
      }
    })();
    let mainKills = 0;
    for (let k = 0; k < 4; k++) {
      await pause(120);
      await killClients(admin, `${prefix}blocking`);
      mainKills += await killClients(admin, `${prefix}main`);
    }
    await producer;
    await reader;
    // Entries whose reply was lost with a killed connection stay pending: a claim recovers them.
    const pending = await streams.claimIdle('s', 'g', 'reader', { minIdleMs: 0, count: 1_000 });
    for (const e of pending) received.add(e.id);
    expect(appended).toHaveLength(300);
    expect(appended.filter((id) => !received.has(id))).toEqual([]);
    expect(mainKills).toBe(4);
  });
});

describe.runIf(available && serverBinary)('recovery with a private Redis server', () => {
  let server: PrivateRedis;
  let ports: RedisPorts | undefined;
  beforeAll(async () => {
    server = await PrivateRedis.start();
  });
  afterAll(async () => {
    await server.stop();
  });
  afterEach(async () => {
    server.freeze(false);
    await ports?.close();
    ports = undefined;
  });

  it('recovers after a restart: blocked reads fail fast, scripts load again, everything works', async () => {
    ports = await createRedisPorts({ url: server.url, prefix: testPrefix() });
    const { streams, lease } = ports;
    const before = await lease.acquire('coordinator', 'a', 60_000);
    expect(before).not.toBeNull();
    await streams.ensureGroup('s', 'g', 'end');
    const read = errorOf(streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 10_000 }));
    await pause(100);
    const started = performance.now();
    await server.restart();
    const err = await read;
    expect(isTmiClusterError(err, 'TMI_ERR_NOT_CONNECTED'), String(err)).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
    // The server came back empty: the lease is free and the scripts must be loaded again (NOSCRIPT).
    const after = await eventually(() => lease.acquire('coordinator', 'b', 60_000));
    expect(after?.holder).toBe('b');
    // The token counter was lost with the data, yet tokens still grow: fencing survives.
    expect(after!.token).toBeGreaterThan(before!.token);
    await streams.ensureGroup('s', 'g', 'end');
    const next = eventually(() => streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 3_000 }));
    await pause(200);
    await streams.append('s', { n: 'back' });
    expect((await next).map((e) => e.fields['n'])).toEqual(['back']);
  });

  it('never hangs on a server that stops answering: the read times out and its connection is replaced', async () => {
    ports = await createRedisPorts({ url: server.url, prefix: testPrefix(), blockingGraceMs: 200 });
    const { streams } = ports;
    await streams.ensureGroup('s', 'g', 'end');
    const read = errorOf(streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 300 }));
    await pause(50);
    server.freeze(true);
    const started = performance.now();
    const err = await read;
    expect(isTmiClusterError(err, 'TMI_ERR_TIMEOUT'), String(err)).toBe(true);
    // blockMs + blockingGraceMs = 500 ms, with slack for a loaded machine.
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(ports.blockingConnections()).toBe(0);
    server.freeze(false);
    const next = streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 3_000 });
    await pause(200);
    await streams.append('s', { n: 'thawed' });
    expect((await next).map((e) => e.fields['n'])).toEqual(['thawed']);
  });
});
