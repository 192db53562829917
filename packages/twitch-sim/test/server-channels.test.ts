import { describe, expect, it } from 'vitest';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';

const ALL = 'twitch.tv/tags twitch.tv/commands twitch.tv/membership';

async function loggedIn(port: number, nick: string, token: string | null, caps = ALL) {
  const c = track(await RawTcpClient.connect(port));
  await c.login(nick, token, caps);
  c.skipAll();
  return c;
}

describe('JOIN and PART', () => {
  it('sends the join block, other users in 353 with membership, and membership JOIN/PART to others', async () => {
    const sim = await testSim();
    const alice = await loggedIn(sim.tcpPort!, 'alice', 'alicetoken');
    alice.send('JOIN #c');
    await alice.take(5);
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    bot.send('JOIN #c');
    expect(await bot.take(6)).toEqual([
      ':bot!bot@bot.tmi.twitch.tv JOIN #c',
      ':bot.tmi.twitch.tv 353 bot = #c :alice',
      ':bot.tmi.twitch.tv 353 bot = #c :bot',
      ':bot.tmi.twitch.tv 366 bot #c :End of /NAMES list',
      '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #c',
      '@emote-only=0;followers-only=-1;r9k=0;room-id=42;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #c',
    ]);
    expect(await alice.take(1)).toEqual([':bot!bot@bot.tmi.twitch.tv JOIN #c']);
    bot.send('PART #c');
    expect(await bot.take(1)).toEqual([':bot!bot@bot.tmi.twitch.tv PART #c']);
    expect(await alice.take(1)).toEqual([':bot!bot@bot.tmi.twitch.tv PART #c']);
    // Closing the connection PARTs too.
    bot.send('JOIN #c');
    await alice.take(1);
    await bot.close();
    expect(await alice.take(1)).toEqual([':bot!bot@bot.tmi.twitch.tv PART #c']);
  });

  it('shows no other users to a connection without the membership cap', async () => {
    const sim = await testSim();
    const alice = await loggedIn(sim.tcpPort!, 'alice', 'alicetoken', 'twitch.tv/tags twitch.tv/commands');
    alice.send('JOIN #c');
    await alice.take(5);
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken', 'twitch.tv/tags twitch.tv/commands');
    bot.send('JOIN #c');
    expect((await bot.take(5)).slice(0, 3)).toEqual([
      ':bot!bot@bot.tmi.twitch.tv JOIN #c',
      ':bot.tmi.twitch.tv 353 bot = #c :bot',
      ':bot.tmi.twitch.tv 366 bot #c :End of /NAMES list',
    ]);
    await alice.sync();
    expect(alice.rest()).toEqual([':tmi.twitch.tv PONG tmi.twitch.tv :sync']);
  });

  it('shows badges of broadcaster and moderator, and refreshes USERSTATE when the role changes', async () => {
    const sim = await testSim({
      channels: [
        { login: 'bot', roomId: '1001' },
        { login: 'c', roomId: '42', moderators: ['bot'] },
      ],
    });
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    bot.send('JOIN #bot,#c');
    const lines = await bot.take(10);
    expect(lines[3]).toBe(
      '@badge-info=;badges=broadcaster/1;color=;display-name=Bot;emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #bot',
    );
    expect(lines[8]).toBe(
      '@badge-info=;badges=moderator/1;color=;display-name=Bot;emote-sets=0;mod=1;subscriber=0;user-type=mod :tmi.twitch.tv USERSTATE #c',
    );
    sim.channels.setModerator('c', 'bot', false);
    expect(await bot.take(1)).toEqual([
      '@badge-info=;badges=;color=;display-name=Bot;emote-sets=0;mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #c',
    ]);
  });

  it('answers suspended and banned channels with their NOTICE, nothing for unknown or invalid names', async () => {
    const sim = await testSim({
      channels: [
        { login: 'gone', state: 'suspended' },
        { login: 'strict', banned: ['bot'] },
      ],
    });
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    bot.send('JOIN #gone,#strict,#nosuch,#UPPER,nohash,#,#waytoolongnameforatwitchchannel,#bad-name');
    await bot.sync();
    expect(bot.rest()).toEqual([
      '@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #gone :This channel does not exist or has been suspended.',
      '@msg-id=msg_banned :tmi.twitch.tv NOTICE #strict :You are permanently banned from talking in strict.',
      ':tmi.twitch.tv PONG tmi.twitch.tv :sync',
    ]);
    expect(sim.connections()[0]!.channels).toEqual([]);
    // Anonymous users are never "banned" (they have no account) but suspension applies.
    const anon = await loggedIn(sim.tcpPort!, 'justinfan1', null);
    anon.send('JOIN #gone');
    await anon.sync();
    expect(anon.rest()[0]).toContain('msg_channel_suspended');
  });

  it('PARTs a user banned while inside, after a CLEARCHAT to the room', async () => {
    const sim = await testSim();
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    const alice = await loggedIn(sim.tcpPort!, 'alice', 'alicetoken');
    bot.send('JOIN #c');
    await bot.take(5);
    alice.send('JOIN #c');
    await alice.take(6);
    await bot.take(1);
    sim.channels.ban('c', 'bot');
    const [clear, part] = await bot.take(2);
    expect(clear).toMatch(
      /^@room-id=42;target-user-id=1001;tmi-sent-ts=\d+ :tmi.twitch.tv CLEARCHAT #c :bot$/,
    );
    expect(part).toBe(':bot!bot@bot.tmi.twitch.tv PART #c');
    expect(await alice.take(2)).toEqual([clear, ':bot!bot@bot.tmi.twitch.tv PART #c']);
    bot.send('JOIN #c');
    expect(await bot.take(1)).toEqual([
      '@msg-id=msg_banned :tmi.twitch.tv NOTICE #c :You are permanently banned from talking in c.',
    ]);
    sim.channels.unban('c', 'bot');
    bot.send('JOIN #c');
    expect((await bot.take(1))[0]).toBe(':bot!bot@bot.tmi.twitch.tv JOIN #c');
  });

  it('sends a partial ROOMSTATE on a mode change and the full one on later joins', async () => {
    const sim = await testSim();
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    bot.send('JOIN #c');
    await bot.take(5);
    sim.channels.roomState('c', { slow: 10, subsOnly: true });
    expect(await bot.take(1)).toEqual(['@room-id=42;slow=10;subs-only=1 :tmi.twitch.tv ROOMSTATE #c']);
    bot.send('PART #c');
    bot.send('JOIN #c');
    expect((await bot.take(6))[5]).toBe(
      '@emote-only=0;followers-only=-1;r9k=0;room-id=42;slow=10;subs-only=1 :tmi.twitch.tv ROOMSTATE #c',
    );
  });

  it('creates channels on join when asked to', async () => {
    const sim = await testSim({ createChannelsOnJoin: true });
    const bot = await loggedIn(sim.tcpPort!, 'bot', 'bottoken');
    bot.send('JOIN #fresh');
    expect((await bot.take(5))[0]).toBe(':bot!bot@bot.tmi.twitch.tv JOIN #fresh');
    expect(sim.channelsSnapshot().find((c) => c.login === 'fresh')).toMatchObject({
      connections: 1,
      users: 1,
    });
  });

  it('generates N channels from a number', async () => {
    const sim = await testSim({ channels: 3, channelPrefix: 'room' });
    expect(sim.channelsSnapshot().map((c) => c.login)).toEqual(['room0', 'room1', 'room2']);
  });
});
