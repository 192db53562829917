import { describe, expect, it } from 'vitest';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import type { AppendOptions, StreamFields } from '../src/ports/stream-log.js';
import { Streams } from '../src/protocol/streams.js';
import {
  decodeEventEntry,
  encodeEventEntries,
  fromEventFields,
  toEventFields,
  type WorkerRuntimeOptions,
} from '../src/worker/runtime/index.js';
import { runtimeHarness } from './worker-runtime-harness.js';

/** A memory stream log whose event appends can be watched and made to fail. */
class WatchedLog extends MemoryStreamLog {
  readonly eventBatches: number[] = [];
  readonly maxLens: (number | undefined)[] = [];
  failing = false;

  override async appendMany(stream: string, entries: readonly StreamFields[], options?: AppendOptions) {
    if (stream === Streams.events) {
      if (this.failing) throw new Error('sink down');
      this.eventBatches.push(entries.reduce((n, e) => n + Number(e['n'] ?? 1), 0));
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
    // The three lines went out as one batch entry: raw lines and their headers, in order.
    const raw = await h.streams.range(Streams.events, '-', '+');
    expect(raw.at(-1)!.fields).toEqual({
      n: '3',
      l: [
        chat('foo', 1),
        '@msg-id=slow_on :tmi.twitch.tv NOTICE #foo :Slow mode.',
        'PING :tmi.twitch.tv',
      ].join('\n'),
      h: [`${at} w1/c1 foo PRIVMSG id-1`, `${at} w1/c1 foo NOTICE `, `${at} w1/c1  PING `].join('\n'),
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

  it('packs lines into batch entries that read back exactly, a line with its own LF alone', () => {
    const at = (line: string, id: string | null, channel: string | null = 'foo') => ({
      line,
      receiverId: 'w1/c2',
      receivedAt: 1_700_000_000_123,
      channel,
      command: line.startsWith('PING') ? 'PING' : 'PRIVMSG',
      id,
    });
    const lines = [
      at('@id=a :u!u@u PRIVMSG #foo :hi', 'a'),
      at('@id=b :u!u@u PRIVMSG #foo :two\nlines', 'b'),
      at('PING :tmi.twitch.tv', null, null),
      at('@id=c :u!u@u PRIVMSG #foo :ünïcödé 🎉', 'c'),
    ];
    const entries = encodeEventEntries(lines);
    expect(entries.map((e) => e['n'] ?? 'single')).toEqual(['1', 'single', '2']);
    expect(entries.flatMap((e) => decodeEventEntry(e)!)).toEqual(lines);
    // A column that would break the framing is written empty, the raw line stays exact.
    const odd = { ...lines[0]!, id: 'has space' };
    expect(decodeEventEntry(encodeEventEntries([odd])[0]!)).toEqual([{ ...odd, id: null }]);
  });

  it('refuses batch entries whose counts or headers do not add up', () => {
    const ok = { n: '2', l: 'a\nb', h: '1 w/c foo PRIVMSG x\n2 w/c foo PRIVMSG y' };
    expect(decodeEventEntry(ok)).toHaveLength(2);
    expect(decodeEventEntry({ ...ok, n: '3' })).toBeNull();
    expect(decodeEventEntry({ ...ok, n: 'two' })).toBeNull();
    expect(decodeEventEntry({ ...ok, n: '0', l: '', h: '' })).toBeNull();
    expect(decodeEventEntry({ ...ok, l: 'a' })).toBeNull();
    expect(decodeEventEntry({ ...ok, h: '1 w/c foo PRIVMSG\n2 w/c foo PRIVMSG y' })).toBeNull();
    expect(decodeEventEntry({ ...ok, h: '-1 w/c foo PRIVMSG x\n2 w/c foo PRIVMSG y' })).toBeNull();
    expect(decodeEventEntry({ ...ok, h: ' w/c foo PRIVMSG x\n2 w/c foo PRIVMSG y' })).toBeNull();
    expect(decodeEventEntry({ n: '1', l: 'a' })).toBeNull();
  });
});
