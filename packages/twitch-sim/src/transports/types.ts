/** Which listener a connection came in on. */
export type TransportKind = 'tcp' | 'ws';

/** What a transport reports to the session that owns a connection. */
export interface LineConnectionHandlers {
  /** One complete client line, without CR/LF, decoded as UTF-8. */
  line(line: string): void;
  /** A client line went past `maxLineBytes` and was discarded (the connection stays open). */
  oversized(): void;
  /** The connection is gone; called exactly once. */
  close(reason: string): void;
}

/**
 * A transport-agnostic IRC connection: the session logic speaks lines and never sees sockets or
 * frames, so TCP and WebSocket clients share every rule of the protocol.
 */
export interface LineConnection {
  readonly kind: TransportKind;
  readonly remoteAddress: string;
  readonly remotePort: number;
  /** Queues one line (without CRLF); lines are flushed in batches on the next turn of the loop. */
  send(line: string): void;
  /** Queues data exactly as given (fault injection of malformed output). */
  sendRaw(data: string): void;
  /** Bytes queued but not yet taken by the kernel (userland batch + socket buffer). */
  readonly bufferedBytes: number;
  /** Bytes handed to the socket so far. */
  readonly bytesWritten: number;
  /** Stops delivering client lines (and, for TCP, reading from the socket) until resumed. */
  pauseReading(): void;
  resumeReading(): void;
  /** Flushes queued lines, then closes gracefully. */
  end(): void;
  /** Flushes what is queued and closes at once, like a server killing the socket. */
  destroy(): void;
  setHandlers(handlers: LineConnectionHandlers): void;
}

/** Limits shared by both transports. */
export interface TransportLimits {
  /** Client lines longer than this (bytes, CR/LF excluded) are discarded. */
  maxLineBytes: number;
  /**
   * Past this many unsent bytes the server drops the connection, as a real server drops a
   * consumer too slow to keep up instead of growing its memory without bound.
   */
  maxBufferedBytes: number;
}

/** A listener; `close` stops accepting and destroys every open connection. */
export interface Listener {
  readonly port: number;
  close(): Promise<void>;
}
