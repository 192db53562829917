/**
 * One IRC connection to Twitch chat, as the worker's connection pool needs it: connect, send raw
 * lines, receive every raw line, close. The pool owns everything above the socket (joins,
 * keepalive, reconnects), so an adapter (tmi.js over WebSocket in `apps/cli`, an in-memory one in
 * tests) stays small, and `core` never imports a driver (STYLE.md #3).
 */
export interface IrcConnection {
  /** The id the pool gave it (unique within a worker); part of every line's receiver id. */
  readonly id: string;
  /** The nick the server confirmed (001), or the identity's login before that. Lowercase. */
  readonly nick: string;
  readonly state: IrcConnectionState;
  /**
   * Opens the socket and logs in. Resolves once registered: after 376 and, for a token identity,
   * the GLOBALUSERSTATE that follows it. Rejects when the socket closes first or the login is
   * refused (`NOTICE * :Login authentication failed`); `onClose` is then NOT called, the
   * rejection is the only signal. Called at most once per connection. It has no deadline of its
   * own: the caller enforces one (the pool's `connectTimeoutMs`) and calls close().
   */
  connect(): Promise<void>;
  /**
   * Sends one raw line (no CR/LF; the adapter frames it). False when the connection is not open,
   * so callers can re-route instead of catching.
   */
  send(line: string): boolean;
  /**
   * Closes the connection; resolves once it is closed. A connection that does not close
   * gracefully in a short grace period is destroyed. Idempotent.
   */
  close(): Promise<void>;
}

/** `idle` before connect(); `closing` after close() was called, until the socket is gone. */
export type IrcConnectionState = 'idle' | 'connecting' | 'open' | 'closing' | 'closed';

/** Who the connection logs in as. */
export interface IrcIdentity {
  /** Lowercase login; `justinfan<digits>` for anonymous, read-only connections. */
  login: string;
  /** OAuth access token without `oauth:`; null for anonymous (justinfan) logins. */
  token: string | null;
}

/** Why a connection that was open closed. */
export interface IrcCloseInfo {
  /** `requested`: close() was called; `server`: the server closed it; `error`: a socket error. */
  reason: 'requested' | 'server' | 'error';
  /** Human-readable detail for logs. */
  message: string;
}

/** What a connection is created with. */
export interface IrcConnectionInit {
  id: string;
  identity: IrcIdentity;
  /**
   * Every inbound line, raw, without CR/LF, in arrival order, including the registration lines.
   * `receivedAt` (epoch ms) is taken once per received frame, so lines of one frame share it.
   * Called synchronously from the socket's callback: keep it fast and never throw.
   */
  onLine(line: string, receivedAt: number): void;
  /** Called once when a connection whose connect() had resolved closes, for any reason. */
  onClose(info: IrcCloseInfo): void;
}

/** Creates connections; one per adapter (tmi.js, in-memory). */
export interface IrcConnectionFactory {
  create(init: IrcConnectionInit): IrcConnection;
}
