/**
 * @tmi-cluster/redis: every core port on Redis (cluster mode). Start with
 * {@link createRedisPorts}; docs/redis.md describes the key layout and the guarantees. The adapter
 * classes are exported as types only: createRedisPorts builds them on shared connections.
 */
export type { RedisAssignmentStore } from './assignment/redis-assignment-store.js';
export { type RedisPorts, createRedisPorts } from './create-redis-ports.js';
export type { RedisDedupStore } from './dedup/redis-dedup-store.js';
export { KeySpace } from './keys.js';
export type { RedisLease } from './lease/redis-lease.js';
export {
  DEFAULT_MAX_LEN,
  DEFAULT_PREFIX,
  DEFAULT_REDIS_URL,
  type RedisClusterOptions,
  type RedisPortsOptions,
  type ResolvedRedisPortsOptions,
  resolveRedisPortsOptions,
} from './options.js';
export type { RedisRateLimiter } from './rate-limiter/redis-rate-limiter.js';
export type { RedisRegistry } from './registry/redis-registry.js';
export type { RedisStreamLog } from './stream-log/redis-stream-log.js';
