import { describe, expect, it } from 'vitest';
import { ChannelEventBuffer } from '../src/channels/channel-event-buffer.js';
import { ManualClock } from '../src/clock/manual-clock.js';
import type { ChannelEventRecord } from '../src/ports/channel-store.js';
import { flakyChannelStore } from './channel-flaky-store.js';

const ev = (channel: string, at: number): ChannelEventRecord => ({
  channel,
  kind: 'joined',
  reason: null,
  workerId: 'w1',
  at,
});

describe('ChannelEventBuffer', () => {
  it('writes one batch flushMs after the first event, not before', async () => {
    const clock = new ManualClock();
    const flaky = flakyChannelStore();
    const buffer = new ChannelEventBuffer(flaky.store, { clock, flushMs: 500 });
    buffer.record([ev('a', 1)]);
    buffer.record([ev('b', 2)]);
    await clock.advanceAsync(499);
    expect(await flaky.inner.events()).toEqual([]);
    await clock.advanceAsync(1);
    expect((await flaky.inner.events()).map((e) => e.channel)).toEqual(['b', 'a']);
    expect(buffer.buffered).toBe(0);
  });

  it('keeps the events while the store is down and writes them once it is back', async () => {
    const clock = new ManualClock();
    const flaky = flakyChannelStore();
    const errors: unknown[] = [];
    const buffer = new ChannelEventBuffer(flaky.store, {
      clock,
      flushMs: 100,
      onError: (e) => errors.push(e),
    });
    flaky.down = true;
    buffer.record([ev('a', 1)]);
    await clock.advanceAsync(350);
    expect(errors.length).toBeGreaterThanOrEqual(3);
    expect(buffer.buffered).toBe(1);
    buffer.record([ev('b', 2)]);
    flaky.down = false;
    await clock.advanceAsync(100);
    expect((await flaky.inner.events()).map((e) => e.channel)).toEqual(['b', 'a']);
    expect(buffer.buffered).toBe(0);
  });

  it('drops the oldest beyond maxBuffered and counts them', async () => {
    const clock = new ManualClock();
    const flaky = flakyChannelStore();
    const buffer = new ChannelEventBuffer(flaky.store, { clock, maxBuffered: 3 });
    flaky.down = true;
    buffer.record([ev('a', 1), ev('b', 2), ev('c', 3), ev('d', 4)]);
    await clock.advanceAsync(1_000);
    buffer.record([ev('e', 5)]);
    expect(buffer.dropped).toBe(2);
    flaky.down = false;
    await buffer.close();
    expect((await flaky.inner.events()).map((e) => e.channel)).toEqual(['e', 'd', 'c']);
    buffer.record([ev('late', 6)]);
    expect(buffer.buffered).toBe(0);
  });
});
