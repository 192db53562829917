import tmi from 'tmi.js';
import { describe, expect, it } from 'vitest';
import type { TwitchSim } from '../src/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

/** A tmi.js 1.8.5 client pointed at the sim's WebSocket port, disconnected after the test. */
async function tmiClient(sim: TwitchSim, identity?: { username: string; password: string }) {
  const client = new tmi.Client({
    connection: { server: '127.0.0.1', port: sim.wsPort!, secure: false, reconnect: false },
    options: { skipUpdatingEmotesets: true, debug: false },
    ...(identity ? { identity } : {}),
  });
  track({
    close: async () => {
      client.removeAllListeners();
      // A RECONNECT schedules tmi.js's own connect(); disconnecting twice is harmless.
      if (client.readyState() === 'OPEN') await client.disconnect().catch(() => {});
    },
  });
  await client.connect();
  return client;
}

const many = Array.from({ length: 200 }, (_, i) => ({ login: `ch${i}` }));

describe('tmi.js 1.8.5 over WebSocket', () => {
  it('logs in, joins 200 channels (tracked by events), receives injected chat with parsed tags', async () => {
    const sim = await testSim({
      limits: { enabled: false },
      channels: [{ login: 'c', roomId: '42' }, ...many],
    });
    const client = await tmiClient(sim, { username: 'bot', password: 'oauth:bottoken' });
    expect(client.getUsername()).toBe('bot');
    const joined = new Set<string>();
    const roomstates = new Set<string>();
    client.on('join', (channel, _user, self) => {
      if (self) joined.add(channel);
    });
    client.on('roomstate', (channel) => roomstates.add(channel));
    for (const { login } of many) client.join(login).catch(() => {});
    await waitFor(() => roomstates.size === 200, 10_000, '200 ROOMSTATEs');
    expect(joined.size).toBe(200);
    expect(client.getChannels()).toHaveLength(200);
    expect(sim.connections()[0]!.channels).toHaveLength(200);

    const messages: { channel: string; tags: tmi.ChatUserstate; text: string; self: boolean }[] = [];
    client.on('message', (channel, tags, text, self) => messages.push({ channel, tags, text, self }));
    sim.inject(
      'ch7',
      '@badge-info=subscriber/8;badges=subscriber/6,premium/1;color=#0D4200;display-name=Ronni;emotes=25:0-4;first-msg=0;flags=;id=b34ccfc7-4977-403a-8a94-33c6bac34fb8;mod=0;room-id=1337;subscriber=1;tmi-sent-ts=1507246572675;turbo=0;user-id=1337;user-type= :ronni!ronni@ronni.tmi.twitch.tv PRIVMSG #ch7 :Kappa hello there',
    );
    await waitFor(() => messages.length === 1);
    const m = messages[0]!;
    expect(m).toMatchObject({ channel: '#ch7', text: 'Kappa hello there', self: false });
    expect(m.tags).toMatchObject({
      'display-name': 'Ronni',
      badges: { subscriber: '6', premium: '1' },
      'badge-info': { subscriber: '8' },
      emotes: { '25': ['0-4'] },
      id: 'b34ccfc7-4977-403a-8a94-33c6bac34fb8',
      'user-id': '1337',
      username: 'ronni',
      subscriber: true,
      mod: false,
      'message-type': 'chat',
    });
  });

  it('sends messages another client receives, and sees the sim-generated tags of others', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const client = await tmiClient(sim, { username: 'bot', password: 'oauth:bottoken' });
    const roomstate = new Promise((resolve) => client.once('roomstate', resolve));
    client.join('c').catch(() => {});
    await roomstate;
    const raw = track(await RawTcpClient.connect(sim.tcpPort!));
    await raw.login('alice', 'alicetoken');
    raw.send('JOIN #c');
    await raw.waitLine((l) => l.includes('ROOMSTATE'));
    await client.say('c', 'hello from tmi.js');
    expect(await raw.waitLine((l) => l.includes('PRIVMSG'))).toMatch(
      /;display-name=Bot;.* :bot!bot@bot\.tmi\.twitch\.tv PRIVMSG #c :hello from tmi\.js$/,
    );
    const got = new Promise<[string, tmi.ChatUserstate, string]>((resolve) =>
      client.once('message', (channel, tags, text) => resolve([channel, tags, text])),
    );
    raw.send('PRIVMSG #c :/me waves Kappa');
    const [channel, tags, text] = await got;
    expect([channel, text]).toEqual(['#c', 'waves Kappa']);
    expect(tags).toMatchObject({
      'message-type': 'action',
      'display-name': 'Alice',
      emotes: { '25': ['6-10'] },
      color: '#FF0000',
    });
  });

  it('works anonymously (justinfan), joining by the JOIN echo', async () => {
    const sim = await testSim();
    const client = await tmiClient(sim);
    expect(client.getUsername()).toMatch(/^justinfan\d+$/);
    await client.join('c');
    expect(client.getChannels()).toEqual(['#c']);
  });

  it('reports banned and suspended channels as join failures', async () => {
    const sim = await testSim({
      channels: [
        { login: 'gone', state: 'suspended' },
        { login: 'strict', banned: ['bot'] },
      ],
    });
    const client = await tmiClient(sim, { username: 'bot', password: 'oauth:bottoken' });
    const notices: string[] = [];
    client.on('notice', (_channel, msgid) => notices.push(msgid));
    await expect(client.join('gone')).rejects.toBe('msg_channel_suspended');
    await expect(client.join('strict')).rejects.toBe('msg_banned');
    expect(notices).toEqual(['msg_channel_suspended', 'msg_banned']);
  });

  it('follows a RECONNECT: disconnects, connects again and rejoins', async () => {
    const sim = await testSim();
    const client = await tmiClient(sim, { username: 'bot', password: 'oauth:bottoken' });
    await client.join('c');
    const disconnected = new Promise((resolve) => client.once('disconnected', resolve));
    const reconnected = new Promise((resolve) => client.once('connected', resolve));
    sim.faults.reconnect('all', { closeAfterMs: 500 });
    await disconnected;
    await reconnected;
    await waitFor(
      () => sim.connections().some((c) => c.state === 'open' && c.channels.includes('c')),
      5000,
      'rejoin',
    );
  });

  it('fails the login on a bad token', async () => {
    const sim = await testSim();
    const client = new tmi.Client({
      connection: { server: '127.0.0.1', port: sim.wsPort!, secure: false, reconnect: false },
      options: { skipUpdatingEmotesets: true },
      identity: { username: 'bot', password: 'oauth:wrong' },
      logger: { info() {}, warn() {}, error() {} },
    });
    await expect(client.connect()).rejects.toBe('Login authentication failed');
  });

  it('sees msg_duplicate and msg_ratelimit NOTICEs when it sends too fast', async () => {
    let now = 1_000_000;
    const sim = await testSim({ clock: () => now });
    const client = await tmiClient(sim, { username: 'bot', password: 'oauth:bottoken' });
    await client.join('c');
    const notices: string[] = [];
    client.on('notice', (_channel, msgid) => notices.push(msgid));
    // say() resolves once sent; wait for the server to have counted each one before moving the clock.
    const attempts = (n: number) => waitFor(() => sim.counters('bot').privmsgAttempts === n);
    await client.say('c', 'same text');
    await attempts(1);
    now += 1500;
    await client.say('c', 'same text').catch(() => {});
    await waitFor(() => notices.length === 1);
    now += 1500;
    await client.say('c', 'first').catch(() => {});
    await client.say('c', 'second').catch(() => {});
    await waitFor(() => notices.length === 2);
    expect(notices).toEqual(['msg_duplicate', 'msg_ratelimit']);
    expect(sim.counters('bot')).toMatchObject({ privmsgAttempts: 4, privmsgSent: 2 });
  });
});
