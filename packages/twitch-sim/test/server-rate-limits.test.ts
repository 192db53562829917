import { describe, expect, it } from 'vitest';
import type { TwitchSim } from '../src/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';

async function bot(sim: TwitchSim, caps = 'twitch.tv/tags twitch.tv/commands') {
  const c = track(await RawTcpClient.connect(sim.tcpPort!));
  await c.login('bot', 'bottoken', caps);
  c.skipAll();
  return c;
}

const channels = (n: number) => Array.from({ length: n }, (_, i) => ({ login: `ch${i}` }));

describe('rate limits through the limiter', () => {
  it('disconnects past 20 JOINs in 10 s (Twitch since 2021-08), counting each channel of a list', async () => {
    const sim = await testSim({ channels: channels(30) });
    const c = await bot(sim);
    c.send(
      `JOIN ${channels(20)
        .map((ch) => `#${ch.login}`)
        .join(',')}`,
    );
    c.send('JOIN #ch20');
    await c.waitClosed();
    expect(c.lines.filter((l) => l.includes(' JOIN #'))).toHaveLength(20);
    expect(sim.counters('bot')).toMatchObject({ joinAttempts: 21, violations: { join: 1 } });
  });

  it('drops JOINs past the budget silently with joinOverflow "drop"', async () => {
    const sim = await testSim({ channels: channels(30), limits: { joinOverflow: 'drop' } });
    const c = await bot(sim);
    c.send(
      `JOIN ${channels(25)
        .map((ch) => `#${ch.login}`)
        .join(',')}`,
    );
    await c.sync();
    expect(c.lines.filter((l) => l.includes(' JOIN #'))).toHaveLength(20);
    expect(c.closed).toBe(false);
  });

  it('drops JOINs past the concurrent-channel cap, channels where the bot is mod not counted', async () => {
    const sim = await testSim({
      channels: [...channels(5), { login: 'modded', moderators: ['bot'] }],
      limits: { profiles: { normal: { concurrentChannels: 3 } } },
    });
    const c = await bot(sim);
    c.send('JOIN #ch0,#ch1,#ch2,#ch3,#modded');
    await c.sync();
    expect(sim.connections()[0]!.channels).toEqual(['ch0', 'ch1', 'ch2', 'modded']);
    c.send('PART #ch0');
    c.send('JOIN #ch3');
    await c.sync();
    expect(sim.connections()[0]!.channels).toEqual(['ch1', 'ch2', 'modded', 'ch3']);
    expect(sim.counters('bot')).toMatchObject({ countedChannels: 3, violations: { concurrentChannels: 1 } });
  });

  it('refuses the 21st message in 30 s with msg_ratelimit; a moderator has 100', async () => {
    let now = 1_000_000;
    const sim = await testSim({
      clock: () => now,
      channels: [{ login: 'c' }, { login: 'm', moderators: ['bot'] }],
    });
    const c = await bot(sim);
    c.send('JOIN #c,#m');
    await c.sync();
    c.skipAll();
    for (let i = 0; i < 21; i++) {
      c.send(`PRIVMSG #c :message ${i}`);
      await c.sync();
      now += 1100;
    }
    const notices = c.rest().filter((l) => l.includes('NOTICE'));
    expect(notices).toEqual([
      '@msg-id=msg_ratelimit :tmi.twitch.tv NOTICE #c :Your message was not sent because you are sending messages too quickly.',
    ]);
    expect(sim.groundTruth.channelCounts('c').byCommand.PRIVMSG).toBe(20);
    c.skipAll();
    // The moderator bucket is separate: 100 per 30 s, no per-channel spacing, no duplicate rule.
    for (let i = 0; i < 30; i++) c.send('PRIVMSG #m :same');
    await c.sync();
    expect(c.rest().filter((l) => l.includes('NOTICE'))).toEqual([]);
    expect(c.rest().filter((l) => l.includes('USERSTATE #m'))).toHaveLength(30);
  });

  it('drops NOTICEs for connections without the commands cap (the message is still refused)', async () => {
    let now = 1_000_000;
    const sim = await testSim({ clock: () => now });
    const c = await bot(sim, '');
    c.send('JOIN #c');
    c.send('PRIVMSG #c :one');
    c.send('PRIVMSG #c :two');
    await c.sync();
    now += 1;
    expect(c.rest().filter((l) => l.includes('NOTICE'))).toEqual([]);
    expect(sim.counters('bot')).toMatchObject({
      privmsgAttempts: 2,
      privmsgSent: 1,
      violations: { channelRate: 1 },
    });
  });
});
