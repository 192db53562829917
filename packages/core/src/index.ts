export { ManualClock, SystemClock, systemClock } from './clock/index.js';
export { isChannelLogin, toChannelLogin, toIrcChannel, type ChannelLogin } from './domain/channel-name.js';
export { DEFAULT_DRAIN_TIMEOUTS, type DrainTimeouts, drainTimeouts } from './domain/drain-timeouts.js';
export { ERROR_CODES, type ErrorCode, isTmiClusterError, TmiClusterError } from './errors/index.js';
export * from './memory/index.js';
export type { Clock, TimerHandle } from './ports/clock.js';
export type { DedupClaim, DedupStore } from './ports/dedup-store.js';
export type { Lease, LeaseGrant } from './ports/lease.js';
export type { RateDecision, RateLimiter, WindowLimit } from './ports/rate-limiter.js';
export type { MemberKind, MemberRecord, Registry } from './ports/registry.js';
export type {
  AppendOptions,
  ClaimOptions,
  PendingEntry,
  ReadOptions,
  StreamEntry,
  StreamFields,
  StreamLog,
} from './ports/stream-log.js';
export * from './events/index.js';
export * from './irc/index.js';
export * from './coordinator/index.js';
export {
  type PlacementPlan,
  type PlacementRequest,
  type PlacementWorker,
  planPlacements,
} from './distributor/placement.js';
export type * from './ports/assignment-store.js';
export type { ChannelManager } from './ports/channel-manager.js';
export type { ChannelEventSink } from './ports/channel-event-sink.js';
export type * from './ports/channel-store.js';
export * from './channels/index.js';
export * from './protocol/index.js';
export * from './scaler/index.js';
export type {
  IrcCloseInfo,
  IrcConnection,
  IrcConnectionFactory,
  IrcConnectionInit,
  IrcConnectionState,
  IrcIdentity,
} from './ports/irc-connection.js';
export * from './worker/index.js';
export * from './worker/runtime/index.js';
export * from './client/index.js';
export {
  type Parsed,
  parseSupervisorMessage,
  parseWorkerMessage,
  type SupervisorToWorker,
  type WorkerExit,
  type WorkerHandle,
  type WorkerHandleEvents,
  type WorkerHost,
  type WorkerSpawnOptions,
  type WorkerToSupervisor,
} from './ports/worker-host.js';
export * from './supervisor/index.js';
