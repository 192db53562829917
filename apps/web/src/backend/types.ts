import type { SayResult } from '@tmi-cluster/core';

/** Cluster verdict shown in the dashboard's banner. */
export type ClusterHealth = 'operational' | 'degraded' | 'down';

/** One rate-limit budget as the cluster-wide limiter sees it right now. */
export interface RateLimitUse {
  identity: string;
  kind: 'join' | 'auth' | 'privmsg';
  used: number;
  limit: number;
  windowMs: number;
}

/** `GET /api/overview` and the `overview` SSE event. */
export interface Overview {
  status: ClusterHealth;
  reasons: string[];
  at: number;
  /** Per second, over the last few seconds. */
  rates: { messagesIn: number; messagesOut: number; commands: number };
  channels: { wanted: number; confirmed: number; pending: number; failed: number };
  workers: { total: number; byState: Record<string, number> };
  supervisors: { total: number; byState: Record<string, number> };
  connections: number;
  memory: { rssBytes: number };
  joinQueue: number;
  rateLimits: RateLimitUse[];
  coordinator: { id: string | null; term: number | null };
}

export interface SupervisorItem {
  id: string;
  host: string;
  state: string;
  workers: number;
  channels: number;
  memoryBytes: number;
  lastHeartbeatAt: number | null;
}

export interface WorkerItem {
  id: string;
  supervisorId: string;
  state: string;
  channels: number;
  connections: number;
  memoryBytes: number;
  eventLoopLagMs: number | null;
  messagesIn: number;
  messagesOut: number;
  lastHeartbeatAt: number | null;
}

export type ChannelState = 'confirmed' | 'pending' | 'failed' | 'parted';

export const CHANNEL_FILTERS = [
  'all',
  'confirmed',
  'pending',
  'failed',
  'authorized',
  'revoked',
  'stale',
] as const;
export type ChannelFilter = (typeof CHANNEL_FILTERS)[number];

export interface ChannelItem {
  login: string;
  state: ChannelState;
  workerId: string | null;
  confirmedSince: number | null;
  failure: string | null;
  authorized: boolean | null;
}

export interface ChannelQuery {
  search: string;
  filter: ChannelFilter;
  cursor: string | null;
  limit: number;
}

export interface ChannelPage {
  items: ChannelItem[];
  total: number;
  nextCursor: string | null;
}

export interface ChannelAuthorization {
  authorized: boolean;
  revoked: boolean;
  reconnect: boolean;
  authorizedAt: number | null;
  acknowledgedAt: number | null;
}

export interface ChannelHistoryEntry {
  kind: string;
  reason: string | null;
  workerId: string | null;
  at: number;
}

export interface ChannelDetail extends ChannelItem {
  connectionId: string | null;
  authorization: ChannelAuthorization | null;
  history: ChannelHistoryEntry[];
}

/** The original's four groups, as lists of logins (`workers` says where the resolved ones went). */
export interface JoinOutcome {
  resolved: string[];
  ignored: string[];
  rejected: string[];
  unauthorized: string[];
  workers: Record<string, string>;
}

export interface PartOutcome {
  parted: string[];
  notJoined: string[];
}

/** One line of the events log (`GET /api/events/log`, SSE `lifecycle`). */
export interface EventItem {
  id: string;
  kind: string;
  message: string;
  at: number;
  details: Record<string, unknown> | null;
}

/** One chat line of the live tail (SSE `message`). */
export interface ChatLine {
  id: string;
  user: string;
  displayName: string;
  text: string;
  at: number;
  color: string | null;
}

/** `GET /health/ready`. */
export interface Readiness {
  ready: boolean;
  reasons: string[];
}

/** What `/metrics` exports: cluster-wide, from one sample of the registry and the store. */
export interface MetricsSample {
  channels: {
    wanted: number;
    placements: { pending: number; confirmed: number; failed: number };
    failedByReason: Record<string, number>;
  };
  workers: WorkerItem[];
  supervisors: Array<SupervisorItem & { restarts: number | null; reportedMemory: number | null }>;
  /** Monotonic cluster-wide counters (carried over worker restarts); only the reported ones. */
  totals: Record<string, number>;
  /** Commands sent to the coordinator since this server started. */
  commands: number;
  /** Gap records read from the gaps stream since this server started. */
  gaps: number;
  joinQueue: number;
  rateLimits: RateLimitUse[];
  coordinatorTerm: number | null;
}

export type SupervisorAction = 'pause' | 'continue' | 'terminate';

/** What the channel manager is: invites need one that keeps a list. */
export type ChannelManagerKind = 'dummy' | 'database' | 'custom';

export type Unsubscribe = () => void;

/**
 * Everything the web server needs from the cluster. {@link createPortsBackend} builds one from
 * core's ports and client, so the same server works on the embedded cluster and on Redis; tests
 * and other hosts may supply their own.
 */
export interface WebBackend {
  overview(): Promise<Overview>;
  supervisors(): Promise<SupervisorItem[]>;
  workers(): Promise<WorkerItem[]>;
  channels(query: ChannelQuery): Promise<ChannelPage>;
  /** Null when the cluster neither wants nor knows the channel. */
  channel(login: string): Promise<ChannelDetail | null>;
  /** Newest last, at most `limit`. */
  events(limit: number): Promise<EventItem[]>;
  readiness(): Promise<Readiness>;
  metrics(): Promise<MetricsSample>;

  join(
    channels: readonly string[],
    options: { authorize?: boolean; reconnect?: boolean },
  ): Promise<JoinOutcome>;
  part(channels: readonly string[]): Promise<PartOutcome>;
  say(channel: string, text: string, replyTo?: string): Promise<SayResult>;
  authorize(channels: readonly string[], options: { reconnect?: boolean }): Promise<string[]>;
  revoke(channels: readonly string[]): Promise<string[]>;
  /** False when no live supervisor has this id. */
  supervisorCommand(id: string, action: SupervisorAction): Promise<boolean>;
  /** False when no live supervisor has this id (or there is none). */
  scale(workers: number, supervisorId?: string): Promise<boolean>;

  /** Lifecycle events as they happen (each also kept for {@link events}). */
  onLifecycle(listener: (event: EventItem) => void): Unsubscribe;
  /** Chat lines of one channel as they arrive; the reader stops when the last listener goes. */
  onChat(channel: string, listener: (line: ChatLine) => void): Unsubscribe;

  readonly channelManagerKind: ChannelManagerKind;
  /** Stops every loop and timer (idempotent). */
  close(): Promise<void>;
}
