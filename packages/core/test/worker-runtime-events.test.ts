import { describe, expect, it } from 'vitest';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import type { AppendOptions, StreamFields } from '../src/ports/stream-log.js';
import { Streams } from '../src/protocol/streams.js';
import { fromEventFields, toEventFields, type WorkerRuntimeOptions } from '../src/worker/runtime/index.js';
import { runtimeHarness } from './worker-runtime-harness.js';

/** A memory stream log whose event appends can be watched and made to fail. */
class WatchedLog extends MemoryStreamLog {
  readonly eventBatches: number[] = [];
  readonly maxLens: (number | undefined)[] = [];
  failing = false;

  override async appendMany(stream: string, entries: readonly StreamFields[], options?: AppendOptions) {
    if (stream === Streams.events) {
      if (this.failing) throw new Error('sink down');
      this.eventBatches.push(entries.length);
      this.maxLens.push(options?.maxLen);
    }
    return super.appendMany(stream, entries, options);
  }
}

function chat(channel: string, n: number): string {
  return `@badges=;id=id-${n};tmi-sent-ts=1 :u!u@u.tmi.twitch.tv PRIVMSG #${channel} :line ${n}`;
}

async function started(options: WorkerRuntimeOptions = {}) {
  const h = runtimeHarness({ streams: new WatchedLog(), options });
  await h.runtime.start();
  await h.join(['foo']);
  return { h, log: h.streams as WatchedLog };
}

describe('WorkerRuntime event stream', () => {
  it('appends every inbound line with receiver, receive time, raw line, channel, command and id', async () => {
    const { h } = await started();
    const at = h.clock.now();
    h.conn().say(chat('foo', 1));
    h.conn().say('@msg-id=slow_on :tmi.twitch.tv NOTICE #foo :Slow mode.');
    h.conn().say('PING :tmi.twitch.tv');
    await h.advance(5);
    const events = await h.events();
    // Registration and the join block came first; then the three lines above, exactly as received.
    expect(events.slice(-3)).toEqual([
      {
        line: chat('foo', 1),
        receiverId: 'w1/c1',
        receivedAt: at,
        channel: 'foo',
        command: 'PRIVMSG',
        id: 'id-1',
      },
      {
        line: '@msg-id=slow_on :tmi.twitch.tv NOTICE #foo :Slow mode.',
        receiverId: 'w1/c1',
        receivedAt: at,
        channel: 'foo',
        command: 'NOTICE',
        id: null,
      },
      {
        line: 'PING :tmi.twitch.tv',
        receiverId: 'w1/c1',
        receivedAt: at,
        channel: null,
        command: 'PING',
        id: null,
      },
    ]);
    const raw = await h.streams.range(Streams.events, '-', '+');
    expect(raw.at(-3)!.fields).toEqual({
      l: chat('foo', 1),
      r: 'w1/c1',
      t: String(at),
      c: 'foo',
      m: 'PRIVMSG',
      i: 'id-1',
    });
    expect(h.runtime.status().stats).toMatchObject({ messagesIn: 1 });
    await h.runtime.stop();
  });

  it('publishes in batches: a full batch at once, the rest after eventFlushMs, with the configured maxLen', async () => {
    const { h, log } = await started({ eventBatchSize: 500, eventFlushMs: 5, eventStreamMaxLen: 2_000 });
    await h.advance(10);
    log.eventBatches.length = 0;
    for (let i = 0; i < 1_200; i++) h.conn().say(chat('foo', i));
    await h.advance(0);
    expect(log.eventBatches).toEqual([500, 500]);
    await h.advance(5);
    expect(log.eventBatches).toEqual([500, 500, 200]);
    expect(new Set(log.maxLens)).toEqual(new Set([2_000]));
    const ids = (await h.events()).filter((e) => e.command === 'PRIVMSG').map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: 1_200 }, (_, i) => `id-${i}`));
    await h.runtime.stop();
  });

  it('keeps lines while the sink is down, drops past the cap loudly (counted, announced, in the heartbeat), recovers in order', async () => {
    const { h, log } = await started({
      eventBufferMax: 1_000,
      publishRetryMinMs: 100,
      publishRetryMaxMs: 1_000,
    });
    await h.advance(10);
    const before = (await h.events()).length;
    log.failing = true;
    for (let i = 0; i < 1_500; i++) h.conn().say(chat('foo', i));
    await h.advance(2_000);
    const status = h.runtime.status();
    expect(status.events).toMatchObject({ buffered: 1_000, dropped: 500, lastError: 'sink down' });
    expect(status.recent.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['sink-error', 'events-dropping']),
    );
    expect((await h.registry.get('worker', 'w1'))?.data).toMatchObject({
      eventsDropped: 500,
      eventsBuffered: 1_000,
    });

    log.failing = false;
    await h.advance(1_500);
    const ids = (await h.events()).slice(before).map((e) => e.id);
    expect(ids).toEqual(Array.from({ length: 1_000 }, (_, i) => `id-${i}`));
    expect(h.runtime.status().events).toMatchObject({
      buffered: 0,
      dropped: 500,
      lastError: null,
      droppingSince: null,
    });
    expect(h.runtime.status().recent.at(-1)?.kind).toBe('sink-recovered');
    await h.runtime.stop();
  });

  it('flushes buffered lines on stop', async () => {
    const { h } = await started({ eventFlushMs: 60_000 });
    h.conn().say(chat('foo', 7));
    await h.advance(10);
    expect((await h.events()).some((e) => e.id === 'id-7')).toBe(false);
    await h.runtime.stop();
    expect((await h.events()).some((e) => e.id === 'id-7')).toBe(true);
  });

  it('reads the wire format back and refuses what is not an event', () => {
    const line = { line: 'x', receiverId: 'w/c', receivedAt: 12, channel: null, command: '', id: null };
    expect(fromEventFields(toEventFields(line))).toEqual(line);
    expect(fromEventFields({ l: 'x', r: 'w/c', t: 'soon', m: 'PING' })).toBeNull();
    expect(fromEventFields({ payload: '{}' })).toBeNull();
  });
});
