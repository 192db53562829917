/** One inbound line as the pool forwards it to the event stream. */
export interface PoolLine {
  /** The raw line, without CR/LF. */
  line: string;
  /** Epoch ms when the frame carrying it arrived. */
  receivedAt: number;
  /** `<workerId>/<connectionId>`: which socket received it. */
  receiverId: string;
  /** Channel login without `#`, when the first param names one. */
  channel: string | null;
  /** The IRC command (`PRIVMSG`, `USERNOTICE`, `001` …); `''` for a malformed line. */
  command: string;
  /**
   * Twitch's `id` tag (message id), when present; null for USERSTATE, whose `id` names the message
   * it acknowledges (readers receive that message with the same id).
   */
  id: string | null;
}

/** What {@link ConnectionPool.send} did. */
export interface PoolSendResult {
  /** The connection that sent the line. */
  connectionId: string;
  /** `<workerId>/<connectionId>`, as on inbound lines. */
  receiverId: string;
}

/** Lifecycle of a pooled connection (STYLE.md #6). */
export type PoolConnectionState =
  /** Waiting for its turn to open (AUTH budget, spacing, back-off). */
  | 'waiting'
  | 'connecting'
  | 'open'
  /** Twitch sent RECONNECT: still receiving while its replacement joins, then closed. */
  | 'draining'
  | 'closed';

/** One connection in {@link PoolStatus}. */
export interface PoolConnectionStatus {
  id: string;
  identity: string;
  state: PoolConnectionState;
  /** Channels this connection should be in. */
  wanted: number;
  /** Channels the server confirmed this connection is in (JOIN echo, ROOMSTATE). */
  confirmed: number;
  /** Wanted channels whose JOIN was sent and not answered yet. */
  pending: number;
  /** Wanted channels waiting for budget, a retry time or the connection to open. */
  queued: number;
}

/** A snapshot of the pool, for heartbeats and dashboards. */
export interface PoolStatus {
  workerId: string;
  connections: PoolConnectionStatus[];
  /** Sums over all connections. */
  wanted: number;
  confirmed: number;
}
