import { connect, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import type { TwitchSim } from '../src/index.js';
import { RawTcpClient } from './helpers/raw-client.js';
import { testSim, track } from './helpers/sim.js';
import { waitFor } from './helpers/wait-for.js';

/** A light client for thousands of sockets: it only counts lines. */
class Counter {
  lines = 0;
  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      let i = chunk.indexOf(10);
      while (i !== -1) {
        this.lines++;
        i = chunk.indexOf(10, i + 1);
      }
    });
    socket.on('error', () => {});
  }

  static open(port: number): Promise<Counter> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('error', reject);
      socket.once('connect', () => resolve(new Counter(socket)));
    });
  }
}

async function openMany(port: number, n: number): Promise<Counter[]> {
  const out: Counter[] = [];
  for (let i = 0; i < n; i += 250) {
    out.push(...(await Promise.all(Array.from({ length: Math.min(250, n - i) }, () => Counter.open(port)))));
  }
  track({
    close: async () => {
      for (const c of out) c.socket.destroy();
    },
  });
  return out;
}

/** Round-trip time of a PING from a fresh client, in ms. */
async function pingRtt(sim: TwitchSim): Promise<number> {
  const probe = track(await RawTcpClient.connect(sim.tcpPort!));
  const t0 = performance.now();
  probe.send('PING :rtt');
  await probe.waitLine((l) => l.endsWith(':rtt'), 5000);
  return performance.now() - t0;
}

describe('scale', () => {
  it('serves 2,000 TCP connections in one channel and fans out to all of them', async () => {
    const sim = await testSim({ channels: [{ login: 'big', roomId: '1' }] });
    const t0 = performance.now();
    const clients = await openMany(sim.tcpPort!, 2000);
    clients.forEach((c, i) => {
      c.socket.write(`CAP REQ :twitch.tv/tags twitch.tv/commands\r\nNICK justinfan${i}\r\nJOIN #big\r\n`);
    });
    // ACK + 7 welcome + JOIN, 353, 366, ROOMSTATE.
    await waitFor(() => clients.every((c) => c.lines === 12), 15_000, 'every client joined');
    const joinedMs = performance.now() - t0;
    expect(sim.channelsSnapshot()[0]!.connections).toBe(2000);

    const t1 = performance.now();
    for (let i = 0; i < 100; i++)
      sim.inject('big', `@id=m${i};room-id=1 :u!u@u.tmi.twitch.tv PRIVMSG #big :message number ${i}`);
    await waitFor(() => clients.every((c) => c.lines === 112), 15_000, 'every client got 100 lines');
    const fanOutMs = performance.now() - t1;
    const rtt = await pingRtt(sim);
    console.log(
      `2000 connections joined in ${joinedMs.toFixed(0)} ms; 200k lines fanned out in ${fanOutMs.toFixed(0)} ms; PING RTT ${rtt.toFixed(1)} ms`,
    );
    expect(rtt).toBeLessThan(250);
    expect(sim.groundTruth.channelCounts('big').lines).toBe(100);
  });

  it('holds 20,000 joined channels over 200 connections (limits off) and stays responsive', async () => {
    const sim = await testSim({ channels: 20_000, limits: { enabled: false } });
    const clients = await openMany(sim.tcpPort!, 200);
    const t0 = performance.now();
    clients.forEach((c, i) => {
      const list = Array.from({ length: 100 }, (_, k) => `#channel${i * 100 + k}`).join(',');
      c.socket.write(
        `CAP REQ :twitch.tv/tags twitch.tv/commands twitch.tv/membership\r\nPASS oauth:bottoken\r\nNICK bot\r\nJOIN ${list}\r\n`,
      );
    });
    // ACK + 7 welcome + GLOBALUSERSTATE + 100 × (JOIN, 353, 366, USERSTATE, ROOMSTATE).
    await waitFor(() => clients.every((c) => c.lines === 509), 15_000, 'every channel joined');
    const joinedMs = performance.now() - t0;
    expect(sim.counters('bot')).toMatchObject({ concurrentChannels: 20_000, joinAttempts: 20_000 });

    const t1 = performance.now();
    for (let i = 0; i < 20_000; i++)
      sim.inject(`channel${i}`, `@id=x${i} :u!u@u.tmi.twitch.tv PRIVMSG #channel${i} :hi`);
    await waitFor(() => clients.every((c) => c.lines === 609), 15_000, 'a line in every channel');
    const injectMs = performance.now() - t1;
    const rtt = await pingRtt(sim);
    console.log(
      `20k channels joined in ${joinedMs.toFixed(0)} ms; 20k injections delivered in ${injectMs.toFixed(0)} ms; PING RTT ${rtt.toFixed(1)} ms`,
    );
    expect(rtt).toBeLessThan(250);
  });
});
