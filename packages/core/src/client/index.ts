export type { AuthorizeOptions, JoinOptions, PartResult } from './channel-requests.js';
export { ClusterClient, type ClusterClientDeps, createClusterClient } from './cluster-client.js';
export type { EventStats } from './event-stats.js';
export {
  type ClusterClientOptions,
  type ClusterClientOptionsInput,
  clusterClientOptionsSchema,
  resolveClusterClientOptions,
} from './options.js';
export type { SayOptions } from './say-request.js';
export type { ClientSummary, ClusterStatus, SupervisorSummary, WorkerSummary } from './status.js';
export type { ErrorHandler, EventHandler, SubscriptionName, Unsubscribe } from './subscriptions.js';
export type { GapHandler } from './gap-feed.js';
