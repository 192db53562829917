import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/irc/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';

const ALL = 'twitch.tv/tags twitch.tv/commands twitch.tv/membership';
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';

async function inChannel(port: number, nick: string, token: string | null, channel = 'c', caps = ALL) {
  const c = track(await RawTcpClient.connect(port));
  await c.login(nick, token, caps);
  c.send(`JOIN #${channel}`);
  await c.waitLine(
    (l) => l.includes(`ROOMSTATE #${channel}`) || l.endsWith(`366 ${nick} #${channel} :End of /NAMES list`),
  );
  return c;
}

describe('PRIVMSG', () => {
  it('delivers to every other connection with Twitch tags, and acknowledges the sender with USERSTATE id', async () => {
    const sim = await testSim({ limits: { enabled: false }, clock: () => 1_700_000_000_000 });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    const alice2 = await inChannel(sim.tcpPort!, 'alice', 'alicetoken', 'c', 'twitch.tv/commands');
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    await alice.waitLine((l) => l.endsWith('JOIN #c'));
    bot.skipAll();
    alice.send('PRIVMSG #c :Kappa Keepo Kappa');
    const [received] = await bot.take(1);
    expect(received).toMatch(
      new RegExp(
        `^@badge-info=;badges=;color=#FF0000;display-name=Alice;emotes=25:0-4,12-16/1902:6-10;first-msg=0;flags=;id=(${UUID});mod=0;returning-chatter=0;room-id=42;subscriber=0;tmi-sent-ts=1700000000000;turbo=0;user-id=1002;user-type= :alice!alice@alice.tmi.twitch.tv PRIVMSG #c :Kappa Keepo Kappa$`,
      ),
    );
    const id = parseLine(received!).tags.id!;
    // The user's other connection gets it too (tags stripped: it has no tags cap); the sender does not.
    expect(await alice2.waitLine((l) => l.includes('PRIVMSG'))).toBe(
      ':alice!alice@alice.tmi.twitch.tv PRIVMSG #c :Kappa Keepo Kappa',
    );
    expect(await alice.waitLine((l) => l.includes('USERSTATE'))).toBe(
      `@badge-info=;badges=;color=#FF0000;display-name=Alice;emote-sets=0;id=${id};mod=0;subscriber=0;user-type= :tmi.twitch.tv USERSTATE #c`,
    );
    await alice.sync();
    expect(alice.rest().filter((l) => l.includes('PRIVMSG'))).toEqual([]);
    expect(sim.groundTruth.channelCounts('c').byCommand.PRIVMSG).toBe(1);
  });

  it('turns /me into ACTION, echoes client-nonce, counts emote positions in code points', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    alice.send('@client-nonce=abc123 PRIVMSG #c :/me 🎉 LUL');
    alice.send('PRIVMSG #c :\x01ACTION waves PogChamp\x01');
    const me = await bot.waitLine((l) => l.includes('🎉'));
    const action = await bot.waitLine((l) => l.includes('waves'));
    const m = parseLine(me);
    expect(m.tags['client-nonce']).toBe('abc123');
    expect(m.tags.emotes).toBe('425618:2-4');
    expect(m.params[1]).toBe('\x01ACTION 🎉 LUL\x01');
    expect(me).toMatch(
      /^@badge-info=;badges=;client-nonce=abc123;color=#FF0000;display-name=Alice;emotes=425618:2-4;/,
    );
    expect(parseLine(action).tags.emotes).toBe('305954156:6-13');
    expect(parseLine(action).params[1]).toBe('\x01ACTION waves PogChamp\x01');
  });

  it('adds reply-parent tags for a known parent, including injected ones', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    alice.send('PRIVMSG #c :hello there');
    const parentId = parseLine(await bot.waitLine((l) => l.includes('hello there'))).tags.id!;
    bot.send(`@reply-parent-msg-id=${parentId} PRIVMSG #c :@Alice hi`);
    const reply = await alice.waitLine((l) => l.includes('PRIVMSG'));
    expect(reply).toContain(
      `;mod=0;reply-parent-display-name=Alice;reply-parent-msg-body=hello\\sthere;reply-parent-msg-id=${parentId};reply-parent-user-id=1002;reply-parent-user-login=alice;reply-thread-parent-msg-id=${parentId};reply-thread-parent-user-login=alice;returning-chatter=0;`,
    );
    // A reply to the reply stays in the same thread.
    const replyId = parseLine(reply).tags.id!;
    alice.send(`@reply-parent-msg-id=${replyId} PRIVMSG #c :again`);
    const second = parseLine(await bot.waitLine((l) => l.includes('again')));
    expect(second.tags['reply-parent-user-login']).toBe('bot');
    expect(second.tags['reply-thread-parent-msg-id']).toBe(parentId);
    // Injected messages can be replied to as well.
    sim.inject(
      'c',
      '@display-name=Zed;id=inj-1;user-id=77 :zed!zed@zed.tmi.twitch.tv PRIVMSG #c :injected text',
    );
    await bot.waitLine((l) => l.includes('injected text'));
    alice.send('@reply-parent-msg-id=inj-1 PRIVMSG #c :to zed');
    const third = parseLine(await bot.waitLine((l) => l.includes('to zed')));
    expect(third.tags).toMatchObject({
      'reply-parent-display-name': 'Zed',
      'reply-parent-msg-body': 'injected text',
      'reply-parent-user-id': '77',
      'reply-parent-user-login': 'zed',
      'reply-thread-parent-msg-id': 'inj-1',
    });
    // An unknown parent: the message goes out without reply tags.
    alice.send('@reply-parent-msg-id=unknown PRIVMSG #c :orphan');
    expect(
      parseLine(await bot.waitLine((l) => l.includes('orphan'))).tags['reply-parent-msg-id'],
    ).toBeUndefined();
  });

  it('forgets reply parents beyond recentMessagesPerChannel', async () => {
    const sim = await testSim({ limits: { enabled: false }, recentMessagesPerChannel: 2 });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    for (let i = 0; i < 3; i++) sim.inject('c', `@id=r${i} :zed!zed@zed.tmi.twitch.tv PRIVMSG #c :text ${i}`);
    // Alice's own messages are remembered too: the reply to r1 pushes r1 itself out afterwards.
    alice.send('@reply-parent-msg-id=r1 PRIVMSG #c :to a kept one');
    alice.send('@reply-parent-msg-id=r0 PRIVMSG #c :to the evicted one');
    const kept = parseLine(await bot.waitLine((l) => l.includes('kept')));
    const evicted = parseLine(await bot.waitLine((l) => l.includes('evicted')));
    expect(evicted.tags['reply-parent-msg-id']).toBeUndefined();
    expect(kept.tags['reply-parent-msg-body']).toBe('text 1');
  });

  it('trims to 500 characters, drops messages to channels not joined, shows vip and moderator tags', async () => {
    const sim = await testSim({
      limits: { enabled: false },
      channels: [{ login: 'c', roomId: '42', vips: ['alice'], moderators: ['bob'] }, { login: 'd' }],
    });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    const bob = await inChannel(sim.tcpPort!, 'bob', 'bobtoken');
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    alice.send(`PRIVMSG #c :${'é'.repeat(600)}`);
    const long = parseLine(await bot.waitLine((l) => l.includes('PRIVMSG')));
    expect(long.params[1]).toBe('é'.repeat(500));
    expect(long.tags.badges).toBe('vip/1');
    expect(long.tags.vip).toBe('1');
    bob.send('PRIVMSG #c :mod here');
    const mod = await bot.waitLine((l) => l.includes('mod here'));
    expect(mod).toMatch(/^@badge-info=;badges=moderator\/1;.*;mod=1;.*;user-type=mod :bob/);
    expect(mod).not.toContain('vip=');
    alice.send('PRIVMSG #d :not joined');
    alice.send('PRIVMSG #nosuch :nope');
    alice.send('PRIVMSG bot :direct');
    await alice.sync();
    await bot.sync();
    expect(bot.rest().filter((l) => l.includes('PRIVMSG'))).toEqual([]);
  });

  it('refuses removed chat commands with unrecognized_cmd', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const alice = await inChannel(sim.tcpPort!, 'alice', 'alicetoken');
    alice.send('PRIVMSG #c :/ban bob');
    expect(await alice.waitLine((l) => l.includes('NOTICE'))).toBe(
      '@msg-id=unrecognized_cmd :tmi.twitch.tv NOTICE #c :Unrecognized command: /ban',
    );
  });
});

describe('inject', () => {
  it('fans out respecting caps: tags stripped without tags, commands withheld without commands', async () => {
    const sim = await testSim();
    const full = await inChannel(sim.tcpPort!, 'bot', 'bottoken');
    const bare = await inChannel(sim.tcpPort!, 'alice', 'alicetoken', 'c', '');
    const anon = await inChannel(sim.tcpPort!, 'justinfan7', null, 'c', 'twitch.tv/tags');
    for (const c of [full, bare, anon]) c.skipAll();
    const privmsg = '@badge-info=;id=x1 :zed!zed@zed.tmi.twitch.tv PRIVMSG #c :hi';
    const clear = '@room-id=42;tmi-sent-ts=1 :tmi.twitch.tv CLEARCHAT #c';
    sim.inject('c', privmsg);
    sim.inject('#c', clear);
    expect(await full.take(2)).toEqual([privmsg, clear]);
    expect(await bare.take(1)).toEqual([':zed!zed@zed.tmi.twitch.tv PRIVMSG #c :hi']);
    expect(await anon.take(1)).toEqual([privmsg]);
    await bare.sync();
    await anon.sync();
    expect(bare.rest()).toEqual([':tmi.twitch.tv PONG tmi.twitch.tv :sync']);
    expect(anon.rest()).toEqual([':tmi.twitch.tv PONG tmi.twitch.tv :sync']);
    // Membership JOINs of the two logged-in users are channel emissions too.
    expect(sim.groundTruth.channelCounts('c')).toMatchObject({
      lines: 4,
      byCommand: { PRIVMSG: 1, CLEARCHAT: 1, JOIN: 2 },
      messageIds: [],
    });
    expect(() => sim.inject('c', 'a\r\nb')).toThrow(TypeError);
  });

  it('works as a TrafficSink', async () => {
    const sim = await testSim({ clock: () => 1234 });
    const sink = sim.trafficSink();
    expect(sink.channels()).toEqual([
      { login: 'c', roomId: '42' },
      { login: 'd', roomId: '43' },
    ]);
    expect(sink.now()).toBe(1234);
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken', 'd');
    bot.skipAll();
    sink.inject('d', ':tmi.twitch.tv NOTICE #d :hello');
    expect(await bot.take(1)).toEqual([':tmi.twitch.tv NOTICE #d :hello']);
  });

  it('sends to one connection verbatim with injectTo', async () => {
    const sim = await testSim();
    const bot = await inChannel(sim.tcpPort!, 'bot', 'bottoken', 'c', '');
    bot.skipAll();
    expect(sim.injectTo(sim.connections()[0]!.id, '@a=b :tmi.twitch.tv USERNOTICE #c')).toBe(true);
    expect(await bot.take(1)).toEqual(['@a=b :tmi.twitch.tv USERNOTICE #c']);
    expect(sim.injectTo('nope', 'x')).toBe(false);
  });
});
