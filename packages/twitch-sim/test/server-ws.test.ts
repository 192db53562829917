import { describe, expect, it } from 'vitest';
import { RawTcpClient, RawWsClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';

describe('WebSocket transport', () => {
  it('echoes the irc subprotocol and accepts frames with and without CRLF', async () => {
    const sim = await testSim();
    const c = track(await RawWsClient.connect(sim.wsUrl!));
    expect(c.ws.protocol).toBe('irc');
    c.write('CAP REQ :twitch.tv/tags twitch.tv/commands');
    c.write('PASS oauth:bottoken\r\n');
    c.write('NICK bot');
    await c.take(9);
    expect(c.lines[0]).toBe(':tmi.twitch.tv CAP * ACK :twitch.tv/tags twitch.tv/commands');
    expect(c.lines[8]).toMatch(/GLOBALUSERSTATE$/);
    // Server lines come CRLF-terminated, several per frame.
    expect(c.frames.every((f) => f.endsWith('\r\n'))).toBe(true);
    expect(c.frames.length).toBeLessThan(c.lines.length);
  });

  it('takes several lines from one client frame, the last one with or without CRLF', async () => {
    const sim = await testSim();
    const c = track(await RawWsClient.connect(sim.wsUrl!));
    c.write('PASS oauth:bottoken\r\nNICK bot\r\nJOIN #c\r\nPING a\r\nPING b');
    await c.take(12);
    expect(c.lines.slice(7)).toEqual([
      ':bot!bot@bot.tmi.twitch.tv JOIN #c',
      ':bot.tmi.twitch.tv 353 bot = #c :bot',
      ':bot.tmi.twitch.tv 366 bot #c :End of /NAMES list',
      ':tmi.twitch.tv PONG tmi.twitch.tv :a',
      ':tmi.twitch.tv PONG tmi.twitch.tv :b',
    ]);
    c.write('PING c\nPING d\r\n');
    expect(await c.take(2)).toEqual([
      ':tmi.twitch.tv PONG tmi.twitch.tv :c',
      ':tmi.twitch.tv PONG tmi.twitch.tv :d',
    ]);
  });

  it('sends one line per frame when frame packing is off', async () => {
    const sim = await testSim({ wsFrameMaxBytes: 0 });
    const c = track(await RawWsClient.connect(sim.wsUrl!));
    c.write('PASS oauth:bottoken\r\nNICK bot');
    await c.take(7);
    expect(c.frames).toEqual(c.lines.map((l) => `${l}\r\n`));
  });

  it('refuses a client that offers only other subprotocols (no protocol is echoed)', async () => {
    const sim = await testSim();
    await expect(RawWsClient.connect(sim.wsUrl!, 'chat')).rejects.toThrow(/subprotocol/);
    // Without any subprotocol, the connection works.
    const c = track(await RawWsClient.connect(sim.wsUrl!, []));
    c.write('PING');
    expect(await c.take(1)).toEqual(['PONG :tmi.twitch.tv']);
  });

  it('serves TCP and WebSocket clients in the same channel', async () => {
    const sim = await testSim({ limits: { enabled: false } });
    const ws = track(await RawWsClient.connect(sim.wsUrl!));
    await ws.login('alice', 'alicetoken');
    ws.send('JOIN #c');
    await ws.waitLine((l) => l.includes('ROOMSTATE'));
    const tcp = track(await RawTcpClient.connect(sim.tcpPort!));
    await tcp.login('bot', 'bottoken');
    tcp.send('JOIN #c');
    await tcp.waitLine((l) => l.includes('ROOMSTATE'));
    sim.inject('c', ':tmi.twitch.tv NOTICE #c :both');
    expect(await ws.waitLine((l) => l.includes('both'))).toBe(':tmi.twitch.tv NOTICE #c :both');
    expect(await tcp.waitLine((l) => l.includes('both'))).toBe(':tmi.twitch.tv NOTICE #c :both');
    tcp.send('PRIVMSG #c :over tcp');
    expect(await ws.waitLine((l) => l.includes('PRIVMSG'))).toMatch(
      /:bot!bot@bot.tmi.twitch.tv PRIVMSG #c :over tcp$/,
    );
    expect(sim.connections().map((c) => c.transport)).toEqual(['ws', 'tcp']);
  });
});
