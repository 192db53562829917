import {
  type ClusterClient,
  createClusterClient,
  DummyChannelManager,
  encodeEventEntries,
  encodePayload,
  Leases,
  Streams,
  systemClock,
} from '@tmi-cluster/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Test-only, as with the CLI: the web package does not depend on the Redis adapter; a backend on
// its ports is what a dashboard host of a Redis cluster runs.
import { createRedisPorts, type RedisPorts } from '../../../packages/redis-adapter/src/index.js';
import {
  deleteKeys,
  REDIS_URL,
  redisAvailable,
  testPrefix,
} from '../../../packages/redis-adapter/test/helpers/redis.js';
import { PortsBackend } from '../src/backend/ports-backend.js';
import type { ChatLine, EventItem } from '../src/backend/types.js';
import { ClusterMetrics } from '../src/metrics/cluster-metrics.js';

const available = await redisAvailable();
const prefix = testPrefix();
let ports: RedisPorts;
let client: ClusterClient;
let backend: PortsBackend;
const N = 3_000;

async function until(cond: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(!available)('PortsBackend on Redis (cluster mode: nothing in-process)', () => {
  beforeAll(async () => {
    ports = await createRedisPorts({ url: REDIS_URL, prefix });
    // What a coordinator and a worker on other hosts would have written.
    const grant = (await ports.lease.acquire(Leases.coordinator, 'coord-a', 30_000))!;
    const fence = { lease: Leases.coordinator, token: grant.token };
    await ports.store.claimFence(fence);
    const channels = Array.from({ length: N }, (_, i) => `chan${i}`);
    await ports.store.want(
      fence,
      channels.map((channel) => ({ channel, since: 1, redundancy: 1 })),
    );
    await ports.store.place(
      fence,
      channels.map((channel, i) => ({
        channel,
        workerId: 'w1',
        state: i % 10 === 0 ? 'failed' : 'confirmed',
        since: Date.now(),
        ...(i % 10 === 0 ? { reason: 'msg_channel_suspended' } : {}),
      })),
    );
    await ports.registry.heartbeat(
      {
        kind: 'supervisor',
        id: 's1',
        host: 'h1',
        state: 'running',
        startedAt: 1,
        data: { workers: 1, target: 1, memory: 50_000_000 },
      },
      30_000,
    );
    await ports.registry.heartbeat(
      {
        kind: 'worker',
        id: 'w1',
        supervisorId: 's1',
        host: 'h1',
        state: 'ready',
        startedAt: 1,
        data: {
          identity: 'justinfan1',
          channels: N,
          connections: 34,
          messagesIn: 42,
          messagesOut: 2,
          memory: 1e7,
          eventLoopLagMs: 3,
        },
      },
      30_000,
    );
    client = createClusterClient({ ...ports, clock: systemClock }, { requestTimeoutMs: 500 });
    backend = new PortsBackend({ ...ports, channels: new DummyChannelManager(), client }, { sampleMs: 200 });
    await backend.start();
  }, 60_000);

  afterAll(async () => {
    await backend?.close();
    await client?.close();
    await ports?.close();
    await deleteKeys(prefix);
  });

  it('shows the overview, pages every channel once and exports metrics', async () => {
    const o = await backend.overview();
    expect(o).toMatchObject({
      status: 'operational',
      channels: { wanted: N, confirmed: N - N / 10, failed: N / 10, pending: 0 },
      workers: { total: 1, byState: { ready: 1 } },
      supervisors: { total: 1, byState: { running: 1 } },
      connections: 34,
      memory: { rssBytes: 50_000_000 },
      // Without the coordinator's own queue: wanted channels with no live placement (the failed ones
      // back off in the queue, as the coordinator counts them).
      joinQueue: N / 10,
      coordinator: { id: 'coord-a', term: expect.any(Number) },
    });
    await until(
      async () => (await backend.channels({ search: '', filter: 'all', cursor: null, limit: 1 })).total === N,
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await backend.channels({ search: '', filter: 'all', cursor, limit: 500 });
      seen.push(...page.items.map((i) => i.login));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(seen).toHaveLength(N);
    expect(new Set(seen).size).toBe(N);
    const failed = await backend.channels({ search: 'chan1', filter: 'failed', cursor: null, limit: 5 });
    expect(failed.items[0]).toMatchObject({
      login: 'chan10',
      state: 'failed',
      failure: 'msg_channel_suspended',
    });
    expect(await backend.channel('chan7')).toMatchObject({ state: 'confirmed', workerId: 'w1' });
    expect(await backend.channel('nochan')).toBeNull();
    const text = await new ClusterMetrics().render(await backend.metrics());
    expect(text).toContain('tmi_cluster_messages_total{direction="in",command="PRIVMSG"} 42');
    expect(text).toContain(`tmi_cluster_channel_failures{reason="msg_channel_suspended"} ${N / 10}`);
  });

  it('reads gaps, coordinator commands and supervisor changes from Redis into the events log', async () => {
    const heard: EventItem[] = [];
    const stop = backend.onLifecycle((e) => heard.push(e));
    const now = Date.now();
    await ports.streams.append(
      Streams.gaps,
      encodePayload({ channel: 'chan3', from: now - 2_000, to: now, workerId: 'w1', cause: 'reconnect' }),
    );
    await ports.registry.heartbeat(
      {
        kind: 'supervisor',
        id: 's1',
        host: 'h1',
        state: 'paused',
        startedAt: 1,
        data: { workers: 1, target: 1 },
      },
      30_000,
    );
    await until(
      () => heard.some((e) => e.kind === 'gap') && heard.some((e) => e.kind === 'supervisor-paused'),
    );
    stop();
    expect(heard.find((e) => e.kind === 'gap')!.details).toMatchObject({
      channel: 'chan3',
      cause: 'reconnect',
    });
    expect((await backend.events(50)).map((e) => e.kind)).toEqual(
      expect.arrayContaining(['gap', 'supervisor-paused']),
    );
    // pause goes to the supervisor's own command stream.
    expect(await backend.supervisorCommand('s1', 'continue')).toBe(true);
    expect(await backend.supervisorCommand('nobody', 'pause')).toBe(false);
    const sent = await ports.streams.range(Streams.supervisor('s1'), '-', '+');
    expect(sent.map((e) => JSON.parse(e.fields['payload']!))).toEqual([{ type: 'continue' }]);
  });

  it('tails chat from the Redis event stream and releases its consumer', async () => {
    const got: ChatLine[] = [];
    const stop = backend.onChat('chan5', (l) => got.push(l));
    await until(() => backend.tail.running);
    await new Promise((r) => setTimeout(r, 300));
    const line = {
      line: '@color=#00FF00;display-name=Zed;id=abc-1 :zed!zed@zed.tmi.twitch.tv PRIVMSG #chan5 :over redis',
      receivedAt: Date.now() + 1,
      receiverId: 'w1/c1',
      channel: 'chan5',
      command: 'PRIVMSG',
      id: 'abc-1',
    };
    for (const e of encodeEventEntries([line])) await ports.streams.append(Streams.events, e);
    await until(() => got.length === 1);
    expect(got[0]).toMatchObject({
      id: 'abc-1',
      user: 'zed',
      displayName: 'Zed',
      text: 'over redis',
      color: '#00FF00',
    });
    stop();
    await until(() => !backend.tail.running, 5_000);
    expect(await ports.streams.pending(Streams.events, backend.tail.group)).toEqual([]);
  });
});
