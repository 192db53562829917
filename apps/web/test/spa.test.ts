import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createClusterClient,
  DummyChannelManager,
  MemoryAssignmentStore,
  MemoryDedupStore,
  MemoryLease,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
  systemClock,
} from '@tmi-cluster/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, type WebApp } from '../src/app.js';
import { PortsBackend } from '../src/backend/ports-backend.js';

let app: WebApp;
let backend: PortsBackend;
let streams: MemoryStreamLog;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tmi-web-public-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>tmi-cluster</title><div id="app"></div>');
  writeFileSync(join(dir, 'assets', 'app-abc123.js'), 'console.log(1)');
  // Ports without a cluster: no coordinator, no worker.
  streams = new MemoryStreamLog();
  const registry = new MemoryRegistry();
  const store = new MemoryAssignmentStore();
  const client = createClusterClient(
    { streams, store, registry, dedup: new MemoryDedupStore(), clock: systemClock },
    { requestTimeoutMs: 200 },
  );
  backend = new PortsBackend({
    registry,
    store,
    streams,
    lease: new MemoryLease(),
    limiter: new MemoryRateLimiter(),
    channels: new DummyChannelManager(),
    client,
  });
  app = await buildWebApp({ backend, publicDir: dir, config: { adminToken: 'a'.repeat(20) } });
});
afterAll(async () => {
  await app.close();
  await backend.close();
  streams.close();
});

describe('the built dashboard', () => {
  it.each(['/', '/workers', '/channels', '/events', '/settings', '/invite'])(
    '%s answers index.html, never cached',
    async (url) => {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.body).toContain('<div id="app">');
      expect(res.headers['x-frame-options']).toBe('DENY');
    },
  );

  it('serves hashed assets for a year; unknown files are a JSON 404', async () => {
    const asset = await app.inject({ method: 'GET', url: '/assets/app-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const missing = await app.inject({ method: 'GET', url: '/assets/nope.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ error: 'not_found' });
  });
});

describe('a cluster that is down', () => {
  it('is reported down and not ready, with reasons and no channel names', async () => {
    const ready = await app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.json()).toEqual({
      ready: false,
      reasons: ['no coordinator holds the lease', 'no live worker', 'no live supervisor'],
    });
    expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
  });

  it('a command that nobody answers is a 504 naming the timeout, not a 500', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { token: 'a'.repeat(20) },
    });
    const cookie = `tmi_session=${login.cookies.find((c) => c.name === 'tmi_session')!.value}`;
    const csrf = (login.json() as { csrfToken: string }).csrfToken;
    const res = await app.inject({
      method: 'POST',
      url: '/api/channels/join',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { channels: ['somebody'] },
    });
    expect(res.statusCode).toBe(504);
    expect(res.json()).toMatchObject({ error: 'cluster', code: 'TMI_ERR_TIMEOUT' });
    const overview = (await app.inject({ method: 'GET', url: '/api/overview', headers: { cookie } })).json();
    expect(overview).toMatchObject({
      status: 'down',
      coordinator: { id: null, term: null },
      workers: { total: 0 },
    });
  });
});
