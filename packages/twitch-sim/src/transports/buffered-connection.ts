import type { AddressInfo } from 'node:net';
import type { Flushable, FlushQueue } from './flush-queue.js';
import { LineSplitter } from './line-splitter.js';
import type { LineConnection, LineConnectionHandlers, TransportKind, TransportLimits } from './types.js';

/** How long a gracefully closing connection may wait for the peer before it is killed. */
const CLOSE_GRACE_MS = 2000;

const NO_HANDLERS: LineConnectionHandlers = { line() {}, oversized() {}, close() {} };

/** When a batch is written at once instead of waiting for the end of the turn. */
export interface EarlyFlush {
  /** Queued characters (CRLF included). */
  chars: number;
  /** Queued writes (lines, or raw data). */
  writes: number;
}

/**
 * What both transports share: output batched per turn of the event loop (one write, or one
 * frame run, per connection per turn), held client lines while reading is paused, the close
 * reason, and the slow-consumer cut-off. A transport supplies only its framing and its socket
 * calls, through the protected hooks below.
 */
export abstract class BufferedConnection implements LineConnection, Flushable {
  abstract readonly kind: TransportKind;
  /** Why the connection closed, reported once to the handlers; transports set it on socket errors. */
  protected closeReason = 'client closed';
  /** Splits client bytes into lines; transports push what they read into it. */
  protected readonly splitter: LineSplitter;
  #handlers = NO_HANDLERS;
  /** Queued output, each entry a line with its CRLF or raw data, in write order. */
  #pending: string[] = [];
  #pendingChars = 0;
  #queued = false;
  #paused = false;
  #heldLines: string[] = [];
  #closed = false;
  /** Set by end(): nothing more is accepted for writing. */
  #ending = false;

  constructor(
    readonly remoteAddress: string,
    readonly remotePort: number,
    private readonly limits: TransportLimits,
    private readonly flushQueue: FlushQueue,
    private readonly earlyFlush: EarlyFlush,
  ) {
    this.splitter = new LineSplitter(
      limits.maxLineBytes,
      (line) => this.#onLine(line),
      () => this.#handlers.oversized(),
    );
  }

  /** Bytes handed to the socket so far. */
  abstract get bytesWritten(): number;
  /** Writes a batch of queued output (never empty). */
  protected abstract writeBatch(chunks: readonly string[], chars: number): void;
  /** Bytes the socket has accepted but not yet sent. */
  protected abstract get socketBufferedBytes(): number;
  protected abstract pauseSocket(): void;
  protected abstract resumeSocket(): void;
  /** Starts a graceful close (FIN, close frame). */
  protected abstract closeSocket(): void;
  /** Drops the connection at once. */
  protected abstract killSocket(): void;

  get bufferedBytes(): number {
    return this.#pendingChars + this.socketBufferedBytes;
  }

  /** Whether output is still accepted (not closed, not ending). */
  protected get writable(): boolean {
    return !this.#closed && !this.#ending;
  }

  setHandlers(handlers: LineConnectionHandlers): void {
    this.#handlers = handlers;
  }

  send(line: string): void {
    this.#enqueue(line + '\r\n');
  }

  sendRaw(data: string): void {
    this.#enqueue(data);
  }

  /** The scheduled run of the flush queue. */
  flush(): void {
    this.#queued = false;
    this.writePending();
  }

  /** Writes what is queued now; past `maxBufferedBytes` unsent, the connection is dropped. */
  protected writePending(): void {
    if (this.#closed || this.#pending.length === 0) return;
    const chunks = this.#pending;
    const chars = this.#pendingChars;
    this.#pending = [];
    this.#pendingChars = 0;
    this.writeBatch(chunks, chars);
    if (this.socketBufferedBytes > this.limits.maxBufferedBytes) {
      this.closeReason = 'slow consumer';
      this.killSocket();
    }
  }

  pauseReading(): void {
    this.#paused = true;
    this.pauseSocket();
  }

  resumeReading(): void {
    this.#paused = false;
    // Lines that were already split off the last chunk when the pause began go first.
    const held = this.#heldLines;
    this.#heldLines = [];
    for (const line of held) {
      if (this.#paused) this.#heldLines.push(line);
      else this.#handlers.line(line);
    }
    if (!this.#paused) this.resumeSocket();
  }

  end(): void {
    if (!this.writable) return;
    this.writePending();
    this.#ending = true;
    this.closeReason = 'server closed';
    this.closeSocket();
    setTimeout(() => this.killSocket(), CLOSE_GRACE_MS).unref();
  }

  destroy(): void {
    if (this.#closed) return;
    this.writePending();
    this.closeReason = 'server destroyed';
    this.killSocket();
  }

  /** Transports call this from the socket's error event; the close event that follows reports it. */
  protected onSocketError(err: NodeJS.ErrnoException): void {
    this.closeReason = err.code ?? err.message;
  }

  /** Transports call this from the socket's close event. */
  protected onSocketClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = [];
    this.#pendingChars = 0;
    this.#handlers.close(this.closeReason);
  }

  #enqueue(chunk: string): void {
    if (!this.writable) return;
    this.#pending.push(chunk);
    this.#pendingChars += chunk.length;
    // A burst of injections in one synchronous loop must not pile up without bound.
    if (this.#pendingChars >= this.earlyFlush.chars || this.#pending.length >= this.earlyFlush.writes) {
      this.writePending();
    } else if (!this.#queued) {
      this.#queued = true;
      this.flushQueue.schedule(this);
    }
  }

  #onLine(line: string): void {
    if (this.#paused) this.#heldLines.push(line);
    else this.#handlers.line(line);
  }
}

/** The port a listener really bound (the requested one may be 0). */
export function boundPort(address: AddressInfo | string | null, requested: number): number {
  return typeof address === 'object' && address ? address.port : requested;
}
