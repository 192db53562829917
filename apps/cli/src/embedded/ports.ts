import {
  type ChannelManager,
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
  /** Dummy, or the Database manager when `database` is configured. */
  channels: ChannelManager;
}

/** Builds a fresh set of in-memory adapters (no Redis); `channels` defaults to the Dummy manager. */
export function createMemoryPorts(channels: ChannelManager = new DummyChannelManager()): EmbeddedPorts {
  return {
    streams: new MemoryStreamLog(),
    registry: new MemoryRegistry(),
    limiter: new MemoryRateLimiter(),
    dedup: new MemoryDedupStore(),
    lease: new MemoryLease(),
    store: new MemoryAssignmentStore(),
    channels,
  };
}
