/**
 * The HTTP contract's payloads as the dashboard reads them (docs/dashboard.md). The server owns
 * the schema; these types only describe what the UI relies on.
 */

export type ClusterHealth = 'operational' | 'degraded' | 'down';

export interface RateLimitUse {
  identity: string;
  kind: 'join' | 'auth' | 'privmsg';
  used: number;
  limit: number;
  windowMs: number;
}

export interface Overview {
  status: ClusterHealth;
  reasons: string[];
  at: number;
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

export interface ChannelDetail {
  login: string;
  state: ChannelState;
  workerId: string | null;
  connectionId: string | null;
  confirmedSince: number | null;
  failure: string | null;
  authorization: ChannelAuthorization | null;
  history: ChannelHistoryEntry[];
}

export interface JoinResult {
  resolved: string[];
  ignored: string[];
  rejected: string[];
  unauthorized: string[];
}

export interface EventItem {
  id: string;
  kind: string;
  message: string;
  at: number;
  details?: unknown;
}

export interface ChatMessage {
  id: string;
  user: string;
  displayName: string;
  text: string;
  at: number;
  color: string | null;
}

export interface SessionUser {
  login: string;
  via: 'token' | 'twitch';
}

export interface Session {
  user: SessionUser;
  csrfToken: string;
}

export interface TwitchUser {
  login: string;
  displayName: string;
  avatarUrl: string | null;
}

export interface InviteState {
  enabled: boolean;
  bot: TwitchUser;
  streamer: TwitchUser | null;
  authorized: boolean;
  joined: boolean;
  /** Present with the CSRF token of the invite session, when the server sends one. */
  csrfToken?: string;
  /** Why invites are off, when the server says. */
  message?: string;
}

/** An error body of the API (`{error, message?, issues?}`). */
export interface ApiErrorBody {
  error: string;
  message?: string;
  issues?: Array<{ path: string; message: string }>;
}
