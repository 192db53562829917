import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RawTcpClient, RawWsClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

describe('bad input from clients', () => {
  it('ignores garbage, NUL bytes, empty lines and tag-only lines before login, then logs in normally', async () => {
    const sim = await testSim();
    const c = track(await RawTcpClient.connect(sim.tcpPort!));
    c.write(Buffer.from([0xff, 0xfe, 0x00, 0x0d, 0x0a, 0x80, 0x81, 0x0a]));
    c.write('\r\n\r\n   \r\n@a=b\r\n:prefix.only\r\n@a=b :src\r\nPRIVMSG #c :early\r\nJOIN\r\nPART #c\r\n');
    c.write('NICK b\0t\r\n');
    c.write('PASS oauth:bottoken\r\nNICK bot\r\n');
    await c.waitLine((l) => l.endsWith(' 376 bot :>'));
    expect(c.lines[0]).toBe(':tmi.twitch.tv 001 bot :Welcome, GLHF!');
  });

  it('answers garbage after login with 421 where it has a command, and keeps going', async () => {
    const sim = await testSim();
    const c = track(await RawTcpClient.connect(sim.tcpPort!));
    await c.login('bot', 'bottoken', '');
    c.skipAll();
    c.write(
      '\x01\x02\x03\r\nJOIN #Caps,#bad-name,,#,nohash\r\nJOIN\r\nPART\r\nPRIVMSG\r\nPRIVMSG #c\r\nPRIVMSG #c :\r\nCAP\r\nCAP REQ\r\n',
    );
    await c.sync();
    expect(c.rest()).toEqual([
      ':tmi.twitch.tv 421 bot \x01\x02\x03 :Unknown command',
      ':tmi.twitch.tv PONG tmi.twitch.tv :sync',
    ]);
    expect(sim.connections()[0]!.channels).toEqual([]);
  });

  it('discards lines over maxLineBytes and keeps the connection (TCP and WebSocket)', async () => {
    const sim = await testSim({ maxLineBytes: 8192 });
    const tcp = track(await RawTcpClient.connect(sim.tcpPort!));
    await tcp.login('bot', 'bottoken', '');
    tcp.skipAll();
    tcp.write(`PRIVMSG #c :${'x'.repeat(9000)}\r\n`);
    tcp.write(`PING ${'y'.repeat(8187)}\r\n`); // exactly 8192 bytes: accepted
    tcp.write(`PING ${'z'.repeat(8188)}\r\n`); // 8193 bytes: discarded
    // A line without end, far longer than the cap, in many chunks: memory stays bounded.
    for (let i = 0; i < 64; i++) tcp.write('w'.repeat(16 * 1024));
    tcp.write('\r\n');
    await tcp.sync();
    expect(tcp.rest().map((l) => l.length)).toEqual([
      ':tmi.twitch.tv PONG tmi.twitch.tv :'.length + 8187,
      39,
    ]);
    expect(sim.connections()[0]!.oversizedLines).toBe(3);

    const ws = track(await RawWsClient.connect(sim.wsUrl!));
    ws.write(`PING ${'x'.repeat(9000)}\r\nPING ok`);
    expect(await ws.take(1)).toEqual([':tmi.twitch.tv PONG tmi.twitch.tv :ok']);
  });

  it('survives a client reset (ECONNRESET) and clients vanishing mid-line', async () => {
    const sim = await testSim();
    const survivor = track(await RawTcpClient.connect(sim.tcpPort!));
    await survivor.login('alice', 'alicetoken');
    survivor.send('JOIN #c');
    await survivor.waitLine((l) => l.includes('ROOMSTATE'));
    for (let i = 0; i < 5; i++) {
      const { connect } = await import('node:net');
      const socket = connect(sim.tcpPort!, '127.0.0.1');
      socket.on('error', () => {});
      await new Promise((resolve) => socket.once('connect', resolve));
      socket.write('PASS oauth:bottoken\r\nNICK bot\r\nJOIN #c\r\nPRIVMSG #c :half a li');
      await waitFor(() => sim.connections().some((c) => c.login === 'bot' && c.channels.length === 1));
      socket.resetAndDestroy();
      await waitFor(() => sim.connections().length === 1);
    }
    await survivor.sync();
    expect(survivor.closed).toBe(false);
    expect(sim.channelsSnapshot().find((c) => c.login === 'c')).toMatchObject({ connections: 1, users: 1 });
  });

  it('never crashes on random lines (property)', async () => {
    const sim = await testSim({ limits: { enabled: false }, createChannelsOnJoin: true });
    const c = track(await RawTcpClient.connect(sim.tcpPort!));
    await c.login('bot', 'bottoken');
    const watcher = track(await RawTcpClient.connect(sim.tcpPort!));
    await watcher.login('justinfan1', null);
    const commands = fc.constantFrom(
      'PRIVMSG',
      'JOIN',
      'PART',
      'CAP',
      'PING',
      'PONG',
      'NICK',
      'PASS',
      'USER',
      'X',
    );
    const word = fc.string({ unit: 'binary', maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, ''));
    const line = fc.oneof(
      fc.tuple(commands, fc.array(word, { maxLength: 4 })).map(([cmd, params]) => [cmd, ...params].join(' ')),
      fc
        .tuple(word, commands, fc.constantFrom('#c', '#d', '#x,#y', ''), word)
        .map(([tags, cmd, target, text]) => `@${tags} ${cmd} ${target} :${text}`),
      fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replace(/[\r\n]/g, '')),
    );
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 10 }), async (lines) => {
        if (c.closed) return;
        for (const l of lines) if (!/^QUIT/i.test(l)) c.send(l);
        await c.sync(`r${run++}`);
      }),
      { numRuns: 60, seed: 42 },
    );
    await watcher.sync();
    expect(sim.connections().length).toBe(2);
  });
});
