import type { IncomingMessage } from 'node:http';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { FlushQueue } from './flush-queue.js';
import { LineSplitter } from './line-splitter.js';
import type { LineConnection, LineConnectionHandlers, Listener, TransportLimits } from './types.js';

/** WebSocket framing options. */
export interface WsFraming {
  /**
   * Server frames pack CRLF-terminated lines up to this many bytes (Twitch puts several lines in
   * one frame, and clients must split them). 0 sends one line per frame.
   */
  frameMaxBytes: number;
  /** Extra time to collect lines before a frame goes out; 0 flushes after the current event-loop turn. */
  batchMs: number;
}

/** How long a closing WebSocket may wait for the client's close frame before it is terminated. */
const CLOSE_GRACE_MS = 2000;
/** A batch of this many lines goes out at once instead of waiting for the end of the turn. */
const EARLY_FLUSH_LINES = 1024;

const NO_HANDLERS: LineConnectionHandlers = { line() {}, oversized() {}, close() {} };

/** A WebSocket IRC connection (irc-ws.chat.twitch.tv); every client frame holds whole lines. */
export class WsConnection implements LineConnection {
  readonly kind = 'ws' as const;
  readonly remoteAddress: string;
  readonly remotePort: number;
  #handlers = NO_HANDLERS;
  #pending: string[] = [];
  #queued = false;
  #paused = false;
  #heldLines: string[] = [];
  #closed = false;
  /** Set by end(): nothing more is accepted for writing. */
  #ending = false;
  #bytesWritten = 0;
  #closeReason = 'client closed';
  readonly #splitter: LineSplitter;

  constructor(
    private readonly ws: WebSocket,
    request: IncomingMessage,
    private readonly limits: TransportLimits,
    private readonly framing: WsFraming,
    private readonly flushQueue: FlushQueue,
  ) {
    this.remoteAddress = request.socket.remoteAddress ?? '';
    this.remotePort = request.socket.remotePort ?? 0;
    this.#splitter = new LineSplitter(
      limits.maxLineBytes,
      (line) => this.#onLine(line),
      () => this.#handlers.oversized(),
    );
    ws.on('message', (data: RawData) => {
      this.#splitter.push(toBuffer(data));
      // A frame without a trailing CRLF is still a complete line (tmi.js sends them that way).
      this.#splitter.flush();
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      this.#closeReason = err.code ?? err.message;
    });
    ws.on('close', () => this.#onClose());
  }

  get bufferedBytes(): number {
    let queued = 0;
    for (const line of this.#pending) queued += line.length + 2;
    return queued + this.ws.bufferedAmount;
  }

  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  setHandlers(handlers: LineConnectionHandlers): void {
    this.#handlers = handlers;
  }

  send(line: string): void {
    if (this.#closed || this.#ending) return;
    this.#pending.push(line);
    if (this.#pending.length >= EARLY_FLUSH_LINES) this.#writePending();
    else if (!this.#queued) {
      this.#queued = true;
      this.flushQueue.schedule(this);
    }
  }

  sendRaw(data: string): void {
    if (this.#closed || this.#ending) return;
    this.#writePending();
    this.#write(data);
  }

  /** The scheduled run of the flush queue. */
  flush(): void {
    this.#queued = false;
    this.#writePending();
  }

  #writePending(): void {
    if (this.#closed || this.#pending.length === 0) return;
    const lines = this.#pending;
    this.#pending = [];
    const max = this.framing.frameMaxBytes;
    let frame = '';
    for (const line of lines) {
      if (frame !== '' && frame.length + line.length + 2 > max) {
        this.#write(frame);
        frame = '';
      }
      frame += line + '\r\n';
    }
    if (frame !== '') this.#write(frame);
    if (this.ws.bufferedAmount > this.limits.maxBufferedBytes) {
      this.#closeReason = 'slow consumer';
      this.ws.terminate();
    }
  }

  pauseReading(): void {
    this.#paused = true;
    this.ws.pause();
  }

  resumeReading(): void {
    this.#paused = false;
    const held = this.#heldLines;
    this.#heldLines = [];
    for (const line of held) {
      if (this.#paused) this.#heldLines.push(line);
      else this.#handlers.line(line);
    }
    if (!this.#paused) this.ws.resume();
  }

  end(): void {
    if (this.#closed || this.#ending) return;
    this.#writePending();
    this.#ending = true;
    this.#closeReason = 'server closed';
    this.ws.close(1000);
    setTimeout(() => this.ws.terminate(), CLOSE_GRACE_MS).unref();
  }

  destroy(): void {
    if (this.#closed) return;
    this.#writePending();
    this.#closeReason = 'server destroyed';
    this.ws.terminate();
  }

  #write(frame: string): void {
    this.#bytesWritten += Buffer.byteLength(frame);
    this.ws.send(frame);
  }

  #onLine(line: string): void {
    if (this.#paused) this.#heldLines.push(line);
    else this.#handlers.line(line);
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = [];
    this.#handlers.close(this.#closeReason);
  }
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/**
 * Starts a WebSocket listener on any path. The `irc` subprotocol is echoed when the client offers
 * it (tmi.js aborts otherwise); a client offering only other subprotocols gets none back.
 */
export async function listenWs(
  host: string,
  port: number,
  limits: TransportLimits,
  framing: WsFraming,
  onConnection: (conn: LineConnection) => void,
): Promise<Listener> {
  const flushQueue = new FlushQueue(framing.batchMs);
  const wss = new WebSocketServer({
    host,
    port,
    backlog: 4096,
    // A frame may hold several lines; anything far past the line cap is a broken client.
    maxPayload: Math.max(limits.maxLineBytes * 16, 1 << 20),
    perMessageDeflate: false,
    handleProtocols: (protocols) => (protocols.has('irc') ? 'irc' : false),
  });
  await new Promise<void>((resolve, reject) => {
    wss.once('error', reject);
    wss.once('listening', () => {
      wss.off('error', reject);
      resolve();
    });
  });
  wss.on('error', () => {});
  wss.on('connection', (ws, request) => {
    onConnection(new WsConnection(ws, request, limits, framing, flushQueue));
  });
  const address = wss.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
