import { describe, expect, it } from 'vitest';
import { LimitKeys } from '../src/protocol/streams.js';
import { BOT, poolHarness } from './helpers/pool-harness.js';

const RECONNECT = ':tmi.twitch.tv RECONNECT';
const msg = (id: string, channel: string) =>
  `@id=${id};room-id=1 :u!u@u.tmi.twitch.tv PRIVMSG #${channel} :${id}`;

describe('ConnectionPool RECONNECT (make-before-break)', () => {
  it('closes the old connection only after the replacement confirmed every channel', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    for (const c of ['a', 'b', 'c']) h.pool.join(BOT, c);
    await h.advance(10);
    const old = h.twitch.connections[0]!;
    h.twitch.answerJoins = false;
    old.say(RECONNECT);
    await h.advance(2_000);
    const next = h.twitch.connections[1]!;
    expect(h.twitch.lines('JOIN ').at(-1)).toMatchObject({ connectionId: next.id, line: 'JOIN #a,#b,#c' });
    expect(h.pool.status().connections.map((c) => [c.id, c.state])).toEqual([
      ['c1', 'draining'],
      ['c2', 'open'],
    ]);
    next.confirm('a');
    next.confirm('b');
    expect(old.state).toBe('open');
    next.confirm('c');
    expect(old.state).toBe('closed');
    expect(h.pool.status().connections.map((c) => [c.id, c.state, c.confirmed])).toEqual([['c2', 'open', 3]]);
    expect(h.of('gap')).toEqual([]);
    expect(h.of('joined').map((r) => `${r.connectionId}:${r.channel}`)).toEqual([
      'c1:a',
      'c1:b',
      'c1:c',
      'c2:a',
      'c2:b',
      'c2:c',
    ]);
    await h.pool.close();
  });

  it('forwards each line once while both connections receive it, also a late copy after the old one closed', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.pool.join(BOT, 'a');
    await h.advance(10);
    const old = h.twitch.connections[0]!;
    h.twitch.answerJoins = false;
    old.say(RECONNECT);
    await h.advance(2_000);
    const next = h.twitch.connections[1]!;
    old.say(msg('m1', 'a'));
    next.confirm('a'); // hand-over complete: old is closed now
    expect(old.state).toBe('closed');
    // The replacement's socket was slower: its copies of m1 arrive after the old one closed.
    next.say(msg('m1', 'a'));
    const clear = '@room-id=1;tmi-sent-ts=5 :tmi.twitch.tv CLEARCHAT #a';
    next.say(clear);
    next.say(msg('m2', 'a'));
    next.say(clear); // a second identical id-less line within the window counts as the same event
    const chat = h.lines.filter((l) => l.command === 'PRIVMSG' || l.command === 'CLEARCHAT');
    expect(chat.map((l) => `${l.receiverId} ${l.id ?? l.command}`)).toEqual([
      'w1/c1 m1',
      'w1/c2 CLEARCHAT',
      'w1/c2 m2',
    ]);
    // The filter outlives the overlap by dedupTtlMs, then the channel costs nothing again.
    await h.advance(30_000);
    next.say(msg('m1', 'a'));
    expect(h.lines.at(-1)?.id).toBe('m1');
    await h.pool.close();
  });

  it('reports a gap for channels not yet confirmed when the old connection closes first', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    for (const c of ['a', 'b']) h.pool.join(BOT, c);
    await h.advance(10);
    const old = h.twitch.connections[0]!;
    h.twitch.answerJoins = false;
    old.say(msg('m1', 'a'));
    const lastLine = h.clock.now();
    await h.advance(500);
    old.say(RECONNECT);
    const reconnectAt = h.clock.now();
    await h.advance(2_000);
    const next = h.twitch.connections[1]!;
    next.confirm('a');
    old.drop();
    await h.advance(300);
    next.confirm('b');
    // `a` was received by one of the two all along; `b` was not between RECONNECT and its confirmation.
    expect(h.of('gap')).toEqual([
      {
        type: 'gap',
        identity: 'bot',
        workerId: 'w1',
        connectionId: 'c2',
        channel: 'b',
        from: reconnectAt,
        to: h.clock.now(),
      },
    ]);
    expect(reconnectAt).toBeGreaterThan(lastLine);
    await h.pool.close();
  });

  it('gives up waiting after replaceTimeoutMs and closes the old connection anyway', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', replaceTimeoutMs: 5_000 });
    h.pool.join(BOT, 'a');
    await h.advance(10);
    const old = h.twitch.connections[0]!;
    h.twitch.answerJoins = false;
    old.say(RECONNECT);
    await h.advance(4_900);
    expect(old.state).toBe('open');
    await h.advance(200);
    expect(old.state).toBe('closed');
    await h.pool.close();
  });
});

describe('ConnectionPool unexpected disconnects', () => {
  it('reconnects after back-off, re-joins paid from the budget, and reports a gap per channel', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', connectSpacingMs: 0 });
    for (const c of ['a', 'b']) h.pool.join(BOT, c);
    await h.advance(10);
    const joinKey = LimitKeys.join('bot');
    const limit = { count: 20, windowMs: 10_500 };
    expect(await h.limiter.available(joinKey, limit)).toBe(20);
    const first = h.twitch.connections[0]!;
    first.say(msg('m1', 'a'));
    const lastLine = h.clock.now();
    await h.advance(5_000);
    first.drop();
    const droppedAt = h.clock.now();
    await h.advance(999);
    expect(h.twitch.connections).toHaveLength(1);
    await h.advance(1);
    expect(h.twitch.connections).toHaveLength(2);
    const confirmedAt = h.clock.now();
    expect(h.twitch.lines('JOIN ').at(-1)).toMatchObject({ connectionId: 'c2', line: 'JOIN #a,#b' });
    expect(await h.limiter.available(joinKey, limit)).toBe(18);
    expect(h.of('gap')).toEqual([
      {
        type: 'gap',
        identity: 'bot',
        workerId: 'w1',
        connectionId: 'c2',
        channel: 'a',
        from: lastLine,
        to: confirmedAt,
      },
      {
        type: 'gap',
        identity: 'bot',
        workerId: 'w1',
        connectionId: 'c2',
        channel: 'b',
        from: lastLine,
        to: confirmedAt,
      },
    ]);
    expect(droppedAt - lastLine).toBe(5_000);
    await h.pool.close();
  });

  it('backs off exponentially between failed connection attempts, up to reconnectMaxMs', async () => {
    const h = poolHarness({ connectSpacingMs: 0, reconnectMinMs: 1_000, reconnectMaxMs: 8_000 });
    h.twitch.autoRegister = false;
    h.pool.join(BOT, 'a');
    const starts: number[] = [];
    for (let t = 0; t < 40_000; t += 100) {
      await h.advance(100);
      const last = h.twitch.connections.at(-1);
      if (last && last.state === 'connecting') {
        starts.push(h.clock.now());
        last.fail();
      }
    }
    const gaps = starts.slice(1).map((t, i) => t - starts[i]!);
    expect(gaps.slice(0, 6)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    await h.pool.close();
  });

  it('treats a PING without PONG as a dead connection', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', pingIntervalMs: 30_000, pongTimeoutMs: 10_000 });
    h.pool.join(BOT, 'a');
    await h.advance(10);
    await h.advance(120_000);
    expect(h.twitch.connections).toHaveLength(1);
    expect(h.twitch.lines('PING')).toHaveLength(4);
    h.twitch.answerPings = false;
    await h.advance(30_000);
    expect(h.twitch.connections[0]!.state).toBe('open');
    await h.advance(10_000);
    expect(h.twitch.connections[0]!.state).toBe('closed');
    await h.advance(3_000);
    expect(h.twitch.connections[1]!.state).toBe('open');
    expect(h.of('gap').map((g) => g.channel)).toEqual(['a']);
    await h.pool.close();
  });
});
