import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../ui/lib/api-error.js';
import { ApiClient, channelQueryString } from '../ui/lib/api.js';

interface Seen {
  method: string;
  url: string;
  csrf: string | undefined;
  body: string;
}

let server: Server;
let base = '';
const seen: Seen[] = [];

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString();
}

// A stand-in that answers the contract's shapes, so the client is tested over real HTTP.
beforeAll(async () => {
  server = createServer(async (req, res) => {
    const text = await body(req);
    seen.push({
      method: req.method ?? '',
      url: req.url ?? '',
      csrf: req.headers['x-csrf-token'] as string,
      body: text,
    });
    const json = (status: number, value: unknown) =>
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
    const path = (req.url ?? '').split('?')[0];
    if (path === '/api/auth/login') {
      const { token } = JSON.parse(text) as { token: string };
      if (token !== 'right') return json(401, { error: 'unauthenticated' });
      return json(200, { user: { login: 'admin', via: 'token' }, csrfToken: 'csrf-1' });
    }
    if (path === '/api/auth/session') return json(401, { error: 'unauthenticated' });
    if (path === '/api/channels/join') {
      if (req.headers['x-csrf-token'] !== 'csrf-1')
        return json(403, { error: 'csrf', message: 'bad csrf token' });
      const parsed = JSON.parse(text) as { channels: string[] };
      if (parsed.channels.length === 0) {
        return json(400, {
          error: 'validation',
          issues: [{ path: 'channels', message: 'must not be empty' }],
        });
      }
      return json(200, { resolved: parsed.channels, ignored: [], rejected: [], unauthorized: [] });
    }
    if (path === '/api/channels/nobody')
      return json(404, { error: 'not_found', message: 'unknown channel nobody' });
    if (path === '/api/channels') return json(200, { items: [], total: 0, nextCursor: null });
    if (path === '/api/broken')
      return res.writeHead(502, { 'content-type': 'text/html' }).end('<h1>bad gateway</h1>');
    return json(404, { error: 'not_found', message: 'no route' });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('ApiClient', () => {
  it('logs in, then sends the CSRF token on mutations and never on reads', async () => {
    const api = new ApiClient({ baseUrl: base });
    const session = await api.login('right');
    expect(session.user.login).toBe('admin');
    expect(api.csrfToken).toBe('csrf-1');
    seen.length = 0;
    await api.channels({ search: 'chan', filter: 'confirmed', limit: 20 });
    const result = await api.join(['a', 'b']);
    expect(result.resolved).toEqual(['a', 'b']);
    expect(seen.map((s) => [s.method, s.url, s.csrf])).toEqual([
      ['GET', '/api/channels?search=chan&filter=confirmed&limit=20', undefined],
      ['POST', '/api/channels/join', 'csrf-1'],
    ]);
    expect(JSON.parse(seen[1]?.body ?? '')).toEqual({ channels: ['a', 'b'] });
  });

  it('turns a wrong token into a 401 ApiError and tells the shell', async () => {
    let told = 0;
    const api = new ApiClient({ baseUrl: base, onUnauthenticated: () => told++ });
    const err = await api.login('wrong').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect((err as ApiError).code).toBe('unauthenticated');
    expect(told).toBe(1);
    expect(await api.session()).toBeNull();
    expect(api.csrfToken).toBeNull();
  });

  it('surfaces 403 csrf, 400 field issues, 404 and non-JSON errors', async () => {
    const api = new ApiClient({ baseUrl: base });
    const csrf = (await api.join(['x']).catch((e: unknown) => e)) as ApiError;
    expect([csrf.status, csrf.code, csrf.message]).toEqual([403, 'csrf', 'bad csrf token']);
    await api.login('right');
    const invalid = (await api.join([]).catch((e: unknown) => e)) as ApiError;
    expect(invalid.status).toBe(400);
    expect(invalid.issues).toEqual([{ path: 'channels', message: 'must not be empty' }]);
    expect(invalid.describe()).toBe('Invalid input: channels must not be empty');
    const missing = (await api.channel('nobody').catch((e: unknown) => e)) as ApiError;
    expect([missing.status, missing.code, missing.message]).toEqual([
      404,
      'not_found',
      'unknown channel nobody',
    ]);
    const broken = (await api.get('/api/broken').catch((e: unknown) => e)) as ApiError;
    expect([broken.status, broken.code, broken.message]).toEqual([
      502,
      'http_502',
      'Request failed (HTTP 502)',
    ]);
  });

  it('reports an unreachable server as status 0', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const api = new ApiClient({ baseUrl: `http://127.0.0.1:${port}` });
    const err = (await api.overview().catch((e: unknown) => e)) as ApiError;
    expect(err.unreachable).toBe(true);
    expect(err.code).toBe('unreachable');
  });
});

describe('channelQueryString', () => {
  it('leaves out empty and default values and encodes the rest', () => {
    expect(channelQueryString({})).toBe('');
    expect(channelQueryString({ search: '  ', filter: 'all', cursor: null })).toBe('');
    expect(channelQueryString({ search: 'a b&c', filter: 'failed', cursor: 'x/y', limit: 50 })).toBe(
      '?search=a+b%26c&filter=failed&cursor=x%2Fy&limit=50',
    );
  });
});
