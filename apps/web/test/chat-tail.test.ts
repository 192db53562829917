import { encodeEventEntries, MemoryStreamLog, Streams } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { ChatTail } from '../src/backend/chat-tail.js';
import type { ChatLine } from '../src/backend/types.js';

let streams: MemoryStreamLog;
afterEach(() => streams?.close());

const privmsg = (channel: string, id: string, text: string, at = Date.now()) => ({
  line: `@color=;display-name=Bob;id=${id} :bob!bob@bob.tmi.twitch.tv PRIVMSG #${channel} :${text}`,
  receivedAt: at,
  receiverId: 'w1/c1',
  channel,
  command: 'PRIVMSG',
  id,
});

async function until(cond: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('ChatTail', () => {
  it('delivers each channel its own lines once (redundant copies dropped), then stops and leaves nothing pending', async () => {
    streams = new MemoryStreamLog();
    const errors: unknown[] = [];
    const tail = new ChatTail({
      streams,
      instanceId: 't',
      now: Date.now,
      blockMs: 50,
      onError: (e) => errors.push(e),
    });
    const a: ChatLine[] = [];
    const b: ChatLine[] = [];
    const stopA = tail.subscribe('a', (l) => a.push(l));
    const stopB = tail.subscribe('b', (l) => b.push(l));
    await until(() => tail.running);
    await new Promise((r) => setTimeout(r, 80)); // the group exists
    const lines = [privmsg('a', 'm1', 'one'), privmsg('b', 'm2', 'two'), privmsg('c', 'm3', 'three')];
    for (const e of encodeEventEntries(lines)) await streams.append(Streams.events, e);
    // A second receiver's copy of m1.
    for (const e of encodeEventEntries([{ ...lines[0]!, receiverId: 'w2/c1' }]))
      await streams.append(Streams.events, e);
    await until(() => a.length === 1 && b.length === 1);
    await new Promise((r) => setTimeout(r, 100));
    expect(a).toEqual([
      { id: 'm1', user: 'bob', displayName: 'Bob', text: 'one', at: lines[0]!.receivedAt, color: null },
    ]);
    expect(b.map((l) => l.text)).toEqual(['two']);
    stopA();
    stopA();
    expect(tail.running).toBe(true);
    stopB();
    await until(() => !tail.running);
    expect(tail.listenerCount).toBe(0);
    expect(await streams.pending(Streams.events, tail.group)).toEqual([]);
    expect(errors).toEqual([]);

    // What arrives while nobody watches is not replayed to the next viewer.
    for (const e of encodeEventEntries([privmsg('a', 'old', 'missed', Date.now() - 1)]))
      await streams.append(Streams.events, e);
    const again: ChatLine[] = [];
    const stop = tail.subscribe('a', (l) => again.push(l));
    await new Promise((r) => setTimeout(r, 150));
    for (const e of encodeEventEntries([privmsg('a', 'new', 'fresh', Date.now() + 5)]))
      await streams.append(Streams.events, e);
    await until(() => again.length === 1);
    expect(again[0]!.text).toBe('fresh');
    stop();
    await tail.close();
  });

  it('keeps trying while the stream is gone, and recovers', async () => {
    streams = new MemoryStreamLog();
    const errors: unknown[] = [];
    const tail = new ChatTail({
      streams,
      instanceId: 'r',
      now: Date.now,
      blockMs: 30,
      onError: (e) => errors.push(e),
    });
    const got: ChatLine[] = [];
    tail.subscribe('a', (l) => got.push(l));
    await new Promise((r) => setTimeout(r, 60));
    await streams.destroy(Streams.events); // groups go with it: reads fail with NOGROUP
    await until(() => errors.length > 0);
    const failures = errors.length;
    await new Promise((r) => setTimeout(r, 100));
    // Backs off between attempts instead of spinning.
    expect(errors.length - failures).toBeLessThan(10);
    await until(() => tail.running);
    await new Promise((r) => setTimeout(r, 100));
    for (const e of encodeEventEntries([privmsg('a', 'x', 'back', Date.now() + 5)]))
      await streams.append(Streams.events, e);
    await until(() => got.length === 1);
    await tail.close();
    expect(tail.running).toBe(false);
  });
});
