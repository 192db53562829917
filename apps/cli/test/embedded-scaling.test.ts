import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../src/index.js';
import { channelNames, simConfig, startSim, until } from './helpers/embedded-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('embedded auto-scaling', () => {
  it('grows from one worker to four for 1,000 channels right after boot, within the cooldown', async () => {
    const sim = await startSim(1_000, false);
    closers.push(() => sim.close());
    // 300 channels per worker, scale-out above 70 %: 1,000 channels want five, max is four. The
    // cooldown (60 s) is longer than this test: growth at boot must not wait for it.
    const c = await connectCluster(
      simConfig(sim, {
        workers: { min: 1, max: 4, capacity: 300 },
        scaling: { enabled: true, cooldownMs: 60_000 },
      }),
    );
    closers.push(() => c.close());
    await until(
      async () => (await c.client.status()).workers.filter((w) => w.state === 'ready').length === 1,
      'the first worker',
    );
    const t0 = Date.now();
    await c.client.join(channelNames(1_000));
    await until(
      async () => (await c.client.status()).channels.placements.confirmed === 1_000,
      '1,000 confirmed on four workers',
      45_000,
    );
    const status = await c.client.status();
    expect(status.workers.filter((w) => w.state === 'ready')).toHaveLength(4);
    for (const n of Object.values(status.channels.perWorker)) expect(n).toBeLessThanOrEqual(300);
    expect(c.cluster.coordinator.status().scaleTargets).toEqual({ [c.cluster.supervisor.id]: 4 });
    const scaled = c.cluster.coordinator.status().recentEvents.filter((e) => e.type === 'scaled');
    expect(scaled.map((e) => e.data?.['kind'])).toContain('scale-out');
    console.log(`1,000 channels confirmed on 4 workers ${Date.now() - t0} ms after the join`);
  }, 90_000);
});
