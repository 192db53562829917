import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { get } from 'svelte/store';
import { createClusterLive } from '../ui/lib/cluster-live.js';
import { LiveSource, type LiveStatus } from '../ui/lib/live-source.js';
import type { SseEvent } from '../ui/lib/sse-parser.js';

type Handler = (req: IncomingMessage, res: ServerResponse, n: number) => void;

interface TestServer {
  url: string;
  requests: number;
  open: Set<ServerResponse>;
  handler: Handler;
  close(): Promise<void>;
}

const servers: TestServer[] = [];
const sources: Array<{ stop(): void }> = [];

afterEach(async () => {
  for (const s of sources.splice(0)) s.stop();
  for (const s of servers.splice(0)) await s.close();
});

/** A real HTTP server whose answer the test swaps at will (the server going down, a 401 …). */
async function serve(handler: Handler): Promise<TestServer> {
  const state: TestServer = {
    url: '',
    requests: 0,
    open: new Set(),
    handler,
    close: async () => {
      for (const res of state.open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const server: Server = createServer((req, res) => {
    state.requests++;
    state.open.add(res);
    res.on('close', () => state.open.delete(res));
    state.handler(req, res, state.requests);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/live`;
  servers.push(state);
  return state;
}

function sse(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store' });
  res.flushHeaders();
}

async function until(cond: () => boolean, what: string, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

function track(url: string, extra: Partial<ConstructorParameters<typeof LiveSource>[0]> = {}) {
  const events: SseEvent[] = [];
  const states: LiveStatus[] = [];
  const source = new LiveSource({
    url,
    onEvent: (e) => events.push(e),
    onStatus: (s) => states.push(s),
    backoff: { initialMs: 20, maxMs: 100 },
    ...extra,
  });
  sources.push(source);
  return { source, events, states };
}

describe('LiveSource', () => {
  it('delivers events and reconnects after the server drops the stream', async () => {
    const server = await serve((_req, res, n) => {
      sse(res);
      res.write(`event: overview\ndata: {"n":${n}}\n\n`);
      if (n === 1) res.end();
    });
    const { source, events, states } = track(server.url);
    source.start();
    await until(() => events.length >= 2, 'the event of the second connection');
    expect(events.map((e) => e.data)).toEqual(['{"n":1}', '{"n":2}']);
    const changes = states.map((s) => s.state).filter((s, i, all) => i === 0 || s !== all[i - 1]);
    expect(changes).toEqual(['connecting', 'open', 'retrying', 'connecting', 'open']);
    expect(states.find((s) => s.state === 'retrying')?.error).toBe('stream ended');
    expect(source.status.attempts).toBe(0);
  });

  it('keeps retrying with back-off while the server answers 503, then recovers by itself', async () => {
    let down = true;
    const server = await serve((_req, res) => {
      if (down) {
        res.writeHead(503).end();
        return;
      }
      sse(res);
      res.write('event: overview\ndata: {}\n\n');
    });
    const { source, events, states } = track(server.url);
    source.start();
    await until(() => states.filter((s) => s.state === 'retrying').length >= 3, 'three failed attempts');
    const retrying = states.filter((s) => s.state === 'retrying');
    expect(retrying[0]?.error).toBe('HTTP 503');
    expect(retrying.map((s) => s.attempts).slice(0, 3)).toEqual([1, 2, 3]);
    expect(events).toEqual([]);
    down = false;
    await until(() => events.length === 1, 'the first event after recovery');
    expect(source.status).toMatchObject({ state: 'open', error: null, attempts: 0 });
  });

  it('reconnects when the server is gone entirely and comes back on the same port', async () => {
    const first = await serve((_req, res) => {
      sse(res);
      res.write('data: one\n\n');
    });
    const port = new URL(first.url).port;
    const { source, events } = track(first.url);
    source.start();
    await until(() => events.length === 1, 'the first event');
    await first.close();
    servers.splice(servers.indexOf(first), 1);
    await until(() => source.status.state === 'retrying', 'retrying after the server went away');
    await until(() => source.status.attempts >= 2, 'a failed reconnect (connection refused)');
    const again = createServer((_req, res) => {
      sse(res);
      res.write('data: two\n\n');
    });
    await new Promise<void>((r) => again.listen(Number(port), '127.0.0.1', r));
    try {
      await until(() => events.length === 2, 'the event after the server returned');
      expect(events[1]?.data).toBe('two');
    } finally {
      source.stop();
      again.closeAllConnections();
      await new Promise<void>((r) => again.close(() => r()));
    }
  });

  it('is open as soon as the server accepts a quiet stream, before any event', async () => {
    const server = await serve((_req, res) => {
      sse(res);
      res.write(': connected\n\n');
    });
    const { source, events } = track(server.url);
    source.start();
    await until(() => source.status.state === 'open', 'open on a stream with comments only');
    expect(events).toEqual([]);
  });

  it('keeps backing off when the server accepts and drops the stream at once, every time', async () => {
    const server = await serve((_req, res) => {
      sse(res);
      res.end(': bye\n\n');
    });
    const { source, states } = track(server.url);
    source.start();
    await until(() => states.filter((s) => s.state === 'retrying').length >= 3, 'three failed attempts');
    const attempts = states.filter((s) => s.state === 'retrying').map((s) => s.attempts);
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('stops for good on 401 and reports unauthenticated', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"unauthenticated"}');
    });
    const { source, states } = track(server.url);
    source.start();
    await until(() => source.status.state === 'unauthenticated', 'unauthenticated');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.requests).toBe(1);
    expect(states.map((s) => s.state)).toEqual(['connecting', 'unauthenticated']);
  });

  it('reconnects a stream that went silent (half-open connection)', async () => {
    const server = await serve((_req, res, n) => {
      sse(res);
      res.write(`data: ${n}\n\n`);
      // Then nothing, ever: only the idle timeout can notice.
    });
    const { source, events, states } = track(server.url, { idleTimeoutMs: 150 });
    source.start();
    await until(() => events.length >= 2, 'a second connection');
    expect(states.find((s) => s.state === 'retrying')?.error).toBe('no data');
  });

  it('stop() closes the stream and schedules nothing more', async () => {
    const server = await serve((_req, res) => {
      sse(res);
      res.write('data: x\n\n');
    });
    const { source, events } = track(server.url);
    source.start();
    await until(() => events.length === 1, 'an event');
    source.stop();
    await until(() => server.open.size === 0, 'the server to see the stream closed');
    await new Promise((r) => setTimeout(r, 200));
    expect(server.requests).toBe(1);
    expect(source.status.state).toBe('stopped');
  });
});

describe('createClusterLive', () => {
  const overview = (at: number, messagesIn: number) => ({
    status: 'operational',
    reasons: [],
    at,
    rates: { messagesIn, messagesOut: 1, commands: 2 },
    channels: { wanted: 10, confirmed: 9, pending: 1, failed: 0 },
    workers: { total: 1, byState: { running: 1 } },
    supervisors: { total: 1, byState: { running: 1 } },
    connections: 1,
    memory: { rssBytes: 1024 },
    joinQueue: 3,
    rateLimits: [],
    coordinator: { id: 's1', term: 1 },
  });

  it('feeds the overview, the chart ring and the events log, skipping malformed payloads', async () => {
    const server = await serve((_req, res) => {
      sse(res);
      res.write(`event: overview\ndata: ${JSON.stringify(overview(1_000_000, 5))}\n\n`);
      res.write('event: overview\ndata: {"status":"weird"}\n\n');
      res.write('event: overview\ndata: not json\n\n');
      res.write(
        `event: lifecycle\ndata: ${JSON.stringify({ id: 1, kind: 'scaled', message: 'to 2', at: 5 })}\n\n`,
      );
      res.write(
        `event: lifecycle\ndata: ${JSON.stringify({ id: 1, kind: 'scaled', message: 'dup', at: 5 })}\n\n`,
      );
      res.write(`event: lifecycle\ndata: ${JSON.stringify({ kind: 'no id' })}\n\n`);
      res.write(`event: overview\ndata: ${JSON.stringify(overview(1_001_000, 7))}\n\n`);
    });
    const live = createClusterLive({ url: server.url, backoff: { initialMs: 20, maxMs: 100 } });
    sources.push(live);
    live.start();
    await until(() => get(live.tick) === 2, 'two overviews');
    expect(get(live.overview)?.rates.messagesIn).toBe(7);
    expect(get(live.status).state).toBe('open');
    expect(get(live.receivedAt)).toBeTypeOf('number');
    expect(live.series.toColumns()).toEqual([
      [1000, 1001],
      [5, 7],
      [1, 1],
      [2, 2],
      [10, 10],
      [9, 9],
      [3, 3],
    ]);
    expect(get(live.events)).toEqual([{ id: '1', kind: 'scaled', message: 'to 2', at: 5 }]);
  });
});
