import { randomUUID } from 'node:crypto';
import type { TwitchSim } from '@tmi-cluster/twitch-sim';
import { describe, expect, it } from 'vitest';
import { account, chatLine, simWithPool, waitFor } from './helpers/irc-pool-harness.js';

const bot = account('bot');
const CHANNELS = ['r0', 'r1', 'r2', 'r3', 'r4'];

/** Injects `perTick` chat lines every `everyMs`, into the channels in turn, until stopped. */
function traffic(
  sim: TwitchSim,
  channels: string[],
  everyMs: number,
  perTick: number,
): { stop(): void; sent(): number } {
  let n = 0;
  const timer = setInterval(() => {
    for (let i = 0; i < perTick; i++, n++) {
      const channel = channels[n % channels.length]!;
      sim.inject(channel, chatLine(channel, randomUUID()));
    }
  }, everyMs);
  return { stop: () => clearInterval(timer), sent: () => n };
}

describe('tmi.js pool against twitch-sim: reconnects', () => {
  it('RECONNECT under traffic: every message forwarded exactly once, old connection closed after hand-over', async () => {
    const h = await simWithPool({
      accounts: [bot.sim],
      channels: CHANNELS.map((login) => ({ login })),
      recordLines: true,
    });
    for (const c of CHANNELS) h.pool.join(bot.identity, c);
    await waitFor(() => h.pool.status().confirmed === CHANNELS.length, 5_000, 'initial joins');
    const flow = traffic(h.sim, CHANNELS, 1, 5);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const reconnectAt = Date.now();
    const hit = h.sim.faults.reconnect({ login: 'bot' }, { closeAfterMs: 5_000 });
    expect(hit).toBe(1);
    // The replacement opens (≥ 2 s after the first, connectSpacingMs), joins and confirms all five.
    await waitFor(
      () =>
        h.pool
          .status()
          .connections.map((c) => `${c.id}:${c.state}:${c.confirmed}`)
          .join() === 'c2:open:5',
      10_000,
      'hand-over to c2',
    );
    const handOverMs = Date.now() - reconnectAt;
    await new Promise((resolve) => setTimeout(resolve, 300));
    flow.stop();
    // Let the last lines arrive.
    const total = () => CHANNELS.reduce((n, c) => n + h.sim.groundTruth.messageIds(c).length, 0);
    await waitFor(
      () => h.lines.filter((l) => l.command === 'PRIVMSG').length >= total(),
      5_000,
      'last lines',
    );
    await new Promise((resolve) => setTimeout(resolve, 100));

    let emitted = 0;
    for (const channel of CHANNELS) {
      const truth = h.sim.groundTruth.messageIds(channel);
      const forwarded = h.lines
        .filter((l) => l.command === 'PRIVMSG' && l.channel === channel)
        .map((l) => l.id);
      expect(forwarded.length).toBe(truth.length);
      expect(new Set(forwarded)).toEqual(new Set(truth));
      emitted += truth.length;
    }
    expect(emitted).toBe(flow.sent());
    // Both connections really carried the overlap, and the copies were dropped.
    const delivered = ['c1', 'c2'].reduce(
      (n, id) => n + (h.sim.connectionCounters(id).byCommand.PRIVMSG ?? 0),
      0,
    );
    expect(delivered).toBeGreaterThan(emitted);
    const receivers = new Set(h.lines.filter((l) => l.command === 'PRIVMSG').map((l) => l.receiverId));
    expect(receivers).toEqual(new Set(['w1/c1', 'w1/c2']));
    expect(h.of('gap')).toEqual([]);
    // The old connection was closed by the pool (before the sim's 5 s deadline).
    expect(h.sim.connections().map((c) => c.id)).toEqual(['c2']);
    expect(h.sim.counters('bot').violations).toMatchObject({ join: 0, auth: 0 });
    console.info(
      `RECONNECT: hand-over in ${handOverMs} ms; ${emitted} messages emitted, ${delivered} delivered over both sockets, ${emitted} forwarded once each`,
    );
  });

  it('an abrupt close: reconnects with back-off, re-joins, and reports a gap per channel', async () => {
    const h = await simWithPool(
      { accounts: [bot.sim], channels: CHANNELS.map((login) => ({ login })) },
      { connectSpacingMs: 500 },
    );
    for (const c of CHANNELS) h.pool.join(bot.identity, c);
    await waitFor(() => h.pool.status().confirmed === CHANNELS.length, 5_000, 'initial joins');
    h.sim.inject('r0', chatLine('r0', 'before'));
    await waitFor(() => h.lines.some((l) => l.id === 'before'), 5_000, 'line before');
    const lastLine = h.lines.at(-1)!.receivedAt;
    const closedAt = Date.now();
    expect(h.sim.faults.close({ login: 'bot' })).toBe(1);
    await waitFor(() => h.of('gap').length === CHANNELS.length, 10_000, 'gap reports');
    for (const gap of h.of('gap')) {
      expect(gap.connectionId).toBe('c2');
      expect(gap.from).toBe(lastLine);
      expect(gap.to).toBeGreaterThanOrEqual(closedAt + 1_000);
    }
    expect(new Set(h.of('gap').map((g) => g.channel))).toEqual(new Set(CHANNELS));
    h.sim.inject('r0', chatLine('r0', 'after'));
    await waitFor(() => h.lines.some((l) => l.id === 'after'), 5_000, 'line after');
    expect(h.sim.connections()).toHaveLength(1);
    expect(h.sim.counters('bot').violations).toMatchObject({ join: 0, auth: 0 });
  });

  it('a stalled connection fails its PING and is replaced', async () => {
    const h = await simWithPool(
      { accounts: [bot.sim], channels: [{ login: 's' }] },
      { pingIntervalMs: 300, pongTimeoutMs: 300, connectSpacingMs: 100, reconnectMinMs: 100 },
    );
    h.pool.join(bot.identity, 's');
    await waitFor(() => h.of('joined').length === 1, 5_000, 'join');
    h.sim.faults.stall({ login: 'bot' });
    await waitFor(() => h.of('gap').length === 1, 5_000, 'gap after ping timeout');
    expect(h.of('joined').map((r) => r.connectionId)).toEqual(['c1', 'c2']);
    expect(h.pool.status().connections.map((c) => c.id)).toEqual(['c2']);
  });
});
