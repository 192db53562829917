import type { PortFactory } from '@tmi-cluster/core/testing';
import {
  assignmentStoreContract,
  dedupStoreContract,
  leaseContract,
  rateLimiterContract,
  realPause,
  registryContract,
  streamLogContract,
} from '@tmi-cluster/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRedisPorts, type RedisPorts } from '../src/index.js';
import { clusterBinaries, PrivateCluster } from './helpers/private-cluster.js';
import { testPrefix } from './helpers/redis.js';

// A private three-master cluster: CI has the binaries with the Redis service; locally the suite
// skips with one line when they are missing.
const binaries = clusterBinaries();
if (!binaries) {
  if (process.env['CI'] === 'true')
    throw new Error('redis-server and redis-cli are required in CI for the cluster suite');
  process.stderr.write('skipping Redis Cluster suite: redis-server or redis-cli not on PATH\n');
}

describe.runIf(binaries)('on a Redis Cluster of three masters', () => {
  let cluster: PrivateCluster | undefined;
  beforeAll(async () => {
    cluster = await PrivateCluster.start();
  }, 30_000);
  afterAll(async () => {
    await cluster?.stop();
  });

  function clusterFactory<P>(pick: (ports: RedisPorts) => P): PortFactory<P> {
    return async () => {
      const ports = await createRedisPorts({ cluster: { nodes: cluster!.nodes }, prefix: testPrefix() });
      return {
        port: pick(ports),
        advance: realPause,
        now: () => Date.now(),
        // The cluster is thrown away after the suite; a fresh prefix per test keeps tests apart.
        cleanup: () => ports.close(),
      };
    };
  }

  it('refuses a script whose keys span hash slots (what the layout must never do)', async () => {
    const client = cluster!.client();
    try {
      const err = await client.eval('return 1', 2, 'tmi:{a}:x', 'tmi:{b}:y').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(String(err)).toContain('CROSSSLOT');
    } finally {
      client.disconnect();
    }
  });

  streamLogContract(
    'redis cluster',
    clusterFactory((ports) => ports.streams),
  );
  registryContract(
    'redis cluster',
    clusterFactory((ports) => ports.registry),
  );
  leaseContract(
    'redis cluster',
    clusterFactory((ports) => ports.lease),
  );
  rateLimiterContract(
    'redis cluster',
    clusterFactory((ports) => ports.limiter),
  );
  dedupStoreContract(
    'redis cluster',
    clusterFactory((ports) => ports.dedup),
  );
  assignmentStoreContract(
    'redis cluster',
    clusterFactory((ports) => ports.store),
  );
});
