import type { FastifyReply, FastifyRequest } from 'fastify';

/** Comment lines keep proxies and load balancers from closing a quiet stream. */
const KEEPALIVE_MS = 15_000;

/** An open Server-Sent Events stream; `onClose` callbacks run once, however it ends. */
export interface SseStream {
  send(event: string, data: unknown): void;
  onClose(cleanup: () => void): void;
  readonly closed: boolean;
}

/**
 * Takes the response over (fastify stops managing it) and opens an SSE stream. Everything
 * registered with `onClose` runs when the client goes away, the server closes, or a write fails,
 * so a closed tab releases its timers, listeners and stream readers.
 */
export function openSse(request: FastifyRequest, reply: FastifyReply): SseStream {
  reply.hijack();
  const res = reply.raw;
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': connected\n\n');
  const cleanups: (() => void)[] = [];
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    clearInterval(keepalive);
    for (const cleanup of cleanups.splice(0)) {
      try {
        cleanup();
      } catch (err) {
        request.log.warn({ err }, 'SSE cleanup failed');
      }
    }
    if (!res.writableEnded) res.end();
  };
  const keepalive = setInterval(() => {
    if (!closed) res.write(': keep-alive\n\n');
  }, KEEPALIVE_MS);
  request.raw.on('close', close);
  res.on('close', close);
  res.on('error', close);
  return {
    send(event, data) {
      if (closed) return;
      res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    },
    onClose(cleanup) {
      if (closed) cleanup();
      else cleanups.push(cleanup);
    },
    get closed() {
      return closed;
    },
  };
}
