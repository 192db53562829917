export { MemoryDedupStore, type MemoryDedupStoreOptions } from './memory-dedup-store.js';
export { MemoryLease, type MemoryLeaseOptions } from './memory-lease.js';
export { MemoryRateLimiter, type MemoryRateLimiterOptions } from './memory-rate-limiter.js';
export { MemoryRegistry, type MemoryRegistryOptions } from './memory-registry.js';
export { MemoryStreamLog, type MemoryStreamLogOptions } from './memory-stream-log.js';
export { compareStreamIds, formatStreamId, parseStreamId, type StreamIdParts } from './stream-id.js';
export { DummyChannelManager } from './dummy-channel-manager.js';
export { MemoryAssignmentStore } from './memory-assignment-store.js';
export { MemoryChannelStore } from './memory-channel-store.js';
