import { describe, expect, it } from 'vitest';
import { SeatBook } from '../src/coordinator/seat-book.js';
import type { WorkerCommand } from '../src/protocol/commands.js';
import { Cluster } from './coordinator-fixture.js';

const seatsOf = (commands: WorkerCommand[], type: 'seat' | 'unseat') =>
  commands.flatMap((c) => (c.type === type ? [c.channel] : []));

describe('SeatBook: the sender accounts’ concurrent channels', () => {
  it('grants in arrival order up to the room, then takes back the least recently used', () => {
    const book = new SeatBook();
    for (const ch of ['a', 'b', 'c']) book.want('bot', 'w1', ch);
    expect(book.plan('bot', 3, 100).grants.map((g) => g.channel)).toEqual(['a', 'b', 'c']);
    expect(book.counted('bot')).toBe(3);
    book.used('bot', ['a'], 300);
    book.used('bot', ['c'], 200);
    book.want('bot', 'w2', 'd');
    book.want('bot', 'w2', 'e');
    const full = book.plan('bot', 3, 400);
    // b (granted at 100, never used since) and then c (used at 200) are the oldest.
    expect(full).toEqual({
      grants: [],
      revokes: [
        { workerId: 'w1', channel: 'b' },
        { workerId: 'w1', channel: 'c' },
      ],
    });
    // Releases under way are not asked for twice.
    expect(book.plan('bot', 3, 450)).toEqual({ grants: [], revokes: [] });
    // The count only drops when the worker confirms it left.
    expect(book.counted('bot')).toBe(3);
    book.released('bot', 'w1', 'b');
    expect(book.plan('bot', 3, 500)).toEqual({ grants: [{ workerId: 'w2', channel: 'd' }], revokes: [] });
    book.released('bot', 'w1', 'c');
    expect(book.plan('bot', 3, 600).grants).toEqual([{ workerId: 'w2', channel: 'e' }]);
    expect(book.counted('bot')).toBe(3);
    expect(book.waiting()).toEqual([]);
  });

  it('counts a channel once for two workers, never for exempt channels, and forgets dead workers', () => {
    const book = new SeatBook();
    book.want('bot', 'w1', 'a');
    book.want('bot', 'w2', 'a');
    expect(book.plan('bot', 1, 0).grants).toHaveLength(2);
    expect(book.counted('bot')).toBe(1);
    book.setExempt('bot', 'mod', true);
    book.want('bot', 'w1', 'mod');
    // No room left, but a moderated channel costs none.
    expect(book.plan('bot', 1, 0).grants).toEqual([{ workerId: 'w1', channel: 'mod' }]);
    expect(book.counted('bot')).toBe(1);
    book.want('bot', 'w1', 'b');
    // Taking `a` back asks both holders.
    expect(book.plan('bot', 1, 10).revokes).toEqual([
      { workerId: 'w1', channel: 'a' },
      { workerId: 'w2', channel: 'a' },
    ]);
    book.removeWorker('w1');
    expect(book.waiting()).toEqual([]);
    book.released('bot', 'w2', 'a');
    expect(book.counted('bot')).toBe(0);
    // Identities are separate accounts.
    book.want('other', 'w2', 'a');
    expect(book.plan('other', 1, 0).grants).toHaveLength(1);
    expect(book.counted('bot')).toBe(0);
  });

  it('does not take back a seat granted in the same pass or one a request waits for', () => {
    const book = new SeatBook();
    book.want('bot', 'w1', 'a');
    book.want('bot', 'w1', 'b');
    const plan = book.plan('bot', 1, 0);
    expect(plan.grants).toEqual([{ workerId: 'w1', channel: 'a' }]);
    expect(plan.revokes).toEqual([]);
    expect(book.plan('bot', 1, 1).revokes).toEqual([{ workerId: 'w1', channel: 'a' }]);
  });
});

describe('coordinator: seats for senders', () => {
  it('grants seats within maxChannelsPerIdentity minus what readers of the account hold', async () => {
    const cluster = new Cluster();
    // `r` reads as the bot itself (readers: 'bot'); `s` reads anonymously and sends as the bot.
    const r = await cluster.worker('r', { identity: 'bot' });
    const s = await cluster.worker('s', { identity: 'justinfan123' });
    const coordinator = await cluster.active({ maxChannelsPerIdentity: 3 });
    await coordinator.handle({ type: 'join', channels: ['x', 'y', 'z', 'q'] });
    await r.confirm();
    await s.confirm();
    const readByBot = (await coordinator.status()).workers.find((w) => w.id === 'r')!.load;
    expect(readByBot).toBeGreaterThan(0);
    const at = cluster.clock.now();
    for (const channel of ['s1', 's2', 's3'])
      await cluster.report({ type: 'seat-wanted', workerId: 's', identity: 'bot', channel, at });
    await coordinator.tick();
    const granted = seatsOf(await s.take(), 'seat');
    expect(granted).toHaveLength(3 - readByBot);
    // Each grant carries the account and the fence.
    expect((await cluster.sent('s')).at(-1)?.command).toMatchObject({ type: 'seat', identity: 'bot' });
  });

  it('answers a full budget with unseat to the least recently used holder, then the grant', async () => {
    const cluster = new Cluster();
    const s = await cluster.worker('s', { identity: 'justinfan1' });
    const t = await cluster.worker('t', { identity: 'justinfan2' });
    const coordinator = await cluster.active({ maxChannelsPerIdentity: 2 });
    const want = (workerId: string, channel: string) =>
      cluster.report({ type: 'seat-wanted', workerId, identity: 'bot', channel, at: cluster.clock.now() });
    await want('s', 'a');
    await want('t', 'b');
    await coordinator.tick();
    expect(seatsOf(await s.take(), 'seat')).toEqual(['a']);
    expect(seatsOf(await t.take(), 'seat')).toEqual(['b']);
    expect(coordinator.status().seats).toEqual({ bot: 2 });
    await cluster.clock.advanceAsync(1_000);
    await cluster.report({
      type: 'seat-used',
      workerId: 's',
      identity: 'bot',
      channels: ['a'],
      at: cluster.clock.now(),
    });
    await want('s', 'c');
    await coordinator.tick();
    // b was used longest ago: t gives it back; nothing is granted before it did.
    expect(seatsOf(await t.take(), 'unseat')).toEqual(['b']);
    expect(await s.take()).toEqual([]);
    expect(coordinator.status().recentEvents.some((e) => e.type === 'seats')).toBe(true);
    await cluster.report({ type: 'seat-released', workerId: 't', identity: 'bot', channel: 'b' });
    await coordinator.tick();
    expect(seatsOf(await s.take(), 'seat')).toEqual(['c']);

    // A moderator channel stops counting as soon as USERSTATE says so.
    await cluster.report({
      type: 'privileged',
      workerId: 's',
      identity: 'bot',
      channel: 'a',
      privileged: true,
      exempt: true,
    });
    await want('t', 'd');
    await coordinator.tick();
    expect(seatsOf(await t.take(), 'seat')).toEqual(['d']);
    // A VIP channel still counts.
    await cluster.report({
      type: 'privileged',
      workerId: 's',
      identity: 'bot',
      channel: 'c',
      privileged: true,
      exempt: false,
    });
    await want('t', 'e');
    await coordinator.tick();
    expect(seatsOf(await s.take(), 'unseat')).toEqual(['c']);
  });

  it('frees a dead worker’s seats and ignores requests from workers it does not know', async () => {
    const cluster = new Cluster();
    const s = await cluster.worker('s', { identity: 'justinfan1' });
    const coordinator = await cluster.active({ maxChannelsPerIdentity: 1, sweepMs: 100 });
    await cluster.report({ type: 'seat-wanted', workerId: 'ghost', identity: 'bot', channel: 'g', at: 0 });
    await cluster.report({ type: 'seat-wanted', workerId: 's', identity: 'bot', channel: 'a', at: 0 });
    await coordinator.tick();
    expect(seatsOf(await s.take(), 'seat')).toEqual(['a']);
    const t = await cluster.worker('t', { identity: 'justinfan2' });
    // s stops beating and expires.
    for (let i = 0; i < 60; i++) {
      await t.heartbeat();
      await cluster.clock.advanceAsync(100);
      await coordinator.tick();
    }
    await cluster.report({ type: 'seat-wanted', workerId: 't', identity: 'bot', channel: 'b', at: 0 });
    await coordinator.tick();
    expect(seatsOf(await t.take(), 'seat')).toEqual(['b']);
  });

  it('a new term counts the seats workers list in their heartbeats', async () => {
    const cluster = new Cluster();
    await cluster.registry.heartbeat(
      {
        kind: 'worker',
        id: 's',
        host: 'h',
        state: 'ready',
        startedAt: 0,
        data: { capacity: 10, identity: 'justinfan1', sender: 'bot', seats: ['a', 'b'] },
      },
      60_000,
    );
    const t = await cluster.worker('t', { identity: 'justinfan2' });
    const coordinator = await cluster.active({ maxChannelsPerIdentity: 2 });
    await coordinator.tick();
    await cluster.report({ type: 'seat-wanted', workerId: 't', identity: 'bot', channel: 'c', at: 0 });
    await coordinator.tick();
    expect(seatsOf(await t.take(), 'seat')).toEqual([]);
    expect(seatsOf(await cluster.sent('s').then((l) => l.map((x) => x.command)), 'unseat')).toHaveLength(1);
  });
});
