export { backoffDelay } from './backoff.js';
export { ConnectionPool } from './connection-pool.js';
export {
  anonymousIdentity,
  type Identity,
  type IdentityLimits,
  type IdentityTier,
  identityLimits,
  TIER_LIMITS,
} from './identity.js';
export { joinBatchSize, joinLine } from './join-batch.js';
export { type ConnectionPoolOptions, type ResolvedPoolOptions, resolvePoolOptions } from './options.js';
export type {
  PoolConnectionState,
  PoolConnectionStatus,
  PoolLine,
  PoolSendResult,
  PoolStatus,
} from './types.js';
