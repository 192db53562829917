import { ChatClient } from '@twurple/chat';
import IRC, { type MessageEvent } from 'irc-framework';
import { describe, expect, it } from 'vitest';
import { startTwitchSim, type TwitchSim } from '../src/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { ACCOUNTS, testSim, track } from './helpers/sim.js';
import { nextEvent, waitFor } from './helpers/wait-for.js';

describe('irc-framework over TCP (CAP LS 302, PASS, NICK, USER, CAP REQ/END)', () => {
  it('logs in, joins, receives a tagged message and sends one', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const client = new IRC.Client();
    track({
      close: async () => {
        client.removeAllListeners('close');
        if (client.connected) {
          const closed = nextEvent((fn) => client.once('close', fn), 3000, 'irc-framework close');
          client.quit();
          await closed;
        }
      },
    });
    client.requestCap(['twitch.tv/tags', 'twitch.tv/commands']);
    const registered = nextEvent<[{ nick: string }]>(
      (fn) => client.once('registered', fn),
      5000,
      'registered',
    );
    client.connect({
      host: '127.0.0.1',
      port: sim.tcpPort!,
      nick: 'bot',
      password: 'oauth:bottoken',
      auto_reconnect: false,
    });
    expect((await registered)[0].nick).toBe('bot');
    await waitFor(() => sim.connections()[0]?.caps.length === 2, 3000, 'caps negotiated');
    expect(sim.connections()[0]!.caps).toEqual(['twitch.tv/tags', 'twitch.tv/commands']);

    const joined = nextEvent<[{ channel: string; nick: string }]>(
      (fn) => client.once('join', fn),
      3000,
      'join',
    );
    client.join('#c');
    expect((await joined)[0]).toMatchObject({ channel: '#c', nick: 'bot' });

    const alice = track(await RawTcpClient.connect(sim.tcpPort!));
    await alice.login('alice', 'alicetoken');
    alice.send('JOIN #c');
    await alice.waitLine((l) => l.includes('ROOMSTATE'));
    const got = nextEvent<[MessageEvent]>((fn) => client.once('privmsg', fn), 3000, 'privmsg');
    alice.send('PRIVMSG #c :hi Kappa');
    const [msg] = await got;
    expect(msg).toMatchObject({ nick: 'alice', target: '#c', message: 'hi Kappa' });
    expect(msg.tags).toMatchObject({
      'display-name': 'Alice',
      emotes: '25:3-7',
      'room-id': '42',
      'user-id': '1002',
    });

    client.say('#c', 'hello from irc-framework');
    expect(await alice.waitLine((l) => l.includes('PRIVMSG'))).toMatch(
      /^@badge-info=;badges=;color=;display-name=Bot;.* :bot!bot@bot\.tmi\.twitch\.tv PRIVMSG #c :hello from irc-framework$/,
    );
  });
});

/**
 * twurple's ChatClient cannot be given a port: over plain TCP it always dials 6667. So the sim binds
 * 6667 on a random 127.x.y.z loopback address (Linux routes all of 127/8 to lo). With a user token
 * twurple also validates it over HTTPS at id.twitch.tv, which is unreachable here, so this test
 * logs in anonymously; it still exercises CAP LS 302, CAP REQ/END, NICK and USER.
 */
async function simOn6667(): Promise<TwitchSim | null> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const host = `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
    try {
      return track(
        await startTwitchSim({
          host,
          tcpPort: 6667,
          wsPort: false,
          accounts: ACCOUNTS,
          channels: [{ login: 'c', roomId: '42' }],
        }),
      );
    } catch {
      // Address not available (non-Linux) or port taken: try another address.
    }
  }
  return null;
}

describe('@twurple/chat 8.2 over TCP', () => {
  it('connects anonymously, joins (full ROOMSTATE) and receives a tagged message', async (ctx) => {
    const sim = await simOn6667();
    if (!sim) {
      ctx.skip();
      return;
    }
    const chat = new ChatClient({
      webSocket: false,
      ssl: false,
      hostName: sim.host,
      rejoinChannelsOnReconnect: false,
      logger: { minLevel: 'critical' },
    });
    track({
      close: async () => {
        chat.quit();
      },
    });
    const connected = nextEvent((fn) => chat.onAuthenticationSuccess(fn), 5000, 'twurple registered');
    chat.connect();
    await connected;
    expect(sim.connections()[0]).toMatchObject({
      anonymous: true,
      caps: ['twitch.tv/tags', 'twitch.tv/commands'],
    });
    await chat.join('c');
    const got = nextEvent<
      [string, string, string, { id: string; userInfo: { displayName: string; userId: string } }]
    >((fn) => chat.onMessage(fn), 3000, 'twurple message');
    const alice = track(await RawTcpClient.connect(sim.tcpPort!, sim.host));
    await alice.login('alice', 'alicetoken');
    alice.send('JOIN #c');
    await alice.waitLine((l) => l.includes('ROOMSTATE'));
    alice.send('PRIVMSG #c :hello twurple');
    const [channel, user, text, msg] = await got;
    expect([channel, user, text]).toEqual(['c', 'alice', 'hello twurple']);
    expect(msg.userInfo.displayName).toBe('Alice');
    expect(msg.userInfo.userId).toBe('1002');
    expect(msg.id).toMatch(/^[0-9a-f-]{36}$/);
  });
});
