import { existsSync, unlinkSync } from 'node:fs';
import net from 'node:net';
import { isTmiClusterError } from '@tmi-cluster/core';
import { type ControlHandler, type ControlResponse, controlRequestSchema } from './protocol.js';

const MAX_LINE = 1024 * 1024;

/** A listening control socket; `close()` stops it and removes the socket file. */
export interface ControlServer {
  path: string;
  close(): Promise<void>;
}

/**
 * Serves control requests on a Unix socket (owner-only: the file is created with the process
 * umask inside the user's working directory). A stale socket file from a crashed run is replaced;
 * a live one (another cluster answering) is an error.
 */
export async function serveControl(socketPath: string, handle: ControlHandler): Promise<ControlServer> {
  if (existsSync(socketPath)) {
    if (await isAlive(socketPath))
      throw new Error(`another tmi-cluster is already listening on ${socketPath}`);
    unlinkSync(socketPath);
  }
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      if (buffer.length > MAX_LINE) {
        socket.destroy();
        return;
      }
      let nl = buffer.indexOf('\n');
      while (nl !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        void answer(line, handle).then((response) => {
          if (!socket.destroyed) socket.write(`${JSON.stringify(response)}\n`);
        });
        nl = buffer.indexOf('\n');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    path: socketPath,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (existsSync(socketPath)) unlinkSync(socketPath);
    },
  };
}

async function answer(line: string, handle: ControlHandler): Promise<ControlResponse> {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { id: -1, ok: false, error: { code: 'TMI_ERR_INVALID_COMMAND', message: 'request is not JSON' } };
  }
  const parsed = controlRequestSchema.safeParse(json);
  if (!parsed.success) {
    const id = typeof (json as { id?: unknown })?.id === 'number' ? (json as { id: number }).id : -1;
    const message = parsed.error.issues
      .map((i) => `${i.path.join('.') || 'request'}: ${i.message}`)
      .join('; ');
    return { id, ok: false, error: { code: 'TMI_ERR_INVALID_COMMAND', message } };
  }
  const { id, method, params } = parsed.data;
  try {
    return { id, ok: true, result: await handle(method, params) };
  } catch (err) {
    const code = isTmiClusterError(err) ? err.code : 'ERROR';
    return { id, ok: false, error: { code, message: err instanceof Error ? err.message : String(err) } };
  }
}

function isAlive(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.connect(socketPath);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}
