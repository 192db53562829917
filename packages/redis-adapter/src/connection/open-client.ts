import { Cluster, Redis } from 'ioredis';
import type { ResolvedRedisPortsOptions } from '../options.js';

/**
 * The command client: one server, or a Redis Cluster client. A Cluster answers every command the
 * adapters send (each script and MULTI stays within one hash tag), so the adapters hold it through
 * the `Redis` type; `duplicate` opens a whole new cluster client per blocking connection.
 */
export function openClient(o: Readonly<ResolvedRedisPortsOptions>): Redis {
  const named = { ...o.redis, connectionName: `${o.prefix}main` };
  if (o.cluster !== undefined) {
    const cluster = new Cluster([...o.cluster.nodes], {
      ...o.cluster.options,
      lazyConnect: true,
      redisOptions: { ...o.cluster.options?.redisOptions, ...named },
    });
    return cluster as unknown as Redis;
  }
  const options = { ...named, lazyConnect: true };
  return o.url === undefined ? new Redis(options) : new Redis(o.url, options);
}

/** Options of a blocking connection: never replay a dropped read, never queue one offline. */
const BLOCKING = { autoResendUnfulfilledCommands: false, enableOfflineQueue: false, lazyConnect: true };

/** One more connection for blocking reads, with the settings of `client`. */
export function openBlocking(client: Redis, o: Readonly<ResolvedRedisPortsOptions>): Redis {
  const connectionName = `${o.prefix}blocking`;
  if (client instanceof Cluster) {
    const cluster = client as Cluster;
    return cluster.duplicate(undefined, {
      lazyConnect: true,
      enableOfflineQueue: false,
      redisOptions: { ...o.cluster?.options?.redisOptions, ...o.redis, ...BLOCKING, connectionName },
    }) as unknown as Redis;
  }
  return client.duplicate({ ...BLOCKING, connectionName });
}
