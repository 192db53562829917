import net from 'node:net';

/** A bare `net` server that writes pre-built lines to every connected client. */
export interface BaselineServer {
  port: number;
  /** One `socket.write` per line per client: the naive server. */
  writeEach(lines: readonly string[], count: number): void;
  /** Lines joined into one buffer per batch per client: about the physical limit of `net`. */
  writeBatched(lines: readonly string[], count: number): void;
  close(): Promise<void>;
}

export async function startBaselineServer(): Promise<BaselineServer> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as net.AddressInfo).port;
  let cursor = 0;
  const next = (lines: readonly string[]) => {
    const line = lines[cursor]!;
    cursor = (cursor + 1) % lines.length;
    return line;
  };
  return {
    port,
    writeEach(lines, count) {
      for (let i = 0; i < count; i++) {
        const line = `${next(lines)}\r\n`;
        for (const s of sockets) s.write(line);
      }
    },
    writeBatched(lines, count) {
      let chunk = '';
      for (let i = 0; i < count; i++) chunk += `${next(lines)}\r\n`;
      for (const s of sockets) s.write(chunk);
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
