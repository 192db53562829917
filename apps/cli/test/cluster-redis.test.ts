import { createClusterClient, systemClock } from '@tmi-cluster/core';
import { afterAll, describe, expect, it } from 'vitest';
import { createRedisPorts } from '../../../packages/redis-adapter/src/index.js';
import {
  deleteKeys,
  REDIS_URL,
  redisAvailable,
  testPrefix,
} from '../../../packages/redis-adapter/test/helpers/redis.js';
import { configSchema } from '../src/config/index.js';
import { type EmbeddedCluster, startEmbeddedCluster } from '../src/embedded/index.js';
import { channelNames, chat, simConfig, startSim, until } from './helpers/embedded-harness.js';

const available = await redisAvailable();
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close().catch(() => {});
});

const CHANNELS = 300;

describe.skipIf(!available)('cluster mode on Redis: two nodes, worker processes', () => {
  it('places channels over both nodes, delivers chat once, survives a killed worker process and the coordinator node', async () => {
    const prefix = testPrefix();
    closers.push(() => deleteKeys(prefix));
    const sim = await startSim(CHANNELS, false);
    closers.push(() => sim.close());
    const config = configSchema.parse(
      simConfig(sim, {
        workers: { min: 2, max: 2 },
        scaling: { enabled: false },
        coordinator: { leaseTtlMs: 3_000 },
        redis: { url: REDIS_URL, prefix },
      }),
    );
    const nodes: EmbeddedCluster[] = [];
    for (const host of ['host-a', 'host-b']) {
      const node = await startEmbeddedCluster(config, { host, closeTimeoutMs: 20_000 });
      nodes.push(node);
      closers.push(() => node.close());
    }
    const [a, b] = nodes as [EmbeddedCluster, EmbeddedCluster];
    const status = () => b.client.status();
    await until(
      async () => (await status()).workers.filter((w) => w.state === 'ready').length === 4,
      '4 workers',
    );

    // The application: a client of its own on Redis, in no node's process.
    const appPorts = await createRedisPorts({ url: REDIS_URL, prefix });
    closers.push(() => appPorts.close());
    const app = createClusterClient({ ...appPorts, clock: systemClock }, { application: 'app' });
    closers.push(() => app.close());
    const received = new Map<string, number>();
    app.on('message', (event) => {
      if (event.id !== null) received.set(event.id, (received.get(event.id) ?? 0) + 1);
    });
    const gapChannels = new Set<string>();
    app.on('gap', (gap) => {
      gapChannels.add(gap.channel);
    });
    await app.ready();
    await a.client.join(channelNames(CHANNELS));
    await until(
      async () => (await status()).channels.placements.confirmed === CHANNELS,
      'all confirmed',
      60_000,
    );
    const perWorker = (await status()).channels.perWorker;
    expect(Object.keys(perWorker).length).toBeGreaterThanOrEqual(2);

    const sent: string[] = [];
    const traffic = setInterval(() => {
      for (let i = 0; i < 10; i++) {
        const ch = `channel${Math.floor(Math.random() * CHANNELS)}`;
        const { id, line } = chat(ch);
        sim.inject(ch, line);
        sent.push(id);
      }
    }, 50);
    closers.push(async () => clearInterval(traffic));

    // kill -9 the busiest worker process, on whichever node runs it.
    const [victim, victimChannels] = Object.entries((await status()).channels.perWorker).sort(
      (x, y) => y[1] - x[1],
    )[0]!;
    expect(victimChannels).toBeGreaterThan(0);
    const owner = nodes.find((n) => n.workerIds().includes(victim))!;
    const t0 = Date.now();
    expect(owner.killWorker(victim)).toBe(true);
    await until(
      async () => {
        const s = await status();
        return s.channels.placements.confirmed === CHANNELS && (s.channels.perWorker[victim] ?? 0) === 0;
      },
      'all confirmed without the killed worker',
      30_000,
    );
    const workerFailover = Date.now() - t0;

    // The coordinator's node goes away as a whole; the other node takes the lease and re-homes.
    const leader = (await a.status()).leader ? a : b;
    const survivor = leader === a ? b : a;
    const t1 = Date.now();
    await leader.close();
    await until(async () => (await survivor.status()).leader, 'the surviving node leads', 30_000);
    await until(
      async () => {
        const s = await survivor.client.status();
        const live = new Set(s.workers.filter((w) => w.state === 'ready').map((w) => w.id));
        return (
          s.channels.placements.confirmed === CHANNELS &&
          Object.keys(s.channels.perWorker).every((w) => live.has(w))
        );
      },
      'all confirmed on the surviving node',
      30_000,
    );
    const nodeFailover = Date.now() - t1;
    clearInterval(traffic);
    console.log(
      `worker process killed → re-homed in ${workerFailover} ms; coordinator node closed → ${nodeFailover} ms`,
    );

    // The killed worker's channels had a gap (nobody in them for ~10 s): reported per channel.
    await until(() => gapChannels.size >= victimChannels, `${victimChannels} gap records`, 20_000);
    // After the failovers every line reaches the application exactly once, and nothing was ever
    // delivered twice (readers overlap while a channel moves make-before-break; de-dup keeps one).
    const after: string[] = [];
    for (let i = 0; i < 300; i++) {
      const ch = `channel${i % CHANNELS}`;
      const { id, line } = chat(ch);
      sim.inject(ch, line);
      after.push(id);
    }
    await until(() => after.every((id) => received.has(id)), 'every message after the failovers', 20_000);
    expect([...received.values()].filter((n) => n !== 1)).toEqual([]);
    expect(received.size).toBeGreaterThan(sent.length / 2);
  }, 240_000);
});
