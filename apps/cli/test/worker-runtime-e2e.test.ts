import {
  ConnectionPool,
  decodePayload,
  encodePayload,
  decodeEventEntry,
  MemoryDedupStore,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
  parseDeadLetter,
  type PoolLine,
  type SayResult,
  sayReplySchema,
  Streams,
  systemClock,
  type WorkerCommand,
  type WorkerReport,
  WorkerRuntime,
  type WorkerRuntimeOptions,
  workerReportSchema,
} from '@tmi-cluster/core';
import { startTwitchSim, type TwitchSim } from '@tmi-cluster/twitch-sim';
import { afterEach, describe, expect, it } from 'vitest';
import { tmiConnectionFactory } from '../src/irc/index.js';
import { chatLine, waitFor } from './helpers/irc-pool-harness.js';

const BOT = { login: 'runtimebot', token: 'runtimebottoken' };
const closers: (() => Promise<void>)[] = [];

afterEach(async () => {
  // Runtimes and viewers first, so their sockets close before the sim stops listening.
  for (const close of closers.splice(0).reverse()) await close();
});

/** A twitch-sim (Twitch's limits) and a WorkerRuntime on tmi.js over WebSocket with memory ports. */
async function worker(channels: string[], options: WorkerRuntimeOptions = {}) {
  const sim = await startTwitchSim({
    accounts: [{ login: BOT.login, tokens: [BOT.token], profile: 'normal' }],
    channels: channels.map((login) => ({ login })),
    limits: { enabled: true },
  });
  closers.push(() => sim.close());
  const streams = new MemoryStreamLog();
  const factory = tmiConnectionFactory({ host: '127.0.0.1', port: sim.wsPort!, secure: false });
  const runtime = new WorkerRuntime(
    {
      workerId: 'w1',
      supervisorId: 's1',
      host: 'h1',
      streams,
      registry: new MemoryRegistry(),
      limiter: new MemoryRateLimiter(),
      dedup: new MemoryDedupStore(),
      clock: systemClock,
      connections: factory,
    },
    { identity: BOT, ...options },
  );
  closers.push(() => runtime.stop());
  await runtime.start();
  let requests = 0;
  const h = {
    sim,
    runtime,
    streams,
    async command(command: WorkerCommand | Record<string, unknown>): Promise<string> {
      return streams.append(Streams.worker('w1'), encodePayload(command));
    },
    async reports(): Promise<WorkerReport[]> {
      const entries = await streams.range(Streams.reports, '-', '+');
      return entries.flatMap((e) => {
        const decoded = decodePayload(e.fields, workerReportSchema);
        return decoded.ok ? [decoded.value] : [];
      });
    },
    /** Joins as the coordinator would (with its fence) and waits for the joined reports. */
    async join(list: string[], fence = 1): Promise<void> {
      await h.command({ type: 'join', channels: list, identity: BOT.login, fence });
      await waitForAsync(
        async () => {
          const joined = new Set(
            (await h.reports()).filter((r) => r.type === 'joined').map((r) => r.channel),
          );
          return list.every((c) => joined.has(c));
        },
        `joined ${list.join(',')}`,
      );
    },
    async say(channel: string, text: string, extra: Record<string, unknown> = {}): Promise<string> {
      const requestId = `r${++requests}`;
      await h.command({
        type: 'say',
        channel,
        text,
        idempotencyKey: `key-${requestId}`,
        requestId,
        respondTo: 'app',
        ...extra,
      });
      return requestId;
    },
    async result(requestId: string): Promise<SayResult> {
      let found: SayResult | undefined;
      await waitForAsync(async () => {
        const entries = await streams.range(Streams.replies('app'), '-', '+');
        for (const e of entries) {
          const decoded = decodePayload(e.fields, sayReplySchema);
          if (decoded.ok && decoded.value.requestId === requestId) found = decoded.value.result;
        }
        return found !== undefined;
      }, `answer to ${requestId}`);
      return found!;
    },
    async events(): Promise<PoolLine[]> {
      return (await streams.range(Streams.events, '-', '+')).flatMap((e) => decodeEventEntry(e.fields)!);
    },
  };
  return h;
}

/** An anonymous viewer in `channel` on its own tmi.js connection: another client of the sim. */
async function viewer(sim: TwitchSim, channel: string): Promise<PoolLine[]> {
  const lines: PoolLine[] = [];
  let joined = false;
  const pool = new ConnectionPool({
    workerId: 'viewer',
    factory: tmiConnectionFactory({ host: '127.0.0.1', port: sim.wsPort!, secure: false }),
    rateLimiter: new MemoryRateLimiter(),
    onLine: (line) => lines.push(line),
    onReport: (report) => {
      if (report.type === 'joined') joined = true;
    },
  });
  closers.push(() => pool.close());
  pool.join({ login: 'justinfan12345', token: null }, channel);
  await waitFor(() => joined, 10_000, 'viewer joined');
  return lines;
}

async function waitForAsync(cond: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('WorkerRuntime on tmi.js against twitch-sim', () => {
  it('joins on fenced commands and publishes every injected line with receiver, receive time and the raw line', async () => {
    const h = await worker(['alpha', 'beta']);
    await h.join(['alpha', 'beta']);
    expect(
      h.sim
        .connections()
        .find((c) => c.login === BOT.login)
        ?.channels.sort(),
    ).toEqual(['alpha', 'beta']);

    const injected: string[] = [];
    const before = Date.now();
    for (let i = 0; i < 300; i++) {
      const channel = i % 2 === 0 ? 'alpha' : 'beta';
      const line = chatLine(channel, `e2e-${i}`);
      injected.push(line);
      h.sim.inject(channel, line);
    }
    await waitForAsync(
      async () => (await h.events()).filter((e) => e.command === 'PRIVMSG').length >= 300,
      '300 events',
    );
    const after = Date.now();
    const chat = (await h.events()).filter((e) => e.command === 'PRIVMSG');
    expect(chat.map((e) => e.line)).toEqual(injected);
    for (const [i, e] of chat.entries()) {
      expect(e).toMatchObject({
        receiverId: 'w1/c1',
        channel: i % 2 === 0 ? 'alpha' : 'beta',
        id: `e2e-${i}`,
      });
      expect(e.receivedAt).toBeGreaterThanOrEqual(before);
      expect(e.receivedAt).toBeLessThanOrEqual(after);
    }
    expect(h.runtime.status().events).toMatchObject({ dropped: 0, buffered: 0 });
    console.info(`e2e events: 300 injected lines → ${chat.length} events in ${after - before} ms`);
  });

  it("says: sent with the sim's message id, received by another client; a repeat within 30 s is refused locally", async () => {
    const h = await worker(['gamma']);
    await h.join(['gamma']);
    const seen = await viewer(h.sim, 'gamma');
    const delivered: string[] = [];
    h.sim.on('message', (m) => delivered.push(m.id));

    const result = await h.result(await h.say('gamma', 'hello from the cluster'));
    expect(result).toMatchObject({ status: 'sent', channel: 'gamma', parts: 1 });
    const messageId = result.status === 'sent' ? result.messageId : null;
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(delivered).toEqual([messageId]);
    await waitFor(
      () => seen.some((l) => l.command === 'PRIVMSG' && l.id === messageId),
      5_000,
      'viewer got it',
    );
    expect(seen.find((l) => l.id === messageId)?.line).toMatch(/ PRIVMSG #gamma :hello from the cluster$/);

    const repeat = await h.result(await h.say('gamma', 'hello from the cluster'));
    expect(repeat).toEqual({ status: 'rejected', channel: 'gamma', reason: 'msg_duplicate' });
    expect(h.sim.counters(BOT.login)).toMatchObject({ privmsgAttempts: 1, privmsgSent: 1 });
  });

  it('keeps a normal account within 20 PRIVMSGs per 30 s: the 21st is rate_limited, the sim counts no violation', async () => {
    const channels = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
    // Per channel the says queue and wait out the 1.2 s spacing; the account budget is never waited for.
    const h = await worker(channels, { sayMaxWaitMs: 3_000 });
    await h.join(channels);
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push(await h.say(channels[i % 7]!, `message ${i}`));
    const results = await Promise.all(ids.map((id) => h.result(id)));
    expect(results.map((r) => r.status)).toEqual(Array(20).fill('sent'));

    const start = Date.now();
    const last = await h.result(await h.say('c0', 'message 20'));
    expect(last).toMatchObject({ status: 'rate_limited', channel: 'c0' });
    expect(last.status === 'rate_limited' && last.retryAfterMs).toBeGreaterThan(25_000);
    expect(Date.now() - start).toBeLessThan(1_000);
    const counters = h.sim.counters(BOT.login);
    expect(counters).toMatchObject({ privmsgAttempts: 20, privmsgSent: 20 });
    expect(counters.violations).toEqual({
      auth: 0,
      join: 0,
      privmsg: 0,
      channelRate: 0,
      duplicate: 0,
      concurrentChannels: 0,
    });
  });

  it("answers a say in a channel that bans the bot with Twitch's msg-id; afterwards the channel is not held", async () => {
    const h = await worker(['strict']);
    await h.join(['strict']);
    // The sim drops a PRIVMSG from a banned user without a word; play Twitch's refusal, then ban.
    h.sim.on('command', (e) => {
      if (e.message?.command !== 'PRIVMSG' || e.message.params[0] !== '#strict') return;
      h.sim.injectTo(
        e.connectionId,
        '@msg-id=msg_banned :tmi.twitch.tv NOTICE #strict :You are permanently banned from talking in strict.',
      );
      h.sim.channels.ban('strict', BOT.login);
    });
    const result = await h.result(await h.say('strict', 'let me in'));
    expect(result).toEqual({ status: 'rejected', channel: 'strict', reason: 'msg_banned' });
    await waitForAsync(
      async () => (await h.reports()).some((r) => r.type === 'parted' && r.reason === 'banned'),
      'parted: banned',
    );
    expect(await h.result(await h.say('strict', 'again'))).toMatchObject({ reason: 'not_joined' });
  });

  it('dead-letters malformed command payloads and ignores a stale fence, and the loop keeps going', async () => {
    const h = await worker(['delta', 'epsilon', 'zeta']);
    await h.join(['delta'], 5);
    await h.streams.append(Streams.worker('w1'), { payload: 'not json' });
    await h.command({ type: 'join', channels: ['#Nope'], identity: BOT.login, fence: 5 });
    await h.command({ type: 'say', channel: 'delta' });
    await h.command({ type: 'part', channels: ['delta'], fence: 4 });
    await h.command({ type: 'join', channels: ['epsilon'], identity: BOT.login, fence: 3 });
    await h.join(['zeta'], 5);
    const letters = (await h.streams.range(Streams.deadLetter, '-', '+')).map((e) =>
      parseDeadLetter(e.fields),
    );
    expect(letters.map((l) => l.reason)).toEqual([
      'field "payload" is not JSON',
      expect.stringMatching(/^channels\.0: /),
      expect.stringMatching(/^text: /),
    ]);
    const held = h.sim
      .connections()
      .find((c) => c.login === BOT.login)
      ?.channels.sort();
    expect(held).toEqual(['delta', 'zeta']);
    expect(h.runtime.status().stats).toMatchObject({ deadLettered: 3, staleFence: 2 });
  });
});
