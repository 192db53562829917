import { isTmiClusterError, type SayResult } from '@tmi-cluster/core';
import tmi from 'tmi.js';
import { afterAll, describe, expect, it } from 'vitest';
import { type ConnectedCluster, connectCluster } from '../src/index.js';
import { BOT, channelNames, chat, simConfig, startSim, until } from './helpers/embedded-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

describe('connectCluster (embedded) against twitch-sim with Twitch limits', () => {
  it('joins 500 channels, delivers chat once each, sends, refuses bad names, closes bounded', async () => {
    const sim = await startSim(500);
    closers.push(() => sim.close());
    const connected: ConnectedCluster = await connectCluster(
      simConfig(sim, { workers: { min: 1, max: 2, capacity: 900 } }),
    );
    closers.push(() => connected.close());
    const { client } = connected;
    const seen: string[] = [];
    client.on('message', (e) => {
      if (e.id !== null) seen.push(e.id);
    });

    // Bad names are refused before anything is sent.
    await expect(client.join(['channel1', 'not a channel!'])).rejects.toSatisfy((err: unknown) =>
      isTmiClusterError(err, 'TMI_ERR_INVALID_CHANNEL'),
    );
    expect((await client.status()).channels.wanted).toBe(0);

    const t0 = Date.now();
    const channels = channelNames(500);
    await client.join(channels);
    await until(
      async () => (await client.status()).channels.placements.confirmed === 500,
      '500 confirmed',
      60_000,
    );
    const joinMs = Date.now() - t0;
    console.log(`joined 500 channels in ${joinMs} ms`);
    const counters = sim.counters(BOT.login);
    expect(Object.values(counters.violations)).toEqual([0, 0, 0, 0, 0, 0]);

    // Injected chat arrives once each, as typed events.
    const sent: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      const { id, line } = chat(`channel${i % 500}`);
      sim.inject(`channel${i % 500}`, line);
      sent.push(id);
    }
    await until(() => seen.length >= sent.length, 'all injected messages', 20_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(seen.length).toBe(sent.length);
    expect(new Set(seen)).toEqual(new Set(sent));
    const truth = channels.flatMap((c) => sim.groundTruth.messageIds(c));
    expect(new Set(truth)).toEqual(new Set(sent));

    // say → sent, and another client of the sim sees it.
    const viewer = new tmi.Client({
      connection: { server: '127.0.0.1', port: sim.wsPort!, secure: false, reconnect: false },
      options: { skipUpdatingEmotesets: true },
      channels: ['channel7'],
    });
    const heard: string[] = [];
    viewer.on('message', (_c, _tags, text) => heard.push(text));
    await viewer.connect();
    closers.push(() => viewer.disconnect().catch(() => undefined));
    await new Promise((r) => setTimeout(r, 300));
    const result: SayResult = await client.say('channel7', 'hello from the cluster');
    expect(result.status).toBe('sent');
    await until(() => heard.includes('hello from the cluster'), 'viewer hears the say', 5_000);

    const t1 = Date.now();
    expect(await connected.close()).toBe(0);
    const closeMs = Date.now() - t1;
    console.log(`closed in ${closeMs} ms`);
    expect(closeMs).toBeLessThan(15_000);
    expect(connected.cluster.workerIds()).toEqual([]);
  }, 120_000);
});
