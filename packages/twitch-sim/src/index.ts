export {
  type AccountInput,
  AccountTable,
  type LimitProfileName,
  type SimAccount,
} from './sim/accounts.js';
export type { ChannelInput, ChannelState, RoomState } from './sim/channel.js';
export { type ChannelInfo, ChannelDirectory } from './sim/channel-directory.js';
export type {
  ChatEvent,
  CloseEvent,
  CommandEvent,
  ConnectionInfo,
  MembershipEvent,
  SessionState,
  SimEvents,
} from './sim/events.js';
export { type ConnectionTarget, FaultControl } from './sim/faults.js';
export {
  type ChannelRecord,
  type CommandCounts,
  type ConnectionRecord,
  GroundTruth,
  type LineLogEntry,
} from './sim/ground-truth.js';
export { createRateLimiter } from './sim/limits/index.js';
export type {
  AccountCounters,
  JoinOverflowAction,
  JoinVerdict,
  LimitProfile,
  RateLimiter,
  RateLimitOptions,
  SayVerdict,
  WindowLimit,
} from './sim/limits/types.js';
export type { TwitchSimOptions } from './sim/options.js';
export type { FaultSettings } from './sim/outbox.js';
export { startTwitchSim } from './sim/start.js';
export { type ChannelSnapshot, TwitchSim } from './sim/twitch-sim.js';
export type { TransportKind } from './transports/types.js';
export * from './oauth/index.js';
export * from './traffic/index.js';
