import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  startTraffic,
  type TrafficChannel,
  type TrafficLine,
  type TrafficSink,
  type TrafficSource,
} from '../src/traffic/index.js';

const CHANNELS: TrafficChannel[] = [{ login: 'a', roomId: '1' }];

/** A sink that records what it gets; its clock is the faked Date. */
function fakeSink(): TrafficSink & { lines: { channel: string; line: string }[] } {
  const lines: { channel: string; line: string }[] = [];
  return {
    lines,
    channels: () => CHANNELS,
    inject: (channel, line) => lines.push({ channel, line }),
    now: () => Date.now(),
  };
}

/** A source that numbers its lines and records the timestamps it was given. */
function countingSource(): TrafficSource & { stamps: number[] } {
  const stamps: number[] = [];
  let n = 0;
  return {
    stamps,
    next(now: number): TrafficLine {
      stamps.push(now);
      return { channel: 'a', kind: 'privmsg', line: `line ${n++}`, id: null };
    },
  };
}

describe('startTraffic', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('emits at the configured rate within one batch', () => {
    const sink = fakeSink();
    const h = startTraffic(sink, countingSource(), { ratePerSecond: 1000, tickMs: 10 });
    vi.advanceTimersByTime(1000);
    expect(Math.abs(h.emitted - 1000)).toBeLessThanOrEqual(10);
    vi.advanceTimersByTime(4000);
    expect(Math.abs(h.emitted - 5000)).toBeLessThanOrEqual(10);
    expect(sink.lines).toHaveLength(h.emitted);
    expect(sink.lines[0]).toEqual({ channel: 'a', line: 'line 0' });
    h.stop();
  });

  it('carries fractions, so a slow rate is exact in the long run', () => {
    const h = startTraffic(fakeSink(), countingSource(), { ratePerSecond: 3, tickMs: 15 });
    vi.advanceTimersByTime(10_000);
    expect(Math.abs(h.emitted - 30)).toBeLessThanOrEqual(1);
    h.stop();
  });

  it('stamps lines with the sink clock', () => {
    const source = countingSource();
    const h = startTraffic(fakeSink(), source, { ratePerSecond: 100 });
    vi.advanceTimersByTime(100);
    expect(source.stamps.length).toBeGreaterThan(0);
    for (const ts of source.stamps) expect(ts).toBeGreaterThan(1_000_000);
    h.stop();
  });

  it('pauses at rate 0 and follows setRate', () => {
    const h = startTraffic(fakeSink(), countingSource(), { ratePerSecond: 0 });
    vi.advanceTimersByTime(1000);
    expect(h.emitted).toBe(0);
    h.setRate(500);
    expect(h.rate).toBe(500);
    vi.advanceTimersByTime(1000);
    expect(Math.abs(h.emitted - 500)).toBeLessThanOrEqual(5);
    h.setRate(0);
    const paused = h.emitted;
    vi.advanceTimersByTime(1000);
    expect(h.emitted - paused).toBeLessThanOrEqual(1);
    h.stop();
    expect(() => h.setRate(-1)).toThrow(RangeError);
  });

  it('stop() halts and resolves done', async () => {
    const sink = fakeSink();
    const h = startTraffic(sink, countingSource(), { ratePerSecond: 1000 });
    vi.advanceTimersByTime(200);
    h.stop();
    const at = h.emitted;
    vi.advanceTimersByTime(1000);
    expect(h.emitted).toBe(at);
    expect(sink.lines).toHaveLength(at);
    await expect(h.done).resolves.toEqual({ emitted: at, reason: 'stopped' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves done after maxLines, exactly', async () => {
    const sink = fakeSink();
    const h = startTraffic(sink, countingSource(), { ratePerSecond: 10_000, maxLines: 123 });
    vi.advanceTimersByTime(100);
    await expect(h.done).resolves.toEqual({ emitted: 123, reason: 'maxLines' });
    expect(sink.lines).toHaveLength(123);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('resolves done after durationMs with rate × duration lines', async () => {
    const h = startTraffic(fakeSink(), countingSource(), { ratePerSecond: 1000, durationMs: 500 });
    vi.advanceTimersByTime(600);
    const result = await h.done;
    expect(result.reason).toBe('duration');
    expect(Math.abs(result.emitted - 500)).toBeLessThanOrEqual(1);
  });

  it('does not fire a whole backlog after a stall', () => {
    let t = 0;
    const h = startTraffic(fakeSink(), countingSource(), {
      ratePerSecond: 1000,
      maxCatchUpMs: 100,
      clock: () => t,
    });
    t = 10_000;
    vi.advanceTimersByTime(10);
    expect(h.emitted).toBe(100);
    h.stop();
  });

  it('rejects done and stops when the sink throws', async () => {
    const sink = fakeSink();
    sink.inject = () => {
      throw new Error('socket gone');
    };
    const h = startTraffic(sink, countingSource(), { ratePerSecond: 1000 });
    vi.advanceTimersByTime(50);
    await expect(h.done).rejects.toThrow('socket gone');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects bad options', () => {
    const s = countingSource();
    expect(() => startTraffic(fakeSink(), s, { ratePerSecond: -1 })).toThrow(RangeError);
    expect(() => startTraffic(fakeSink(), s, { ratePerSecond: Number.NaN })).toThrow(RangeError);
    expect(() => startTraffic(fakeSink(), s, { ratePerSecond: 1, maxLines: 1.5 })).toThrow(RangeError);
    expect(() => startTraffic(fakeSink(), s, { ratePerSecond: 1, tickMs: 0 })).toThrow(RangeError);
  });
});
