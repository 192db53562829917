import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp } from '../src/app.js';
import { PortsBackend } from '../src/backend/ports-backend.js';
import { ADMIN_TOKEN, chat, type Harness, login, startHarness, until } from './helpers/cluster.js';

let h: Harness;
let auth: { cookie: string; csrf: string };
const channels = Array.from({ length: 12 }, (_, i) => `channel${i}`);

beforeAll(async () => {
  h = await startHarness(20);
  auth = await login(h.app);
}, 60_000);
afterAll(async () => {
  await h?.close();
});

const get = (url: string, cookie: string | null = auth.cookie) =>
  h.app.inject({ method: 'GET', url, headers: cookie === null ? {} : { cookie } });
const post = (url: string, payload: unknown, opts: { cookie?: string | null; csrf?: string | null } = {}) => {
  const headers: Record<string, string> = {};
  const cookie = opts.cookie === undefined ? auth.cookie : opts.cookie;
  const csrf = opts.csrf === undefined ? auth.csrf : opts.csrf;
  if (cookie !== null) headers['cookie'] = cookie;
  if (csrf !== null) headers['x-csrf-token'] = csrf;
  return h.app.inject({ method: 'POST', url, headers, payload: payload as Record<string, unknown> });
};

describe('auth', () => {
  it('refuses a wrong token with 401 and no cookie; the right one gets a Strict httpOnly session', async () => {
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { token: 'x'.repeat(32) },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ error: 'unauthenticated' });
    expect(wrong.cookies).toHaveLength(0);
    const empty = await h.app.inject({ method: 'POST', url: '/api/auth/login', payload: { token: '' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json()).toEqual({
      error: 'validation',
      issues: [{ path: 'token', message: 'must not be empty' }],
    });
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { token: ADMIN_TOKEN },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ user: { login: 'admin', via: 'token' } });
    const cookie = ok.cookies.find((c) => c.name === 'tmi_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
  });

  it('answers the session, and logout needs CSRF and ends it', async () => {
    const mine = await login(h.app);
    expect((await get('/api/auth/session', mine.cookie)).json()).toEqual({
      user: { login: 'admin', via: 'token' },
      csrfToken: mine.csrf,
    });
    expect((await get('/api/auth/session', null)).statusCode).toBe(401);
    expect((await post('/api/auth/logout', {}, { cookie: mine.cookie, csrf: null })).statusCode).toBe(403);
    expect((await post('/api/auth/logout', {}, { cookie: mine.cookie, csrf: 'wrong' })).statusCode).toBe(403);
    expect((await post('/api/auth/logout', {}, { cookie: mine.cookie, csrf: mine.csrf })).statusCode).toBe(
      204,
    );
    expect((await get('/api/auth/session', mine.cookie)).statusCode).toBe(401);
    expect((await get('/api/overview', mine.cookie)).statusCode).toBe(401);
  });

  it('after 10 wrong tokens from one address, sign-in answers 429 for a minute', async () => {
    const app = await buildWebApp({
      backend: h.backend,
      config: { adminToken: ADMIN_TOKEN },
      publicDir: null,
    });
    try {
      const attempt = (token: string) =>
        app.inject({ method: 'POST', url: '/api/auth/login', payload: { token } });
      for (let i = 0; i < 10; i++) expect((await attempt(`wrong-${i}`)).statusCode).toBe(401);
      const blocked = await attempt(ADMIN_TOKEN);
      expect(blocked.statusCode).toBe(429);
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });

  it('Twitch sign-in is 503 when no Twitch app is configured', async () => {
    expect((await get('/auth/twitch', null)).statusCode).toBe(503);
  });
});

describe('every operator route needs a session; mutations need CSRF', () => {
  const reads = [
    '/api/overview',
    '/api/supervisors',
    '/api/workers',
    '/api/channels',
    '/api/channels/channel0',
    '/api/events/log',
    '/api/config',
    '/api/live',
    '/api/channels/channel0/chat',
  ];
  it.each(reads)('GET %s without a session is 401 and names nothing', async (url) => {
    const res = await get(url, null);
    expect(res.statusCode).toBe(401);
    expect(res.json()).toEqual({ error: 'unauthenticated' });
  });

  const writes: [string, unknown][] = [
    ['/api/channels/join', { channels: ['channel0'] }],
    ['/api/channels/part', { channels: ['channel0'] }],
    ['/api/channels/say', { channel: 'channel0', text: 'hi' }],
    ['/api/channels/authorize', { channels: ['channel0'] }],
    ['/api/channels/revoke', { channels: ['channel0'] }],
    ['/api/supervisors/any/pause', {}],
    ['/api/scale', { workers: 1 }],
  ];
  it.each(writes)(
    'POST %s: 401 without a session, 403 without or with a wrong CSRF token',
    async (url, body) => {
      expect((await post(url, body, { cookie: null })).statusCode).toBe(401);
      const missing = await post(url, body, { csrf: null });
      expect(missing.statusCode).toBe(403);
      expect(missing.json()).toMatchObject({ error: 'csrf' });
      expect((await post(url, body, { csrf: `${auth.csrf}x` })).statusCode).toBe(403);
    },
  );
});

describe('validation: 400 with the field and the rule', () => {
  const cases: [string, unknown, string][] = [
    ['/api/channels/join', { channels: [] }, 'channels'],
    ['/api/channels/join', { channels: ['ok', 'not a channel!'] }, 'channels.1'],
    ['/api/channels/join', { channels: ['ok'], authorize: 'yes' }, 'authorize'],
    ['/api/channels/part', {}, 'channels'],
    ['/api/channels/say', { channel: 'channel0', text: '' }, 'text'],
    ['/api/channels/say', { channel: '#', text: 'x' }, 'channel'],
    ['/api/channels/authorize', { channels: ['a'], reconnect: 1 }, 'reconnect'],
    ['/api/channels/revoke', { channels: 'channel0' }, 'channels'],
    ['/api/scale', { workers: -1 }, 'workers'],
    ['/api/scale', { workers: 1.5 }, 'workers'],
    ['/api/supervisors/x/explode', {}, 'action'],
  ];
  it.each(cases)('POST %s %j → issue at %s', async (url, body, path) => {
    const res = await post(url, body);
    expect(res.statusCode).toBe(400);
    const json = res.json() as { error: string; issues: { path: string; message: string }[] };
    expect(json.error).toBe('validation');
    expect(json.issues.map((i) => i.path)).toContain(path);
    expect(json.issues.every((i) => i.message.length > 0)).toBe(true);
  });

  it.each([
    ['/api/channels?limit=0', 'limit'],
    ['/api/channels?limit=501', 'limit'],
    ['/api/channels?limit=abc', 'limit'],
    ['/api/channels?filter=nope', 'filter'],
    ['/api/channels?cursor=%24%24%24', 'cursor'],
    ['/api/events/log?limit=0', 'limit'],
    ['/api/channels/NOT%20VALID!', 'login'],
  ])('GET %s → issue at %s', async (url, path) => {
    const res = await get(url);
    expect(res.statusCode).toBe(400);
    expect((res.json() as { issues: { path: string }[] }).issues.map((i) => i.path)).toContain(path);
  });

  it('a body that is not JSON is 400 or 415, never 500', async () => {
    const res = await h.app.inject({
      method: 'POST',
      url: '/api/channels/join',
      headers: { cookie: auth.cookie, 'x-csrf-token': auth.csrf, 'content-type': 'application/json' },
      payload: '{"channels": [',
    });
    expect(res.statusCode).toBe(400);
    const form = await h.app.inject({
      method: 'POST',
      url: '/api/channels/join',
      headers: {
        cookie: auth.cookie,
        'x-csrf-token': auth.csrf,
        'content-type': 'application/x-www-form-urlencoded',
      },
      payload: 'channels=a',
    });
    expect(form.statusCode).toBe(415);
  });
});

describe('with a real cluster', () => {
  it('joins, lists, searches, pages, shows detail, says and parts', async () => {
    const joined = await post('/api/channels/join', { channels: [...channels, '#Channel0'] });
    expect(joined.statusCode).toBe(200);
    const j = joined.json() as {
      resolved: string[];
      ignored: string[];
      rejected: string[];
      unauthorized: string[];
    };
    expect([...j.resolved, ...j.ignored, ...j.rejected].sort()).toEqual([...channels].sort());
    expect(j.unauthorized).toEqual([]);
    await until(async () => {
      const o = (await get('/api/overview')).json() as { channels: { confirmed: number } };
      return o.channels.confirmed === channels.length;
    }, 'all confirmed');

    await until(
      async () => ((await get('/api/channels?filter=confirmed')).json() as { total: number }).total === 12,
      'index',
    );
    const all = (await get('/api/channels?limit=5')).json() as {
      items: { login: string; state: string; workerId: string | null; authorized: boolean | null }[];
      total: number;
      nextCursor: string | null;
    };
    expect(all.total).toBe(12);
    expect(all.items.map((i) => i.login)).toEqual([
      'channel0',
      'channel1',
      'channel10',
      'channel11',
      'channel2',
    ]);
    expect(all.items[0]).toMatchObject({ state: 'confirmed', authorized: true });
    expect(all.items[0]!.workerId).toEqual(expect.any(String));
    // Following the cursors visits each channel once, in order.
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/channels?limit=5${cursor === null ? '' : `&cursor=${cursor}`}`;
      const page = (await get(url)).json() as { items: { login: string }[]; nextCursor: string | null };
      seen.push(...page.items.map((i) => i.login));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toEqual([...channels].sort());
    const search = (await get('/api/channels?search=%23CHANNEL1')).json() as {
      items: { login: string }[];
      total: number;
    };
    expect(search.items.map((i) => i.login)).toEqual(['channel1', 'channel10', 'channel11']);
    expect(search.total).toBe(3);
    expect(((await get('/api/channels?filter=failed')).json() as { total: number }).total).toBe(0);
    expect(((await get('/api/channels?filter=revoked')).json() as { total: number }).total).toBe(0);

    const detail = await get('/api/channels/channel3');
    expect(detail.statusCode).toBe(200);
    expect(detail.json()).toMatchObject({
      login: 'channel3',
      state: 'confirmed',
      confirmedSince: expect.any(Number),
      failure: null,
      authorization: null,
      history: [],
    });
    const unknown = await get('/api/channels/nosuchchannel');
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ error: 'not_found' });

    const said = await post('/api/channels/say', { channel: '#channel3', text: 'hello from the dashboard' });
    expect(said.statusCode).toBe(200);
    expect(said.json()).toMatchObject({ status: 'sent', channel: 'channel3' });
    const notJoined = await post('/api/channels/say', { channel: 'channel19', text: 'x' });
    expect(notJoined.json()).toMatchObject({ status: 'rejected', reason: 'not_joined' });

    const parted = await post('/api/channels/part', { channels: ['channel11', 'channel19'] });
    expect(parted.json()).toEqual({ parted: ['channel11'], notJoined: ['channel19'] });
    expect((await get('/api/channels/channel11')).statusCode).toBe(404);
    await until(
      async () => ((await get('/api/channels')).json() as { total: number }).total === 11,
      'part in index',
    );

    expect(
      (await post('/api/channels/authorize', { channels: ['channel5'], reconnect: true })).json(),
    ).toEqual({
      authorized: ['channel5'],
    });
    expect((await post('/api/channels/revoke', { channels: ['channel19'] })).json()).toEqual({
      revoked: ['channel19'],
    });
  }, 60_000);

  it('overview, supervisors, workers, readiness, metrics and config reflect the cluster', async () => {
    // Heartbeats come every 2 s: wait for one after the part.
    await until(
      async () =>
        ((await get('/api/workers')).json() as { items: { channels: number }[] }).items[0]?.channels ===
          (await h.backend.workers())[0]?.channels && (await h.backend.overview()).connections >= 1,
      'heartbeat',
    );
    const o = (await get('/api/overview')).json() as Record<string, unknown>;
    expect(o).toMatchObject({
      status: 'operational',
      reasons: [],
      workers: { total: 1, byState: { ready: 1 } },
      supervisors: { total: 1, byState: { running: 1 } },
      joinQueue: 0,
      coordinator: { id: h.cluster.supervisor.id, term: expect.any(Number) },
    });
    expect((o['memory'] as { rssBytes: number }).rssBytes).toBeGreaterThan(10_000_000);
    expect(o['connections']).toBeGreaterThanOrEqual(1);
    const limits = o['rateLimits'] as { identity: string; kind: string; used: number; limit: number }[];
    expect(limits.find((l) => l.identity === 'webbot' && l.kind === 'privmsg')).toMatchObject({
      limit: 7_500,
    });
    expect(limits.find((l) => l.identity === 'webbot' && l.kind === 'privmsg')!.used).toBeGreaterThanOrEqual(
      1,
    );

    const sups = (await get('/api/supervisors')).json() as { items: Record<string, unknown>[] };
    expect(sups.items).toHaveLength(1);
    expect(sups.items[0]).toMatchObject({ id: h.cluster.supervisor.id, state: 'running', workers: 1 });
    const workers = (await get('/api/workers')).json() as { items: Record<string, unknown>[] };
    expect(workers.items[0]).toMatchObject({ supervisorId: h.cluster.supervisor.id, state: 'ready' });
    // The reader's 11 channels, plus the bot's seat in channel3 where it said something.
    expect(workers.items[0]!['channels']).toBeGreaterThanOrEqual(11);
    expect(sups.items[0]!['channels']).toBe(workers.items[0]!['channels']);
    expect(workers.items[0]!['memoryBytes']).toBeGreaterThan(1_000_000);

    const ready = await h.app.inject({ method: 'GET', url: '/health/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ ready: true, reasons: [] });
    expect((await h.app.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'ok' });

    const metrics = await h.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.headers['content-type']).toContain('text/plain');
    expect(metrics.body).toMatch(/^tmi_cluster_channels_wanted 11$/m);
    expect(metrics.body).toMatch(/^tmi_cluster_workers\{state="ready"\} 1$/m);
    expect(metrics.body).not.toContain('channel3');

    const config = (await get('/api/config')).json() as { identity: { login: string; token: string } };
    expect(config.identity).toEqual({ login: 'webbot', token: '[redacted]', tier: 'verified' });
  });

  it('a backend on the ports alone (as on another host of a Redis cluster) sees the same cluster', async () => {
    const { ports, client } = h.cluster;
    const remote = new PortsBackend({
      registry: ports.registry,
      store: ports.store,
      streams: ports.streams,
      lease: ports.lease,
      limiter: ports.limiter,
      channels: ports.channels,
      client,
    });
    try {
      await remote.start();
      const [mine, theirs] = await Promise.all([h.backend.overview(), remote.overview()]);
      expect(theirs).toMatchObject({
        status: mine.status,
        channels: mine.channels,
        joinQueue: 0,
        coordinator: mine.coordinator,
        workers: mine.workers,
        supervisors: mine.supervisors,
      });
      const page = await remote.channels({ search: 'channel1', filter: 'all', cursor: null, limit: 50 });
      expect(page.items.map((i) => i.login)).toEqual(['channel1', 'channel10']);
      expect(await remote.readiness()).toEqual({ ready: true, reasons: [] });
    } finally {
      await remote.close();
    }
  });

  it('pause and continue reach the supervisor and show in the events log', async () => {
    const id = h.cluster.supervisor.id;
    expect((await post(`/api/supervisors/${id}/pause`, {})).json()).toEqual({
      ok: true,
      supervisor: id,
      action: 'pause',
    });
    await until(
      async () =>
        ((await get('/api/supervisors')).json() as { items: { state: string }[] }).items[0]?.state ===
        'paused',
      'paused',
    );
    await until(async () => {
      const log = (await get('/api/events/log?limit=50')).json() as { items: { kind: string }[] };
      return log.items.some((e) => e.kind === 'supervisor-paused');
    }, 'event logged');
    // Pausing drains every worker: nothing reads chat any more.
    await until(
      async () => ((await get('/api/overview')).json() as { status: string }).status === 'down',
      'down',
    );
    const down = (await get('/api/overview')).json() as { reasons: string[] };
    expect(down.reasons).toContain('every supervisor is paused');
    expect(down.reasons.some((r) => r === 'no live worker' || r === 'no worker is ready')).toBe(true);
    const notReady = await h.app.inject({ method: 'GET', url: '/health/ready' });
    expect(notReady.statusCode).toBe(503);
    expect(notReady.json()).toMatchObject({
      ready: false,
      reasons: expect.arrayContaining(['every supervisor is paused']),
    });
    expect(notReady.body).not.toContain('channel');
    await post(`/api/supervisors/${id}/continue`, {});
    await until(
      async () => ((await get('/api/overview')).json() as { status: string }).status === 'operational',
      'operational again',
      30_000,
    );
    const unknown = await post('/api/supervisors/nobody/pause', {});
    expect(unknown.statusCode).toBe(404);
    expect((await post('/api/scale', { workers: 1, supervisor: 'nobody' })).statusCode).toBe(404);
    expect((await post('/api/scale', { workers: 1 })).json()).toEqual({
      ok: true,
      workers: 1,
      supervisor: null,
    });
    const log = (await get('/api/events/log?limit=2')).json() as { items: unknown[] };
    expect(log.items.length).toBeLessThanOrEqual(2);
    const kinds = ((await get('/api/events/log')).json() as { items: { kind: string }[] }).items.map(
      (e) => e.kind,
    );
    expect(kinds).toEqual(
      expect.arrayContaining(['supervisor-paused', 'supervisor-running', 'worker-started']),
    );
  }, 60_000);

  it('the chat of a channel the sim sends reaches the events', async () => {
    const { line } = chat('channel2', 'metrics move');
    h.sim.inject('channel2', line);
    await until(async () => {
      const m = (await h.app.inject({ method: 'GET', url: '/metrics' })).body;
      const match = /^tmi_cluster_messages_total\{direction="in",command="PRIVMSG"\} (\d+)$/m.exec(m);
      return match !== null && Number(match[1]) >= 1;
    }, 'messages in counted');
  });
});

describe('public surface', () => {
  it('OpenAPI lists the routes with their schemas', async () => {
    const doc = (await get('/openapi.json', null)).json() as {
      openapi: string;
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/channels',
        '/api/channels/join',
        '/api/overview',
        '/health/ready',
        '/api/invite',
      ]),
    );
    expect(doc.paths['/api/channels']!['get']!.parameters!.map((p) => p.name)).toEqual(
      expect.arrayContaining(['search', 'filter', 'cursor', 'limit']),
    );
  });

  it('without a built dashboard / answers 503 with one line; unknown routes 404 in JSON', async () => {
    const res = await get('/', null);
    expect(res.statusCode).toBe(503);
    expect(res.body.trim().split('\n')).toHaveLength(1);
    const nope = await get('/api/nope', null);
    expect(nope.statusCode).toBe(404);
    expect(nope.json()).toMatchObject({ error: 'not_found' });
  });

  it('invites are off with the Dummy channel manager (409) and say why', async () => {
    const state = await get('/api/invite', null);
    expect(state.statusCode).toBe(200);
    expect(state.json()).toMatchObject({
      enabled: false,
      bot: { login: 'webbot' },
      streamer: null,
      authorized: false,
      joined: false,
    });
    expect((await get('/invite/login', null)).statusCode).toBe(409);
    const invite = state.cookies.find((c) => c.name === 'tmi_invite')!;
    const csrf = (state.json() as { csrfToken: string }).csrfToken;
    const res = await post('/api/invite/authorize', {}, { cookie: `tmi_invite=${invite.value}`, csrf });
    // No streamer signed in yet: 401 comes before the 409.
    expect(res.statusCode).toBe(401);
  });
});
