import { TmiClusterError } from '@tmi-cluster/core';
import type { ClusterOptions, RedisOptions } from 'ioredis';
import { z } from 'zod';

/** Options of {@link createRedisPorts}. */
export interface RedisPortsOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…`. Default: `redis://127.0.0.1:6379`. */
  url?: string;
  /** ioredis options (TLS, password, sentinels, retryStrategy…); `url` wins where both say. */
  redis?: RedisOptions;
  /**
   * A Redis Cluster instead of one server: its startup nodes (`host:port` or `{ host, port }`)
   * and ioredis Cluster options. Give either `url` or `cluster`. `redis` then applies to every
   * node connection.
   */
  cluster?: RedisClusterOptions;
  /**
   * Start of every key, so several clusters (or test runs) can share one Redis. No spaces or
   * braces (braces would break the hash tags). Default `tmi-cluster:`.
   */
  prefix?: string;
  /**
   * `MAXLEN ~` cap of every append that gives none: streams never grow unbounded when a consumer
   * is gone. `null` turns the default cap off. Default 100,000 entries per stream.
   */
  maxLen?: number | null;
  /** Most connections for blocking reads at once (one per concurrently blocked reader). Default 16. */
  blockingConnections?: number;
  /** Slack past a blocking read's BLOCK time before its connection counts as dead. Default 5,000 ms. */
  blockingGraceMs?: number;
  /** Called with connection errors (ioredis reconnects by itself). Default: ignored. */
  onError?: (error: Error) => void;
}

/** Where a Redis Cluster is (see {@link RedisPortsOptions.cluster}). */
export interface RedisClusterOptions {
  nodes: readonly (string | { host: string; port: number })[];
  options?: ClusterOptions;
}

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';
export const DEFAULT_PREFIX = 'tmi-cluster:';
export const DEFAULT_MAX_LEN = 100_000;

const schema = z
  .object({
    url: z
      .string()
      .regex(/^rediss?:\/\/\S+$/, 'must be a redis:// or rediss:// URL')
      .optional(),
    redis: z.record(z.string(), z.unknown()).optional(),
    cluster: z
      .object({
        nodes: z
          .array(
            z.union([
              z.string().regex(/^\S+:\d+$/, 'must be host:port'),
              z.object({ host: z.string().min(1), port: z.number().int().min(1).max(65_535) }).strict(),
            ]),
          )
          .min(1),
        options: z.record(z.string(), z.unknown()).optional(),
      })
      .strict()
      .optional(),
    prefix: z
      .string()
      .min(1)
      .max(200)
      .regex(/^[^\s{}]+$/, 'must not contain spaces or braces')
      .default(DEFAULT_PREFIX),
    maxLen: z.number().int().min(1).nullable().default(DEFAULT_MAX_LEN),
    blockingConnections: z.number().int().min(1).max(10_000).default(16),
    blockingGraceMs: z.number().int().min(100).max(600_000).default(5_000),
    onError: z.function().optional(),
  })
  .strict()
  .refine((o) => o.url === undefined || o.cluster === undefined, {
    message: 'give either url or cluster, not both',
    path: ['cluster'],
  });

/** The options after validation and defaults, frozen. */
export interface ResolvedRedisPortsOptions {
  url: string | undefined;
  redis: RedisOptions;
  cluster: RedisClusterOptions | undefined;
  prefix: string;
  maxLen: number | undefined;
  blockingConnections: number;
  blockingGraceMs: number;
  onError: (error: Error) => void;
}

/** Validates once; throws TMI_ERR_INVALID_CONFIG naming each option and rule. */
export function resolveRedisPortsOptions(input: RedisPortsOptions = {}): Readonly<ResolvedRedisPortsOptions> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `redis.${i.path.join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { issues });
  }
  const { url, prefix, maxLen, blockingConnections, blockingGraceMs } = parsed.data;
  return Object.freeze({
    url: url ?? (input.redis === undefined && input.cluster === undefined ? DEFAULT_REDIS_URL : undefined),
    redis: { ...input.redis },
    cluster:
      input.cluster === undefined
        ? undefined
        : { nodes: [...input.cluster.nodes], options: { ...input.cluster.options } },
    prefix,
    maxLen: maxLen ?? undefined,
    blockingConnections,
    blockingGraceMs,
    onError: input.onError ?? (() => {}),
  });
}
