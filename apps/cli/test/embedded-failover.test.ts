import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../src/index.js';
import { channelNames, chat, simConfig, startSim, until } from './helpers/embedded-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('embedded cluster failover', () => {
  it('re-homes a killed worker thread’s channels within 30 s and reports it', async () => {
    const sim = await startSim(200, false);
    closers.push(() => sim.close());
    const c = await connectCluster(
      // Scaling off: the pool stays at exactly two workers; restarts back off 1 s.
      simConfig(sim, { workers: { min: 2, max: 2 }, scaling: { enabled: false } }),
    );
    closers.push(() => c.close());
    await until(() => c.cluster.workerIds().length === 2, 'two workers');
    await until(
      async () => (await c.client.status()).workers.filter((w) => w.state === 'ready').length === 2,
      'two ready',
    );
    await c.client.join(channelNames(200));
    await until(
      async () => (await c.client.status()).channels.placements.confirmed === 200,
      '200 confirmed',
      60_000,
    );

    // Traffic keeps flowing while the worker dies.
    const traffic = setInterval(() => {
      for (let i = 0; i < 20; i++) {
        const ch = `channel${Math.floor(Math.random() * 200)}`;
        sim.inject(ch, chat(ch).line);
      }
    }, 50);
    closers.push(async () => clearInterval(traffic));

    const perWorker = (await c.client.status()).channels.perWorker;
    const [victim] = Object.entries(perWorker).sort((a, b) => b[1] - a[1])[0] ?? [];
    expect(victim).toBeDefined();
    const t0 = Date.now();
    expect(c.cluster.killWorker(victim!)).toBe(true);

    await until(
      async () => {
        const s = await c.client.status();
        return s.channels.placements.confirmed === 200 && (s.channels.perWorker[victim!] ?? 0) === 0;
      },
      'all 200 confirmed on other workers',
      30_000,
    );
    console.log(`re-homed in ${Date.now() - t0} ms`);
    const events = c.cluster.coordinator.status().recentEvents;
    expect(events.some((e) => e.type === 'rehomed' && e.message.includes(victim!))).toBe(true);
    clearInterval(traffic);
  }, 120_000);
});
