import { TmiClusterError } from '@tmi-cluster/core';
import { createRedisPorts } from '@tmi-cluster/redis';
import { z } from 'zod';
import type { ProcessPortsFactory } from './process.js';

/** The Redis settings a cluster-mode supervisor passes to its process workers (`data.redis`). */
export const workerRedisSchema = z.strictObject({
  url: z.string().min(1).optional(),
  prefix: z.string().min(1).optional(),
});

/**
 * A process worker's ports in cluster mode: its own connections to the cluster's Redis (same URL
 * and prefix as its supervisor), so commands and events never pass through the supervisor.
 */
export const redisProcessPorts: ProcessPortsFactory = async (data) => {
  const parsed = workerRedisSchema.safeParse(data['redis']);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `redis.${i.path.join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker data: ${issues.join('; ')}`, {
      issues,
      rule: 'a process worker needs `redis` settings from its supervisor (cluster mode)',
    });
  }
  const { url, prefix } = parsed.data;
  const ports = await createRedisPorts({
    ...(url === undefined ? {} : { url }),
    ...(prefix === undefined ? {} : { prefix }),
  });
  return {
    ports: { streams: ports.streams, registry: ports.registry, limiter: ports.limiter, dedup: ports.dedup },
    close: () => ports.close(),
  };
};
