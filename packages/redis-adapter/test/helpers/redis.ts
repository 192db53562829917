import { randomBytes } from 'node:crypto';
import type { PortFactory } from '@tmi-cluster/core/testing';
import { realPause } from '@tmi-cluster/core/testing';
import { Redis } from 'ioredis';
import { createRedisPorts, type RedisPorts, type RedisPortsOptions } from '../../src/index.js';

/** The Redis the suites run against: CI provides 127.0.0.1:6379; the env var overrides it. */
export const REDIS_URL = process.env['TMI_CLUSTER_TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

/**
 * Whether Redis answers. With CI=true a missing server throws (the suites must run there);
 * otherwise they are skipped with one line saying why.
 */
export async function redisAvailable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => {});
  try {
    await probe.connect();
    await probe.ping();
    return true;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (process.env['CI'] === 'true')
      throw new Error(`Redis is required in CI but not reachable at ${REDIS_URL}: ${reason}`);
    process.stderr.write(`skipping Redis suites: Redis not reachable at ${REDIS_URL} (${reason})\n`);
    return false;
  } finally {
    probe.disconnect();
  }
}

/** A fresh prefix per harness, so parallel suites on one server never share keys. */
export function testPrefix(): string {
  return `tmi-test:${randomBytes(6).toString('hex')}:`;
}

/** Removes every key under `prefix` (SCAN + UNLINK) with a connection of its own. */
export async function deleteKeys(prefix: string): Promise<number> {
  const redis = new Redis(REDIS_URL);
  redis.on('error', () => {});
  try {
    let removed = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1_000);
      cursor = next;
      if (keys.length > 0) removed += await redis.unlink(...keys);
    } while (cursor !== '0');
    return removed;
  } finally {
    redis.disconnect();
  }
}

/** Ports under a fresh prefix, removed with all their keys by `cleanup`. */
export async function openTestPorts(
  options: RedisPortsOptions = {},
): Promise<RedisPorts & { cleanup(): Promise<void> }> {
  const ports = await createRedisPorts({ url: REDIS_URL, prefix: testPrefix(), ...options });
  return {
    ...ports,
    async cleanup() {
      await ports.close();
      await deleteKeys(ports.prefix);
    },
  };
}

/** A contract harness for one port of a fresh set of ports, on real server time. */
export function redisFactory<P>(pick: (ports: RedisPorts) => P): PortFactory<P> {
  return async () => {
    const ports = await openTestPorts();
    return { port: pick(ports), advance: realPause, now: () => Date.now(), cleanup: ports.cleanup };
  };
}

/** CLIENT LIST entries of connections named `name` (ids to kill only our own). */
export async function clientIds(admin: Redis, name: string): Promise<string[]> {
  const list = await admin.call('CLIENT', 'LIST', 'TYPE', 'normal');
  return String(list)
    .split('\n')
    .filter((line) => line.includes(` name=${name} `))
    .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1] ?? '')
    .filter((id) => id !== '');
}

/** Kills the connections named `name` by id; returns how many went. */
export async function killClients(admin: Redis, name: string): Promise<number> {
  let killed = 0;
  for (const id of await clientIds(admin, name))
    killed += Number(await admin.call('CLIENT', 'KILL', 'ID', id));
  return killed;
}
