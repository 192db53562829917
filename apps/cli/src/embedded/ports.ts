import {
  type AssignmentStore,
  type ChannelManager,
  type DedupStore,
  DummyChannelManager,
  MemoryAssignmentStore,
  MemoryDedupStore,
  MemoryLease,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
  type Lease,
  type RateLimiter,
  type Registry,
  type StreamLog,
} from '@tmi-cluster/core';

/**
 * Every port one cluster node runs on: in-memory adapters in embedded mode (workers reach them
 * over the thread bridge), Redis adapters in cluster mode (workers open their own).
 */
export interface EmbeddedPorts {
  streams: StreamLog;
  registry: Registry;
  limiter: RateLimiter;
  dedup: DedupStore;
  lease: Lease;
  store: AssignmentStore;
  /** Dummy, or the Database manager when `database` is configured. */
  channels: ChannelManager;
}

/** Builds a fresh set of in-memory adapters (no Redis); `channels` defaults to the Dummy manager. */
export function createMemoryPorts(
  channels: ChannelManager = new DummyChannelManager(),
): EmbeddedPorts & { streams: MemoryStreamLog } {
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
