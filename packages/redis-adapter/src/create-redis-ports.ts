import { TmiClusterError } from '@tmi-cluster/core';
import type { Redis } from 'ioredis';
import { RedisAssignmentStore } from './assignment/redis-assignment-store.js';
import { BlockingPool } from './connection/blocking-pool.js';
import { openBlocking, openClient } from './connection/open-client.js';
import type { StreamContext } from './context.js';
import { RedisDedupStore } from './dedup/redis-dedup-store.js';
import { KeySpace } from './keys.js';
import { RedisLease } from './lease/redis-lease.js';
import { type RedisPortsOptions, resolveRedisPortsOptions } from './options.js';
import { RedisRateLimiter } from './rate-limiter/redis-rate-limiter.js';
import { RedisRegistry } from './registry/redis-registry.js';
import { defineScripts } from './scripts/load.js';
import { RedisStreamLog } from './stream-log/redis-stream-log.js';

/** Every core port on one Redis (the `EmbeddedPorts` of cluster mode, without a channel manager). */
export interface RedisPorts {
  streams: RedisStreamLog;
  registry: RedisRegistry;
  limiter: RedisRateLimiter;
  dedup: RedisDedupStore;
  lease: RedisLease;
  store: RedisAssignmentStore;
  /**
   * The command connection (named `<prefix>main` in CLIENT LIST), for health checks; with the
   * `cluster` option an ioredis `Cluster`, which answers the same commands.
   */
  redis: Redis;
  /** The key prefix in use. */
  prefix: string;
  /** Open connections for blocking reads right now. */
  blockingConnections(): number;
  /** Ends blocked reads (TMI_ERR_CLOSED), closes every connection; later calls fail the same way. */
  close(): Promise<void>;
}

/** Oldest Redis whose XAUTOCLAIM drops deleted entries and whose scripts replicate effects. */
const MIN_VERSION = [7, 0] as const;

/**
 * Connects to Redis (or Valkey, or a Redis Cluster through a hash-tag-aware client), checks the
 * server version, registers the Lua scripts and returns every port. Options are validated first
 * (TMI_ERR_INVALID_CONFIG); an unreachable server fails with TMI_ERR_NOT_CONNECTED.
 */
export async function createRedisPorts(options: RedisPortsOptions = {}): Promise<RedisPorts> {
  const o = resolveRedisPortsOptions(options);
  const redis = openClient(o);
  redis.on('error', o.onError);
  // ioredis rejects connect() with a bare "Connection is closed."; the socket error says why.
  let lastError: Error | undefined;
  const remember = (error: Error) => {
    lastError = error;
  };
  redis.on('error', remember);
  try {
    await redis.connect();
    await assertVersion(redis);
  } catch (err) {
    redis.disconnect();
    if (err instanceof TmiClusterError) throw err;
    const where =
      o.url !== undefined
        ? redactUrl(o.url)
        : o.cluster !== undefined
          ? 'the Redis Cluster'
          : 'the configured Redis';
    throw new TmiClusterError(
      'TMI_ERR_NOT_CONNECTED',
      `cannot connect to ${where}: ${lastError?.message ?? (err instanceof Error ? err.message : String(err))}`,
      { url: o.url === undefined ? undefined : redactUrl(o.url) },
      { cause: err },
    );
  }
  redis.off('error', remember);
  defineScripts(redis);
  let closed = false;
  const blocking = new BlockingPool({
    max: o.blockingConnections,
    graceMs: o.blockingGraceMs,
    open: () => openBlocking(redis, o),
  });
  const ctx: StreamContext = {
    redis,
    keys: new KeySpace(o.prefix),
    closed: () => closed,
    blocking,
    defaultMaxLen: o.maxLen,
  };
  return {
    streams: new RedisStreamLog(ctx),
    registry: new RedisRegistry(ctx),
    limiter: new RedisRateLimiter(ctx),
    dedup: new RedisDedupStore(ctx),
    lease: new RedisLease(ctx),
    store: new RedisAssignmentStore(ctx),
    redis,
    prefix: o.prefix,
    blockingConnections: () => blocking.size,
    async close() {
      if (closed) return;
      closed = true;
      blocking.close();
      await redis.quit().catch(() => redis.disconnect());
    },
  };
}

async function assertVersion(redis: Redis): Promise<void> {
  const info = await redis.info('server');
  const version = /^redis_version:(\d+)\.(\d+)/m.exec(info);
  const [major, minor] = [Number(version?.[1] ?? 0), Number(version?.[2] ?? 0)];
  if (major < MIN_VERSION[0] || (major === MIN_VERSION[0] && minor < MIN_VERSION[1])) {
    throw new TmiClusterError(
      'TMI_ERR_INVALID_CONFIG',
      `Redis ${MIN_VERSION.join('.')} or newer is required, the server runs ${version?.[0]?.slice(14) ?? 'an unknown version'}`,
      { version: version?.[0] },
    );
  }
}

/** The URL without its password, for error messages. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
