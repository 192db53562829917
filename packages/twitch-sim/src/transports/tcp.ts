import { createServer, type Server, type Socket } from 'node:net';
import { BufferedConnection, boundPort } from './buffered-connection.js';
import { FlushQueue } from './flush-queue.js';
import type { LineConnection, Listener, TransportLimits } from './types.js';

/** A batch this large is written at once instead of waiting for the end of the turn. */
const EARLY_FLUSH = { chars: 64 * 1024, writes: Number.POSITIVE_INFINITY };

/** A plain-TCP IRC connection (Twitch's port 6667): CRLF lines, LF-only tolerated. */
export class TcpConnection extends BufferedConnection {
  readonly kind = 'tcp' as const;

  constructor(
    private readonly socket: Socket,
    limits: TransportLimits,
    flushQueue: FlushQueue,
  ) {
    super(socket.remoteAddress ?? '', socket.remotePort ?? 0, limits, flushQueue, EARLY_FLUSH);
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.splitter.push(chunk));
    // ECONNRESET and friends end up here; the 'close' event that follows does the cleanup.
    socket.on('error', (err: NodeJS.ErrnoException) => this.onSocketError(err));
    socket.on('end', () => {
      this.closeReason = 'client closed';
    });
    socket.on('close', () => this.onSocketClose());
  }

  get bytesWritten(): number {
    return this.socket.bytesWritten;
  }

  protected get socketBufferedBytes(): number {
    return this.socket.writableLength;
  }

  protected writeBatch(chunks: readonly string[]): void {
    this.socket.write(chunks.length === 1 ? chunks[0]! : chunks.join(''));
  }

  protected pauseSocket(): void {
    this.socket.pause();
  }

  protected resumeSocket(): void {
    this.socket.resume();
  }

  protected closeSocket(): void {
    this.socket.end();
  }

  protected killSocket(): void {
    this.socket.destroy();
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
  return {
    port: boundPort(server.address(), port),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
