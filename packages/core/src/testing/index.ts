/**
 * Contract suites for the ports: every adapter (memory, Redis, …) runs the same suite (STYLE.md
 * #11). Import from `@tmi-cluster/core/testing` inside a vitest test file.
 */
export { dedupStoreContract } from './dedup-store-contract.js';
export {
  type ContractOptions,
  type PortFactory,
  type PortHarness,
  realPause,
  track,
  useHarness,
} from './harness.js';
export { leaseContract } from './lease-contract.js';
export { manualClockFactory } from './manual-clock-factory.js';
export { rateLimiterContract } from './rate-limiter-contract.js';
export { registryContract } from './registry-contract.js';
export { streamLogContract } from './stream-log-contract.js';
export { assignmentStoreContract } from './assignment-store-contract.js';
export { type ChannelStoreContractOptions, channelStoreContract } from './channel-store-contract.js';
