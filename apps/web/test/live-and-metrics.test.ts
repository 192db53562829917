import { Streams } from '@tmi-cluster/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../src/server.js';
import { ADMIN_TOKEN, chat, type Harness, killAndRejoin, startHarness, until } from './helpers/cluster.js';
import { openSse } from './helpers/sse.js';

let h: Harness;
let server: WebServer;
let cookie: string;
const channels = ['channel0', 'channel1', 'channel2'];

beforeAll(async () => {
  h = await startHarness(5);
  server = await startWebServer({
    backend: h.backend,
    config: { adminToken: ADMIN_TOKEN, port: 0 },
    publicDir: null,
  });
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ token: ADMIN_TOKEN }),
  });
  cookie = res.headers.getSetCookie()[0]!.split(';')[0]!;
  await h.cluster.client.join(channels);
  await until(async () => (await h.cluster.client.status()).channels.placements.confirmed === 3, 'joined');
}, 60_000);
afterAll(async () => {
  await server?.close();
  await h?.close();
});

const scrape = async () => (await fetch(`${server.url}/metrics`)).text();
const counter = (text: string, direction: 'in' | 'out') => {
  const m = new RegExp(
    `^tmi_cluster_messages_total\\{direction="${direction}",command="PRIVMSG"\\} (\\d+)$`,
    'm',
  ).exec(text);
  return m === null ? 0 : Number(m[1]);
};

describe('SSE', () => {
  it('needs a session', async () => {
    const res = await fetch(`${server.url}/api/live`);
    expect(res.status).toBe(401);
  });

  it('pushes an overview at once and every second, and lifecycle events as they happen', async () => {
    const t0 = Date.now();
    const live = await openSse(`${server.url}/api/live`, cookie);
    expect(live.status).toBe(200);
    const first = await live.next('overview', 1_500);
    const delay = first.at - t0;
    console.log(`first overview after ${delay} ms`);
    expect(delay).toBeLessThan(1_500);
    expect(first.data).toMatchObject({ status: 'operational', channels: { wanted: 3, confirmed: 3 } });
    const count = live.events.length;
    await live.next('overview', 1_500, count);
    expect(h.backend.feed.listenerCount).toBe(1);

    const before = live.events.length;
    const rejoined = killAndRejoin(h, 3);
    const event = await live.next('lifecycle', 15_000, before);
    expect(event.data).toMatchObject({
      kind: expect.stringMatching(/^worker-(lost|restarted|started)$/),
      id: expect.any(String),
    });
    live.close();
    await until(() => h.backend.feed.listenerCount === 0, 'live stream released');
    await rejoined;
  }, 60_000);

  it('tails one channel’s chat from the sim, once per line, and releases its reader on close', async () => {
    const tail = await openSse(`${server.url}/api/channels/channel1/chat`, cookie);
    expect(tail.status).toBe(200);
    await until(() => h.backend.tail.running, 'tail reader running');
    // A line of another channel must not show up; then one of ours.
    h.sim.inject('channel2', chat('channel2', 'not for you').line);
    const mine = chat('channel1', 'hello tail', 'alice');
    const sentAt = Date.now();
    h.sim.inject('channel1', mine.line);
    const got = await tail.next('message', 5_000);
    console.log(`chat line reached the tail after ${got.at - sentAt} ms`);
    expect(got.data).toMatchObject({
      id: mine.id,
      user: 'alice',
      displayName: 'Alice',
      text: 'hello tail',
      color: '#FF0000',
    });
    await new Promise((r) => setTimeout(r, 300));
    expect(tail.events.filter((e) => e.event === 'message')).toHaveLength(1);

    const bad = await fetch(`${server.url}/api/channels/NOT!/chat`, { headers: { cookie } });
    expect(bad.status).toBe(400);

    tail.close();
    await until(() => !h.backend.tail.running, 'tail reader stopped', 5_000);
    expect(h.backend.tail.listenerCount).toBe(0);
    const pending = await h.cluster.ports.streams.pending(Streams.events, h.backend.tail.group);
    expect(pending).toEqual([]);
  }, 30_000);
});

describe('/metrics', () => {
  it('counts the sim’s chat cluster-wide and stays monotonic across a worker restart', async () => {
    const start = counter(await scrape(), 'in');
    for (let i = 0; i < 30; i++) h.sim.inject(channels[i % 3]!, chat(channels[i % 3]!, `m${i}`).line);
    let afterChat = 0;
    await until(async () => {
      afterChat = counter(await scrape(), 'in');
      return afterChat >= start + 30;
    }, 'messages counted');

    const seen: number[] = [];
    const rejoined = killAndRejoin(h, 3);
    await until(async () => {
      seen.push(counter(await scrape(), 'in'));
      return (await h.backend.overview()).status === 'operational';
    }, 'worker restarted');
    await rejoined;
    for (let i = 0; i < 10; i++) h.sim.inject(channels[i % 3]!, chat(channels[i % 3]!, `n${i}`).line);
    await until(
      async () => {
        seen.push(counter(await scrape(), 'in'));
        return seen.at(-1)! >= afterChat + 10;
      },
      'new worker counted',
      20_000,
    );
    // Never a reset: every scrape is at least the one before.
    for (let i = 1; i < seen.length; i++) expect(seen[i]!).toBeGreaterThanOrEqual(seen[i - 1]!);
    expect(seen[0]!).toBeGreaterThanOrEqual(afterChat);

    const text = await scrape();
    for (const name of [
      'tmi_cluster_channels_wanted 3',
      'tmi_cluster_channel_placements{state="confirmed"} 3',
      'tmi_cluster_join_queue 0',
      'tmi_cluster_workers{state="ready"} 1',
      'tmi_cluster_supervisors{state="running"} 1',
    ])
      expect(text).toContain(name);
    expect(text).toMatch(/^tmi_cluster_event_loop_lag_seconds\{worker="[^"]+"\} [\d.e-]+$/m);
    expect(text).toMatch(/^tmi_cluster_rate_limit_limit\{identity="webbot",kind="privmsg"\} 7500$/m);
    expect(text).toMatch(/^tmi_cluster_reconnects_total \d+$/m);
    expect(text).toMatch(/^tmi_cluster_coordinator_term \d+$/m);
  }, 90_000);

  it('can require a bearer token', async () => {
    const guarded = await startWebServer({
      backend: h.backend,
      config: { port: 0, metricsToken: 'scrape-me' },
      publicDir: null,
    });
    try {
      expect((await fetch(`${guarded.url}/metrics`)).status).toBe(401);
      expect(
        (await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer nope' } })).status,
      ).toBe(401);
      const ok = await fetch(`${guarded.url}/metrics`, { headers: { authorization: 'Bearer scrape-me' } });
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('tmi_cluster_channels_wanted');
    } finally {
      await guarded.close();
    }
  });
});
