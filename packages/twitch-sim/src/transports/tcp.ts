import { createServer, type Server, type Socket } from 'node:net';
import { FlushQueue } from './flush-queue.js';
import { LineSplitter } from './line-splitter.js';
import type { LineConnection, LineConnectionHandlers, Listener, TransportLimits } from './types.js';

/** How long a gracefully closed socket may wait for the peer's FIN before it is destroyed. */
const END_GRACE_MS = 2000;
/** A batch this large is written at once instead of waiting for the end of the turn. */
const EARLY_FLUSH_CHARS = 64 * 1024;

const NO_HANDLERS: LineConnectionHandlers = { line() {}, oversized() {}, close() {} };

/** A plain-TCP IRC connection (Twitch's port 6667): CRLF lines, LF-only tolerated. */
export class TcpConnection implements LineConnection {
  readonly kind = 'tcp' as const;
  readonly remoteAddress: string;
  readonly remotePort: number;
  #handlers = NO_HANDLERS;
  #pending = '';
  #queued = false;
  #paused = false;
  #heldLines: string[] = [];
  #closed = false;
  /** Set by end(): nothing more is accepted for writing. */
  #ending = false;
  #closeReason = 'client closed';
  readonly #splitter: LineSplitter;

  constructor(
    private readonly socket: Socket,
    private readonly limits: TransportLimits,
    private readonly flushQueue: FlushQueue,
  ) {
    this.remoteAddress = socket.remoteAddress ?? '';
    this.remotePort = socket.remotePort ?? 0;
    socket.setNoDelay(true);
    this.#splitter = new LineSplitter(
      limits.maxLineBytes,
      (line) => this.#onLine(line),
      () => this.#handlers.oversized(),
    );
    socket.on('data', (chunk: Buffer) => this.#splitter.push(chunk));
    // ECONNRESET and friends end up here; the 'close' event that follows does the cleanup.
    socket.on('error', (err: NodeJS.ErrnoException) => {
      this.#closeReason = err.code ?? err.message;
    });
    socket.on('end', () => {
      this.#closeReason = 'client closed';
    });
    socket.on('close', () => this.#onClose());
  }

  get bufferedBytes(): number {
    return this.#pending.length + this.socket.writableLength;
  }

  get bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  setHandlers(handlers: LineConnectionHandlers): void {
    this.#handlers = handlers;
  }

  send(line: string): void {
    this.sendRaw(line + '\r\n');
  }

  sendRaw(data: string): void {
    if (this.#closed || this.#ending) return;
    this.#pending += data;
    // A burst of injections in one synchronous loop must not build one giant string.
    if (this.#pending.length >= EARLY_FLUSH_CHARS) this.#write();
    else if (!this.#queued) {
      this.#queued = true;
      this.flushQueue.schedule(this);
    }
  }

  /** The scheduled run of the flush queue. */
  flush(): void {
    this.#queued = false;
    this.#write();
  }

  #write(): void {
    if (this.#closed || this.#pending === '') return;
    const data = this.#pending;
    this.#pending = '';
    this.socket.write(data);
    if (this.socket.writableLength > this.limits.maxBufferedBytes) {
      this.#closeReason = 'slow consumer';
      this.socket.destroy();
    }
  }

  pauseReading(): void {
    this.#paused = true;
    this.socket.pause();
  }

  resumeReading(): void {
    this.#paused = false;
    // Lines that were already split off the last chunk when the pause began go first.
    const held = this.#heldLines;
    this.#heldLines = [];
    for (const line of held) {
      if (this.#paused) {
        this.#heldLines.push(line);
        continue;
      }
      this.#handlers.line(line);
    }
    if (!this.#paused) this.socket.resume();
  }

  end(): void {
    if (this.#closed || this.#ending) return;
    this.#write();
    this.#ending = true;
    this.#closeReason = 'server closed';
    this.socket.end();
    setTimeout(() => this.socket.destroy(), END_GRACE_MS).unref();
  }

  destroy(): void {
    if (this.#closed) return;
    this.#write();
    this.#closeReason = 'server destroyed';
    this.socket.destroy();
  }

  #onLine(line: string): void {
    if (this.#paused) this.#heldLines.push(line);
    else this.#handlers.line(line);
  }

  #onClose(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#pending = '';
    this.#handlers.close(this.#closeReason);
  }
}

/** Starts a TCP listener; every accepted socket becomes a {@link TcpConnection}. */
export async function listenTcp(
  host: string,
  port: number,
  limits: TransportLimits,
  onConnection: (conn: LineConnection) => void,
): Promise<Listener> {
  const flushQueue = new FlushQueue();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    onConnection(new TcpConnection(socket, limits, flushQueue));
  });
  // Hundreds of clients connecting at once must not be refused by a short accept queue.
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port, backlog: 4096 }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', () => {});
  const address = server.address();
  const boundPort = typeof address === 'object' && address ? address.port : port;
  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
