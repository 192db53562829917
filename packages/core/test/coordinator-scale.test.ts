import { describe, expect, it } from 'vitest';
import { Cluster, type SimWorker } from './coordinator-fixture.js';

describe('coordinator: 50,000 channels', () => {
  it('places, confirms and re-homes 50,000 channels in bulk within seconds', async () => {
    const cluster = new Cluster();
    const workers: SimWorker[] = [];
    for (let i = 0; i < 100; i++)
      workers.push(await cluster.worker(`w${i}`, { capacity: 600, host: `h${i % 10}` }));
    const coordinator = await cluster.active({
      joinLimit: { count: 1_000_000, windowMs: 10_000 },
      maxChannelsPerIdentity: null,
      reportBatch: 5_000,
    });
    const channels = Array.from({ length: 50_000 }, (_, i) => `channel_${i}`);
    const started = performance.now();
    const reply = await coordinator.handle({ type: 'join', channels });
    expect(reply.type === 'join' && Object.keys(reply.result.resolved).length).toBe(50_000);
    const loads = coordinator.status().workers.map((w) => w.load);
    expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
    for (const w of workers) await w.confirm();
    while (coordinator.status().placements.confirmed < 50_000) await coordinator.tick();
    // One worker dies: its 500 channels move to the others, still under capacity.
    workers.pop();
    for (let t = 0; t < 6_000; t += 1_000) {
      for (const w of workers) await w.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    const status = coordinator.status();
    expect(status).toMatchObject({ wanted: 50_000, placed: 50_000, queued: 0 });
    expect(status.workers).toHaveLength(99);
    expect(Math.max(...status.workers.map((w) => w.load))).toBeLessThanOrEqual(600);
    expect(
      (await cluster.store.counts()).placements.pending + (await cluster.store.counts()).placements.confirmed,
    ).toBe(50_000);
    expect(performance.now() - started).toBeLessThan(20_000);
  });
});
