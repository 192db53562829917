import { describe, expect, it } from 'vitest';
import type { TwitchSim } from '../src/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

async function joined(
  sim: TwitchSim,
  nick: string,
  token: string | null,
  caps = 'twitch.tv/tags twitch.tv/commands',
) {
  const c = track(await RawTcpClient.connect(sim.tcpPort!));
  await c.login(nick, token, caps);
  c.send('JOIN #c');
  await c.waitLine((l) => l.includes('ROOMSTATE') || / 366 /.test(l));
  c.skipAll();
  return c;
}

const line = (i: number) => `@id=m${i} :u!u@u.tmi.twitch.tv PRIVMSG #c :msg ${i}`;

async function deliverWith(seed: number, setup: (sim: TwitchSim) => void, count: number): Promise<string[]> {
  const sim = await testSim({ faultSeed: seed, recordLines: true });
  const c = await joined(sim, 'bot', 'bottoken');
  setup(sim);
  for (let i = 0; i < count; i++) sim.inject('c', line(i));
  await waitFor(
    () =>
      c.lines.filter((l) => l.includes('PRIVMSG')).length >= count &&
      c.lines.length >= sim.connectionCounters(sim.connections()[0]!.id).lines,
  );
  const id = sim.connections()[0]!.id;
  // Ground truth: the channel emitted `count` messages once each; the connection got what the client saw.
  expect(sim.groundTruth.channelCounts('c').byCommand.PRIVMSG).toBe(count);
  expect(sim.groundTruth.messageIds('c')).toEqual(Array.from({ length: count }, (_, i) => `m${i}`));
  const received = c.rest();
  expect(sim.groundTruth.linesTo(id).slice(-received.length)).toEqual(received);
  await sim.close();
  return received;
}

describe('faults', () => {
  it('RECONNECT then close after a delay; without the commands cap just the close', async () => {
    const sim = await testSim();
    const a = await joined(sim, 'bot', 'bottoken');
    const b = await joined(sim, 'alice', 'alicetoken', '');
    const started = Date.now();
    expect(sim.faults.reconnect('all', { closeAfterMs: 150 })).toBe(2);
    expect(await a.take(1)).toEqual([':tmi.twitch.tv RECONNECT']);
    // Still served until the close.
    sim.inject('c', ':tmi.twitch.tv NOTICE #c :still here');
    expect(await a.take(1)).toEqual([':tmi.twitch.tv NOTICE #c :still here']);
    await a.waitClosed();
    await b.waitClosed();
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(b.rest()).toEqual([]);
    expect(a.raw.endsWith(':tmi.twitch.tv RECONNECT\r\n:tmi.twitch.tv NOTICE #c :still here\r\n')).toBe(true);
    await waitFor(() => sim.connections().length === 0);
  });

  it('closes abruptly one connection, by id or by login', async () => {
    const sim = await testSim();
    const a = await joined(sim, 'bot', 'bottoken');
    const b = await joined(sim, 'alice', 'alicetoken');
    const closes: string[] = [];
    sim.on('close', (e) => closes.push(`${e.login}:${e.reason}`));
    expect(sim.faults.close({ login: 'bot' })).toBe(1);
    await a.waitClosed();
    expect(b.closed).toBe(false);
    await waitFor(() => closes.length === 1);
    expect(closes).toEqual(['bot:fault: close']);
    expect(sim.faults.close(sim.connections()[0]!.id)).toBe(1);
    await b.waitClosed();
  });

  it('stalls reading and writing until resumed, then delivers everything in order', async () => {
    const sim = await testSim();
    const c = await joined(sim, 'bot', 'bottoken');
    const id = sim.connections()[0]!.id;
    sim.faults.stall(id);
    for (let i = 0; i < 5; i++) sim.inject('c', line(i));
    c.send('PING during');
    await new Promise((r) => setTimeout(r, 50));
    expect(c.rest()).toEqual([]);
    expect(sim.connection(id)!.stalled).toBe(true);
    sim.faults.resume(id);
    await c.take(6);
    expect(c.lines.slice(-6)).toEqual([
      ...Array.from({ length: 5 }, (_, i) => line(i)),
      ':tmi.twitch.tv PONG tmi.twitch.tv :during',
    ]);
  });

  it('resumes a timed stall by itself, and a stall past the pong timeout ends in a close', async () => {
    const sim = await testSim({ pingIntervalMs: 40, pongTimeoutMs: 120 });
    const c = await joined(sim, 'bot', 'bottoken');
    sim.faults.stall('all', 30);
    sim.inject('c', line(1));
    expect(await c.waitLine((l) => l.includes('PRIVMSG'))).toBe(line(1));
    c.send('PONG :tmi.twitch.tv');
    sim.faults.stall('all');
    await c.waitClosed(2000);
  });

  it('duplicates lines deterministically with a seed, counted per connection but once per channel', async () => {
    const run = () => deliverWith(7, (sim) => sim.faults.duplicate(0.3), 200);
    const first = await run();
    const second = await run();
    expect(second).toEqual(first);
    expect(first.length).toBeGreaterThan(230);
    expect(first.length).toBeLessThan(290);
    // Every message arrives, copies next to each other, order kept.
    const unique = first.filter((l, i) => l !== first[i - 1]);
    expect(unique).toEqual(Array.from({ length: 200 }, (_, i) => line(i)));
  });

  it('reorders lines deterministically with a seed, losing none', async () => {
    const run = () => deliverWith(11, (sim) => sim.faults.reorder(0.2), 200);
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first).not.toEqual(Array.from({ length: 200 }, (_, i) => line(i)));
    expect([...first].sort()).toEqual(Array.from({ length: 200 }, (_, i) => line(i)).sort());
  });

  it('adds latency (with jitter) and keeps the order', async () => {
    const sim = await testSim();
    const c = await joined(sim, 'bot', 'bottoken');
    sim.faults.latency({ ms: 80, jitterMs: 40 });
    const t0 = Date.now();
    for (let i = 0; i < 20; i++) sim.inject('c', line(i));
    await c.take(20);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(75);
    expect(c.lines.slice(-20)).toEqual(Array.from({ length: 20 }, (_, i) => line(i)));
    sim.faults.clear();
    const t1 = Date.now();
    sim.inject('c', line(99));
    await c.take(1);
    expect(Date.now() - t1).toBeLessThan(75);
  });

  it('sends malformed and oversized lines as asked', async () => {
    const sim = await testSim();
    const c = await joined(sim, 'bot', 'bottoken');
    sim.faults.sendMalformed('all', '@bad;;tag=\\ :::weird  PRIVMSG');
    sim.faults.sendOversized('all', 5000);
    const [bad, big] = await c.take(2);
    expect(bad).toBe('@bad;;tag=\\ :::weird  PRIVMSG');
    expect(Buffer.byteLength(`${big}\r\n`)).toBe(5000);
    expect(big!.startsWith(':tmi.twitch.tv NOTICE * :xxx')).toBe(true);
    expect(() => sim.faults.sendOversized('all', 10)).toThrow(RangeError);
  });

  it('drops a slow consumer past maxBufferedBytes instead of growing memory (stalled or not reading)', async () => {
    const sim = await testSim({ maxBufferedBytes: 256 * 1024 });
    const closes: string[] = [];
    sim.on('close', (e) => closes.push(e.reason));
    const stalled = await joined(sim, 'bot', 'bottoken');
    const reader = await joined(sim, 'alice', 'alicetoken');
    sim.faults.stall({ login: 'bot' });
    const big = `@id=x :u!u@u.tmi.twitch.tv PRIVMSG #c :${'y'.repeat(400)}`;
    for (let i = 0; i < 1000; i++) sim.inject('c', big);
    await stalled.waitClosed();
    expect(closes).toEqual(['slow consumer']);
    // The other member got everything.
    await waitFor(() => reader.lines.length >= 1000 + 14);

    // A client that stops reading: the kernel buffers fill, then the server's queue passes the cap.
    const sleepy = await joined(sim, 'bob', 'bobtoken');
    sleepy.pauseReading();
    for (let round = 0; round < 400 && !closes.includes('slow consumer', 1); round++) {
      for (let i = 0; i < 200; i++) sim.inject('c', big);
      await new Promise((r) => setImmediate(r));
    }
    await waitFor(() => closes.length === 2);
    expect(closes[1]).toBe('slow consumer');
    expect(reader.closed).toBe(false);
  });
});
