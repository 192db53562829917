import { describe, expect, it } from 'vitest';
import { parseLine } from '../src/irc/index.js';
import { GroundTruth } from '../src/sim/ground-truth.js';
import { outLine } from '../src/sim/out-line.js';
import { RawTcpClient, RawWsClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

describe('ground truth', () => {
  it('matches, line for line, what raw clients received', async () => {
    const sim = await testSim({ recordLines: true, limits: { enabled: false } });
    const full = track(await RawTcpClient.connect(sim.tcpPort!));
    const bare = track(await RawWsClient.connect(sim.wsUrl!));
    const anon = track(await RawTcpClient.connect(sim.tcpPort!));
    await full.login('bot', 'bottoken');
    await bare.login('alice', 'alicetoken', '');
    await anon.login('justinfan5', null, 'twitch.tv/tags twitch.tv/commands');
    for (const c of [full, bare, anon]) c.send('JOIN #c,#d');
    await waitFor(() => sim.channelsSnapshot().every((c) => c.connections === 3));
    for (let i = 0; i < 50; i++) {
      sim.inject(
        i % 2 ? 'c' : 'd',
        `@id=inj${i};room-id=1 :u!u@u.tmi.twitch.tv PRIVMSG #${i % 2 ? 'c' : 'd'} :line ${i}`,
      );
      if (i % 10 === 0) sim.inject('c', `@room-id=1;tmi-sent-ts=${i} :tmi.twitch.tv CLEARCHAT #c`);
    }
    bare.send('PRIVMSG #c :from alice');
    full.send('PRIVMSG #d :from bot');
    await waitFor(() => sim.groundTruth.channelCounts('c').byCommand.PRIVMSG === 26);
    for (const c of [full, bare, anon]) {
      c.send('PING end');
      await c.waitLine((l) => l.endsWith(':end'));
    }

    const ids = sim.connections().map((c) => c.id);
    for (const [i, client] of [full, bare, anon].entries()) {
      const id = ids[i]!;
      expect(sim.groundTruth.linesTo(id)).toEqual(client.lines);
      const counts = sim.connectionCounters(id);
      expect(counts.lines).toBe(client.lines.length);
      const byCommand: Record<string, number> = {};
      for (const line of client.lines) {
        const cmd = parseLine(line).command;
        byCommand[cmd] = (byCommand[cmd] ?? 0) + 1;
      }
      expect(counts.byCommand).toEqual(byCommand);
    }
    // Every message id emitted to #c reached the full-caps client, in order, once.
    const cIds = full.lines.filter((l) => l.includes('PRIVMSG #c')).map((l) => parseLine(l).tags.id);
    expect(sim.groundTruth.messageIds('c')).toEqual(cIds);
    expect(cIds).toHaveLength(26);
    expect(new Set(cIds).size).toBe(26);
    // The bare client (no caps) saw no CLEARCHAT and no membership lines, and no tags at all.
    expect(bare.lines.some((l) => l.startsWith('@') || l.includes('CLEARCHAT'))).toBe(false);
    const log = sim.groundTruth.log({ channel: '#c', command: 'CLEARCHAT' });
    expect(log.map((e) => e.connectionId).sort()).toEqual(
      [ids[0], ids[0], ids[0], ids[0], ids[0], ids[2], ids[2], ids[2], ids[2], ids[2]].sort(),
    );
    expect(sim.groundTruth.channelCounts('c').byCommand.CLEARCHAT).toBe(5);
    const totals = sim.groundTruth.totals();
    expect(totals.lines).toBe(full.lines.length + bare.lines.length + anon.lines.length);

    sim.reset();
    expect(sim.groundTruth.totals().lines).toBe(0);
    expect(sim.groundTruth.messageIds('c')).toEqual([]);
    expect(sim.counters('bot').privmsgAttempts).toBe(0);
    expect(sim.connections()[0]!.linesReceived).toBe(0);
  });

  it('keeps counting (without a log) when lines are not recorded', async () => {
    const sim = await testSim();
    const c = track(await RawTcpClient.connect(sim.tcpPort!));
    await c.login('bot', 'bottoken');
    c.send('JOIN #c');
    await c.waitLine((l) => l.includes('ROOMSTATE'));
    for (let i = 0; i < 10; i++) sim.inject('c', `@id=x${i} :u!u@u.tmi.twitch.tv PRIVMSG #c :${i}`);
    await waitFor(() => c.lines.length === 9 + 5 + 10);
    const id = sim.connections()[0]!.id;
    expect(sim.connectionCounters(id).lines).toBe(c.lines.length);
    expect(sim.groundTruth.linesTo(id)).toEqual([]);
    expect(sim.groundTruth.channelCounts('c')).toMatchObject({ lines: 11, messageIds: [] });
    expect(sim.connection(id)!.bytesWritten).toBe(Buffer.byteLength(c.raw));
  });

  it('keeps the records of the last 1,000 closed connections; totals count every connection', () => {
    const truth = new GroundTruth(false, () => 0);
    const privmsg = outLine('', ':u!u@u.tmi.twitch.tv PRIVMSG #c :hi', 'PRIVMSG', 'c', 0);
    for (let i = 1; i <= 1001; i++) {
      const rec = truth.connection(`c${i}`);
      truth.delivered(rec, 'line', privmsg);
      truth.closed(`c${i}`);
    }
    const open = truth.connection('c1002');
    truth.delivered(open, 'line', privmsg);
    expect(truth.connectionCounts('c1')).toEqual({ lines: 0, byCommand: {} });
    expect(truth.connectionCounts('c2')).toEqual({ lines: 1, byCommand: { PRIVMSG: 1 } });
    expect(truth.connectionCounts('c1002').lines).toBe(1);
    expect(truth.totals()).toEqual({ lines: 1002, byCommand: { PRIVMSG: 1002 } });
    truth.reset();
    expect(truth.totals()).toEqual({ lines: 0, byCommand: {} });
    expect(truth.connectionCounts('c2').lines).toBe(0);
  });
});
