import type { SayResult } from '@tmi-cluster/core';
import { afterAll, describe, expect, it } from 'vitest';
import { connectCluster } from '../src/index.js';
import { BOT, channelNames, chat, simConfig, startSim, until } from './helpers/embedded-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('anonymous readers and a bot sender under Twitch’s 100-channel rule', () => {
  it('reads 300 channels, says in 120 of them, never holds more than 100, loses no chat', async () => {
    const sim = await startSim(300);
    closers.push(() => sim.close());
    const c = await connectCluster(
      simConfig(sim, { workers: { min: 2, max: 2 }, scaling: { enabled: false } }),
      // 120 says at once wait for seats in turn; on a loaded CI machine 10 s is too tight.
      { client: { requestTimeoutMs: 30_000 } },
    );
    closers.push(() => c.close());
    const seen: string[] = [];
    c.client.on('message', (e) => {
      if (e.id !== null) seen.push(e.id);
    });
    await until(
      async () => (await c.client.status()).workers.filter((w) => w.state === 'ready').length === 2,
      'two ready workers',
    );
    const channels = channelNames(300);
    await c.client.join(channels);
    await until(
      async () => (await c.client.status()).channels.placements.confirmed === 300,
      '300 confirmed',
      30_000,
    );
    // Reading costs the bot nothing.
    expect(sim.counters(BOT.login).concurrentChannels).toBe(0);

    let highest = 0;
    const sample = setInterval(() => {
      highest = Math.max(highest, sim.counters(BOT.login).countedChannels);
    }, 5);
    closers.push(async () => clearInterval(sample));
    const injected: string[] = [];
    const traffic = setInterval(() => {
      for (let i = 0; i < 10; i++) {
        const ch = channels[Math.floor(Math.random() * channels.length)]!;
        const { id, line } = chat(ch);
        sim.inject(ch, line);
        injected.push(id);
      }
    }, 20);
    closers.push(async () => clearInterval(traffic));

    const targets = channels.slice(0, 120);
    const t0 = Date.now();
    const results: SayResult[] = await Promise.all(targets.map((ch) => c.client.say(ch, `hello ${ch}`)));
    const sayMs = Date.now() - t0;
    clearInterval(traffic);
    expect(results.filter((r) => r.status !== 'sent')).toEqual([]);
    const sentIds = results.map((r) => (r.status === 'sent' ? r.messageId : null));
    expect(sentIds.every((id) => typeof id === 'string')).toBe(true);

    const counters = sim.counters(BOT.login);
    clearInterval(sample);
    expect(counters.privmsgSent).toBe(120);
    expect(counters.violations).toEqual({
      auth: 0,
      join: 0,
      privmsg: 0,
      channelRate: 0,
      duplicate: 0,
      concurrentChannels: 0,
    });
    expect(counters.peakCountedChannels).toBeLessThanOrEqual(100);
    expect(highest).toBeLessThanOrEqual(100);
    // The budget was used, not merely respected: 120 channels needed evictions.
    expect(counters.peakCountedChannels).toBe(100);
    expect(counters.countedChannels).toBeLessThanOrEqual(100);

    // Every line — injected chat and the bot's own messages, read by the anonymous readers — once.
    const truth = new Set(channels.flatMap((ch) => sim.groundTruth.messageIds(ch)));
    for (const id of [...injected, ...sentIds]) expect(truth.has(id!)).toBe(true);
    await until(() => new Set(seen).size >= truth.size, 'every message at the application', 20_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(seen.length).toBe(new Set(seen).size);
    expect(new Set(seen)).toEqual(truth);
    const evictions = c.cluster.coordinator
      .status()
      .recentEvents.filter((e) => e.type === 'seats')
      .reduce((n, e) => n + Number(e.data?.['revoked'] ?? 0), 0);
    expect(evictions).toBeGreaterThanOrEqual(20);
    console.log(
      `120 says in ${sayMs} ms; bot peak ${counters.peakCountedChannels} channels, ${evictions} seats taken back; ${truth.size} messages delivered once`,
    );
  }, 90_000);
});
