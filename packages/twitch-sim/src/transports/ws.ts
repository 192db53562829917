import type { IncomingMessage } from 'node:http';
import { type RawData, type WebSocket, WebSocketServer } from 'ws';
import { BufferedConnection, boundPort } from './buffered-connection.js';
import { FlushQueue } from './flush-queue.js';
import type { LineConnection, Listener, TransportLimits } from './types.js';

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

/** A batch of this many lines goes out at once instead of waiting for the end of the turn. */
const EARLY_FLUSH = { chars: Number.POSITIVE_INFINITY, writes: 1024 };

/** A WebSocket IRC connection (irc-ws.chat.twitch.tv); every client frame holds whole lines. */
export class WsConnection extends BufferedConnection {
  readonly kind = 'ws' as const;
  #bytesWritten = 0;

  constructor(
    private readonly ws: WebSocket,
    request: IncomingMessage,
    limits: TransportLimits,
    private readonly framing: WsFraming,
    flushQueue: FlushQueue,
  ) {
    super(
      request.socket.remoteAddress ?? '',
      request.socket.remotePort ?? 0,
      limits,
      flushQueue,
      EARLY_FLUSH,
    );
    ws.on('message', (data: RawData) => {
      this.splitter.push(toBuffer(data));
      // A frame without a trailing CRLF is still a complete line (tmi.js sends them that way).
      this.splitter.flush();
    });
    ws.on('error', (err: NodeJS.ErrnoException) => this.onSocketError(err));
    ws.on('close', () => this.onSocketClose());
  }

  get bytesWritten(): number {
    return this.#bytesWritten;
  }

  /** Raw data goes out at once, in a frame of its own, after what is queued. */
  override sendRaw(data: string): void {
    if (!this.writable) return;
    this.writePending();
    this.#write(data);
  }

  protected get socketBufferedBytes(): number {
    return this.ws.bufferedAmount;
  }

  /** Packs whole lines into frames of up to `frameMaxBytes`. */
  protected writeBatch(lines: readonly string[]): void {
    const max = this.framing.frameMaxBytes;
    let frame = '';
    for (const line of lines) {
      if (frame !== '' && frame.length + line.length > max) {
        this.#write(frame);
        frame = '';
      }
      frame += line;
    }
    if (frame !== '') this.#write(frame);
  }

  protected pauseSocket(): void {
    this.ws.pause();
  }

  protected resumeSocket(): void {
    this.ws.resume();
  }

  protected closeSocket(): void {
    this.ws.close(1000);
  }

  protected killSocket(): void {
    this.ws.terminate();
  }

  #write(frame: string): void {
    this.#bytesWritten += Buffer.byteLength(frame);
    this.ws.send(frame);
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
  return {
    port: boundPort(wss.address(), port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close(() => resolve());
      }),
  };
}
