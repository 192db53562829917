import { describe, expect, it } from 'vitest';
import { LimitKeys } from '../src/protocol/streams.js';
import { BOT, channels, poolHarness } from './helpers/pool-harness.js';

describe('ConnectionPool placement and pacing', () => {
  it('fills connections up to maxChannels in order, and a repeated join changes nothing', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', connectSpacingMs: 0 });
    for (const c of channels(200)) h.pool.join(BOT, c);
    h.pool.join('bot', 'ch5');
    await h.advance(100);
    const status = h.pool.status();
    expect(status.connections.map((c) => c.wanted)).toEqual([90, 90, 20]);
    expect(status.connections.map((c) => c.confirmed)).toEqual([90, 90, 20]);
    expect(h.twitch.joinedChannels()).toHaveLength(200);
    expect(new Set(h.twitch.joinedChannels()).size).toBe(200);
    // ch5 was confirmed before the repeat: reported joined twice, sent once.
    expect(h.of('joined').filter((r) => r.channel === 'ch5')).toHaveLength(1);
    h.pool.join('bot', 'ch5');
    expect(h.of('joined').filter((r) => r.channel === 'ch5')).toHaveLength(2);
    expect(h.twitch.joinedChannels().filter((c) => c === 'ch5')).toHaveLength(1);
    await h.pool.close();
  });

  it('after a part, the next channel goes to the first connection with room', async () => {
    const h = poolHarness({ maxChannels: 2, joinBudget: 'preallocated', connectSpacingMs: 0 });
    for (const c of ['a', 'b', 'c']) h.pool.join(BOT, c);
    await h.advance(10);
    h.pool.part('a');
    h.pool.join('bot', 'd');
    await h.advance(10);
    const [first, second] = h.pool.status().connections;
    expect(first).toMatchObject({ id: 'c1', wanted: 2, confirmed: 2 });
    expect(second).toMatchObject({ id: 'c2', wanted: 1 });
    expect(h.twitch.lines('JOIN #d')[0]!.connectionId).toBe('c1');
    expect(h.of('parted')).toEqual([expect.objectContaining({ channel: 'a', reason: 'requested' })]);
    await h.pool.close();
  });

  it('batches JOINs into comma lines of at most 500 bytes', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', maxChannels: 90 });
    // 25-character logins: `JOIN ` + 18 × `#login` + 17 commas = 490 bytes; a 19th would make 517.
    const long = channels(90, 'x').map((c) => c.padEnd(25, '_'));
    for (const c of long) h.pool.join(BOT, c);
    await h.advance(10);
    const joins = h.twitch.lines('JOIN ');
    for (const { line } of joins) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(500);
    expect(joins.map((j) => j.line.split(',').length)).toEqual([18, 18, 18, 18, 18]);
    expect(joins[0]!.line.length).toBe(490);
    expect(joins[0]!.line.startsWith(`JOIN #${long[0]},#${long[1]},`)).toBe(true);
    await h.pool.close();
  });

  it("takes JOIN budget per identity and never sends more than the window allows ('pool')", async () => {
    const h = poolHarness({ connectSpacingMs: 0 });
    const identity = { ...BOT, limits: { join: { count: 20, windowMs: 10_000 } } };
    for (const c of channels(60)) h.pool.join(identity, c);
    await h.advance(10);
    expect(h.twitch.joinedChannels()).toHaveLength(20);
    expect(h.twitch.lines('JOIN ')).toHaveLength(1);
    await h.advance(9_980);
    expect(h.twitch.joinedChannels()).toHaveLength(20);
    await h.advance(20);
    expect(h.twitch.joinedChannels()).toHaveLength(40);
    await h.advance(10_000);
    expect(h.twitch.joinedChannels()).toHaveLength(60);
    expect(h.pool.status().confirmed).toBe(60);
    // Any 10 s window holds at most 20 JOINed channels.
    const times = h.twitch.lines('JOIN ').flatMap((j) => j.line.split(',').map(() => j.at));
    for (const t of times)
      expect(times.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(20);
    await h.pool.close();
  });

  it("'preallocated' sends first attempts without touching the budget", async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    for (const c of channels(60)) h.pool.join(BOT, c);
    await h.advance(10);
    expect(h.twitch.joinedChannels()).toHaveLength(60);
    expect(await h.limiter.available(LimitKeys.join('bot'), { count: 20, windowMs: 10_500 })).toBe(20);
    await h.pool.close();
  });

  it('opens connections one at a time, connectSpacingMs apart, paid from the AUTH budget', async () => {
    const h = poolHarness({ maxChannels: 1, joinBudget: 'preallocated', connectSpacingMs: 2_000 });
    const identity = { ...BOT, limits: { auth: { count: 3, windowMs: 10_000 } } };
    for (const c of channels(5)) h.pool.join(identity, c);
    for (let t = 0; t < 14_000; t += 100) await h.advance(100);
    const opened = h.twitch.lines('JOIN ').map((j) => j.at - h.twitch.lines('JOIN ')[0]!.at);
    // Three within the AUTH budget, 2 s apart; the fourth waits for the window, the fifth 2 s more.
    expect(opened).toEqual([0, 2_000, 4_000, 10_000, 12_000]);
    await h.pool.close();
  });

  it('waits for a slow registration before opening the next connection', async () => {
    const h = poolHarness({ maxChannels: 1, joinBudget: 'preallocated', connectSpacingMs: 0 });
    h.twitch.autoRegister = false;
    for (const c of channels(3)) h.pool.join(BOT, c);
    await h.advance(5_000);
    expect(h.twitch.connections).toHaveLength(1);
    h.twitch.connections[0]!.register();
    await h.advance(1);
    expect(h.twitch.connections).toHaveLength(2);
    await h.pool.close();
  });
});
