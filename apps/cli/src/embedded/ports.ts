import {
  DummyChannelManager,
  MemoryAssignmentStore,
  MemoryDedupStore,
  MemoryLease,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
} from '@tmi-cluster/core';

/** Every in-memory adapter one embedded cluster runs on; workers reach them over the bridge. */
export interface EmbeddedPorts {
  streams: MemoryStreamLog;
  registry: MemoryRegistry;
  limiter: MemoryRateLimiter;
  dedup: MemoryDedupStore;
  lease: MemoryLease;
  store: MemoryAssignmentStore;
  channels: DummyChannelManager;
}

/** Builds a fresh set of in-memory adapters (embedded mode has no Redis and no database). */
export function createMemoryPorts(): EmbeddedPorts {
  return {
    streams: new MemoryStreamLog(),
    registry: new MemoryRegistry(),
    limiter: new MemoryRateLimiter(),
    dedup: new MemoryDedupStore(),
    lease: new MemoryLease(),
    store: new MemoryAssignmentStore(),
    channels: new DummyChannelManager(),
  };
}
