import type { GapRecord } from '@tmi-cluster/core';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../src/index.js';
import { BOT, channelNames, chat, simConfig, startSim, until } from './helpers/embedded-harness.js';

const CHANNELS = 5_000;
const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('5,000 channels end to end with Twitch’s limits on', { tags: ['scale'] }, () => {
  it('joins across four workers, survives a killed worker mid-traffic and reports the gap', async () => {
    const sim = await startSim(CHANNELS, false);
    closers.push(() => sim.close());
    const c = await connectCluster(
      simConfig(sim, {
        workers: { min: 4, max: 4, capacity: 2_000 },
        scaling: { enabled: false },
        // 200 AUTHs per 10 s at the verified pace leave room for a connection every 100 ms.
        connection: { connectSpacingMs: 100 },
      }),
    );
    closers.push(() => c.close());
    const gaps: GapRecord[] = [];
    c.client.on('gap', (gap) => void gaps.push(gap));
    let received = 0;
    c.client.on('message', () => void received++);
    await until(
      async () => (await c.client.status()).workers.filter((w) => w.state === 'ready').length === 4,
      'four ready workers',
    );

    const channels = channelNames(CHANNELS);
    const t0 = Date.now();
    await c.client.join(channels);
    await until(
      async () => (await c.client.status()).channels.placements.confirmed === CHANNELS,
      `${CHANNELS} confirmed`,
      60_000,
    );
    const joinMs = Date.now() - t0;
    const perWorker = (await c.client.status()).channels.perWorker;
    expect(Object.keys(perWorker)).toHaveLength(4);
    // Spread over all four (least-loaded placement, each under its 2,000 cap).
    for (const n of Object.values(perWorker)) {
      expect(n).toBeGreaterThan(CHANNELS / 8);
      expect(n).toBeLessThanOrEqual(2_000);
    }

    const traffic = setInterval(() => {
      for (let i = 0; i < 50; i++) {
        const ch = channels[Math.floor(Math.random() * CHANNELS)]!;
        sim.inject(ch, chat(ch).line);
      }
    }, 20);
    closers.push(async () => clearInterval(traffic));
    await until(() => received > 500, 'traffic flowing');

    const [victim, held] = Object.entries(perWorker).sort((a, b) => b[1] - a[1])[0]!;
    const killedAt = Date.now();
    expect(c.cluster.killWorker(victim)).toBe(true);
    await until(
      async () => {
        const s = await c.client.status();
        return s.channels.placements.confirmed === CHANNELS && (s.channels.perWorker[victim] ?? 0) === 0;
      },
      'every channel confirmed elsewhere',
      45_000,
    );
    const failoverMs = Date.now() - killedAt;
    await until(() => gaps.length >= held, `${held} gap records`, 10_000);
    clearInterval(traffic);

    // One gap per channel the dead worker held: from its last heartbeat (before the kill) to the
    // confirmation elsewhere (after it).
    expect(gaps).toHaveLength(held);
    expect(new Set(gaps.map((g) => g.channel)).size).toBe(held);
    for (const gap of gaps) {
      expect(gap).toMatchObject({ workerId: victim, cause: 'worker-lost' });
      expect(gap.from).toBeLessThanOrEqual(killedAt);
      expect(gap.from).toBeGreaterThan(killedAt - 5_000);
      expect(gap.to).toBeGreaterThan(killedAt);
    }
    const logged = c.cluster.coordinator.status().recentEvents.filter((e) => e.type === 'gap');
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.every((e) => e.data?.['workerId'] === victim)).toBe(true);

    // The bot read nothing and so never came near its 100 channels; nothing was over a limit.
    const counters = sim.counters(BOT.login);
    expect(counters.peakCountedChannels).toBe(0);
    expect(counters.violations).toEqual({
      auth: 0,
      join: 0,
      privmsg: 0,
      channelRate: 0,
      duplicate: 0,
      concurrentChannels: 0,
    });
    console.log(
      `${CHANNELS} channels confirmed in ${joinMs} ms on 4 workers; worker with ${held} killed → confirmed elsewhere in ${failoverMs} ms, ${gaps.length} gaps reported`,
    );
  });
});
