import { describe, expect, it } from 'vitest';
import { WorkerView } from '../src/distributor/worker-view.js';
import type { DedupStore } from '../src/ports/dedup-store.js';
import { parseDeadLetter } from '../src/protocol/dead-letter.js';
import { Groups, Streams } from '../src/protocol/streams.js';
import { BOT, runtimeHarness } from './worker-runtime-harness.js';

describe('WorkerRuntime command loop', () => {
  it('executes join and part from the coordinator, reports to Streams.reports and acknowledges after execution', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.join(['foo', 'bar'], 3);
    expect(h.twitch.joinedChannels()).toEqual(['foo', 'bar']);
    const joined = (await h.reports()).filter((r) => r.type === 'joined');
    expect(joined.map((r) => r.channel)).toEqual(['foo', 'bar']);
    expect(joined[0]).toMatchObject({ workerId: 'w1', connectionId: 'c1' });
    expect(await h.pending()).toBe(0);

    await h.command({ type: 'part', channels: ['foo'], fence: 3 });
    await h.advance(10);
    expect(h.twitch.lines('PART ').map((s) => s.line)).toEqual(['PART #foo']);
    expect((await h.reports()).filter((r) => r.type === 'parted')).toMatchObject([
      { channel: 'foo', reason: 'requested' },
    ]);
    expect(h.runtime.status().pool).toMatchObject({ wanted: 1, confirmed: 1 });
    // A repeated join is idempotent: no second JOIN line, the channel is reported joined again.
    await h.join(['bar'], 3);
    expect(h.twitch.joinedChannels()).toEqual(['foo', 'bar']);
    expect((await h.reports()).filter((r) => r.type === 'joined' && r.channel === 'bar')).toHaveLength(2);
    await h.runtime.stop();
  });

  it('dead-letters malformed entries with the reason, acknowledges them and keeps going', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    const bad = [
      await h.rawEntry({ nonsense: 'x' }),
      await h.rawEntry({ payload: '{not json' }),
      await h.command({ type: 'join', channels: ['UPPER'], identity: 'bot', fence: 1 }),
      await h.command({ type: 'explode' }),
      await h.command({
        type: 'say',
        channel: 'foo',
        text: '',
        idempotencyKey: 'k',
        requestId: 'r',
        respondTo: 'a',
      }),
    ];
    await h.join(['foo']);
    const letters = await h.deadLetters();
    expect(letters.map((l) => l.id)).toEqual(bad);
    expect(letters.every((l) => l.stream === Streams.worker('w1'))).toBe(true);
    expect(letters[0]!.reason).toBe('missing field "payload"');
    expect(letters[1]!.reason).toBe('field "payload" is not JSON');
    expect(letters[2]!.reason).toMatch(/^channels\.0: must be a lowercase Twitch login/);
    expect(letters[4]!.reason).toMatch(/^text: /);
    expect(letters[1]!.fields).toEqual({ payload: '{not json' });
    // The loop went on: the join after them was executed, and nothing is left pending.
    expect(h.twitch.joinedChannels()).toEqual(['foo']);
    expect(await h.pending()).toBe(0);
    expect(h.runtime.status().stats.deadLettered).toBe(5);
    await h.runtime.stop();
  });

  it('ignores join, part and drained from a deposed coordinator (lower fence)', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.join(['foo'], 5);
    await h.command({ type: 'part', channels: ['foo'], fence: 4 });
    await h.command({ type: 'join', channels: ['old'], identity: 'bot', fence: 2 });
    await h.advance(10);
    expect(h.twitch.lines('PART ')).toHaveLength(0);
    expect(h.twitch.joinedChannels()).toEqual(['foo']);
    expect(h.runtime.status().stats.staleFence).toBe(2);
    expect(h.runtime.status().commands.highestFence).toBe(5);
    expect(await h.pending()).toBe(0);
    // The new coordinator's own commands still work, and a higher fence raises the bar.
    await h.command({ type: 'part', channels: ['foo'], fence: 6 });
    await h.command({ type: 'join', channels: ['late'], identity: 'bot', fence: 5 });
    await h.advance(2_000);
    expect(h.twitch.lines('PART ').map((s) => s.line)).toEqual(['PART #foo']);
    expect(h.twitch.joinedChannels()).toEqual(['foo']);
    expect((await h.registry.get('worker', 'w1'))?.data.fence).toBe(6);
    await h.runtime.stop();
  });

  it('re-executes what a previous run with the same id left unacknowledged, and remembers its fence', async () => {
    const h = runtimeHarness();
    const stream = Streams.worker('w1');
    await h.streams.ensureGroup(stream, Groups.worker, 'start');
    await h.command({ type: 'join', channels: ['one'], identity: 'bot', fence: 7 });
    await h.command({ type: 'join', channels: ['two'], identity: 'bot', fence: 6 });
    // The previous run read both, then died before acknowledging.
    await h.streams.readGroup(stream, Groups.worker, 'w1', { count: 10, blockMs: 0 });
    await h.registry.heartbeat(
      { kind: 'worker', id: 'w1', host: 'h1', state: 'ready', startedAt: 0, data: { fence: 7 } },
      10_000,
    );
    await h.runtime.start();
    await h.advance(10);
    expect(h.twitch.joinedChannels()).toEqual(['one']);
    expect(h.runtime.status().stats.staleFence).toBe(1);
    expect(await h.pending()).toBe(0);
    await h.runtime.stop();
  });

  it('sends raw lines on its identity and refuses another identity', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.join(['foo']);
    await h.command({ type: 'raw', line: 'PRIVMSG #foo :raw hello' });
    await h.command({ type: 'raw', line: 'PING :x', identity: 'bot' });
    const foreign = await h.command({ type: 'raw', line: 'PING :y', identity: 'someoneelse' });
    await h.advance(10);
    expect(h.twitch.sent.map((s) => s.line)).toEqual(
      expect.arrayContaining(['PRIVMSG #foo :raw hello', 'PING :x']),
    );
    expect(h.twitch.sent.some((s) => s.line === 'PING :y')).toBe(false);
    expect(await h.deadLetters()).toMatchObject([
      { id: foreign, reason: 'identity "someoneelse" is not this worker\'s ("bot")' },
    ]);
    expect(h.runtime.status().stats.messagesOut).toBe(1);
    await h.runtime.stop();
  });

  it('retries a command whose execution failed after commandRetryIdleMs, then dead-letters it after maxDeliveries', async () => {
    let claims = 0;
    const broken: DedupStore = {
      claim: async () => {
        claims++;
        throw new Error('dedup store down');
      },
      claimAll: async () => {
        throw new Error('dedup store down');
      },
    };
    const h = runtimeHarness({ dedup: broken, options: { commandRetryIdleMs: 2_000, maxDeliveries: 3 } });
    await h.runtime.start();
    await h.join(['foo']);
    const id = await h.command({
      type: 'say',
      channel: 'foo',
      text: 'hello',
      idempotencyKey: 'k1',
      requestId: 'r1',
      respondTo: 'app',
    });
    await h.advance(10);
    expect(claims).toBe(1);
    expect(await h.pending()).toBe(1);
    for (let i = 0; i < 4; i++) await h.advance(2_500);
    // Deliveries 1, 2, 3 executed and failed; the 4th is over maxDeliveries: dead-lettered.
    expect(claims).toBe(3);
    expect(await h.deadLetters()).toMatchObject([{ id, reason: 'not executed after 3 deliveries' }]);
    expect(await h.pending()).toBe(0);
    expect(await h.replies()).toEqual([]);
    await h.runtime.stop();
  });

  it('heartbeats a record the coordinator can place on', async () => {
    const h = runtimeHarness({ options: { capacity: 300 } });
    await h.runtime.start();
    await h.join(['foo', 'bar']);
    await h.advance(2_000);
    const record = (await h.registry.get('worker', 'w1'))!;
    expect(record).toMatchObject({
      kind: 'worker',
      id: 'w1',
      supervisorId: 's1',
      host: 'h1',
      state: 'ready',
    });
    expect(record.data).toMatchObject({
      capacity: 300,
      identity: BOT.login,
      host: 'h1',
      channels: 2,
      wanted: 2,
      connections: 1,
      memory: 4_096,
      eventLoopLagMs: 3,
      eventsDropped: 0,
      fence: 1,
    });
    const view = new WorkerView();
    expect(view.update(await h.registry.list('worker')).size).toBe(0);
    expect(view.eligible()).toMatchObject([{ id: 'w1', identity: 'bot', capacity: 300, state: 'ready' }]);
    await h.runtime.stop();
    expect(await h.registry.get('worker', 'w1')).toBeNull();
  });

  it('writes dead letters in the shape every role shares (flat, original fields as JSON)', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.rawEntry({ payload: '[]' });
    await h.advance(10);
    const [entry] = await h.streams.range(Streams.deadLetter, '-', '+');
    expect(Object.keys(entry!.fields).sort()).toEqual(['fields', 'id', 'reason', 'stream']);
    expect(parseDeadLetter(entry!.fields)).toMatchObject({
      stream: Streams.worker('w1'),
      fields: { payload: '[]' },
    });
    await h.runtime.stop();
  });
});
