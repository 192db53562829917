import type { IrcMessage } from '../irc/index.js';
import type { TransportKind } from '../transports/types.js';

/** Lifecycle of a connection (STYLE #6): handlers of each state return the next one. */
export type SessionState = 'registering' | 'open' | 'closing' | 'closed';

/** A snapshot of one connection, for tests and dashboards. */
export interface ConnectionInfo {
  id: string;
  transport: TransportKind;
  /** The logged-in login, the justinfan nick for anonymous users, or null before NICK. */
  login: string | null;
  anonymous: boolean;
  caps: string[];
  /** Channels joined, without `#`. */
  channels: string[];
  remoteAddress: string;
  remotePort: number;
  connectedAt: number;
  state: SessionState;
  /** Client lines received (empty lines included). */
  linesReceived: number;
  /** Lines written to the connection. */
  linesSent: number;
  bytesWritten: number;
  /** Output queued but not yet taken by the client (a benchmark can pace itself on it). */
  bufferedBytes: number;
  /** Client lines discarded for exceeding maxLineBytes. */
  oversizedLines: number;
  /** Active delivery faults. */
  stalled: boolean;
}

export interface CommandEvent {
  connectionId: string;
  line: string;
  /** The parsed line; null when it could not be parsed (it is then ignored). */
  message: IrcMessage | null;
}

export interface MembershipEvent {
  connectionId: string;
  login: string;
  channel: string;
}

/** A chat message a client sent and the sim delivered (after limits and trimming). */
export interface ChatEvent {
  connectionId: string;
  login: string;
  channel: string;
  id: string;
  text: string;
}

export interface CloseEvent {
  connectionId: string;
  login: string | null;
  reason: string;
}

/** Events of a {@link TwitchSim}; listen with `sim.on(name, fn)`. */
export interface SimEvents {
  /** A client connected (before registration). */
  connection: [info: ConnectionInfo];
  /** A client finished registration (after the 376 line). */
  registered: [info: ConnectionInfo];
  /** Every line a client sent. */
  command: [event: CommandEvent];
  join: [event: MembershipEvent];
  part: [event: MembershipEvent];
  message: [event: ChatEvent];
  close: [event: CloseEvent];
  /**
   * A bug in the sim threw while handling a client line. The connection is dropped and the server
   * keeps running; tests can listen and fail on it.
   */
  internalError: [error: unknown, connectionId: string];
}
