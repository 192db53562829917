import { describe, expect, it } from 'vitest';
import { SeriesRing } from '../ui/lib/series-ring.js';

describe('SeriesRing', () => {
  it('keeps samples oldest first as uPlot columns', () => {
    const ring = new SeriesRing(5, 2);
    ring.push(1, [10, 100]);
    ring.push(2, [20, 200]);
    expect(ring.toColumns()).toEqual([
      [1, 2],
      [10, 20],
      [100, 200],
    ]);
    expect(ring.lastTime).toBe(2);
  });

  it('never holds more than its capacity, dropping the oldest (hours of 1 Hz samples)', () => {
    const ring = new SeriesRing(900, 1);
    for (let t = 1; t <= 4 * 3600; t++) ring.push(t, [t * 2]);
    expect(ring.length).toBe(900);
    const [times, values] = ring.toColumns();
    expect(times?.[0]).toBe(4 * 3600 - 899);
    expect(times?.at(-1)).toBe(4 * 3600);
    expect(values?.[0]).toBe((4 * 3600 - 899) * 2);
    expect(times?.every((t, i) => i === 0 || t > (times[i - 1] ?? 0))).toBe(true);
  });

  it('replaces the last sample instead of going back in time', () => {
    const ring = new SeriesRing(3, 1);
    ring.push(10, [1]);
    ring.push(10, [2]);
    ring.push(9, [3]);
    expect(ring.toColumns()).toEqual([[10], [3]]);
  });

  it('trims samples before a cutoff and stores non-finite values as 0', () => {
    const ring = new SeriesRing(10, 1);
    for (let t = 1; t <= 6; t++) ring.push(t, [t === 6 ? Number.NaN : t]);
    ring.trimBefore(4);
    expect(ring.toColumns()).toEqual([
      [4, 5, 6],
      [4, 5, 0],
    ]);
    ring.trimBefore(100);
    expect(ring.length).toBe(0);
    expect(ring.lastTime).toBeNull();
  });

  it('rejects a bad capacity, column count or sample width', () => {
    expect(() => new SeriesRing(0, 1)).toThrow(RangeError);
    expect(() => new SeriesRing(3, 0)).toThrow(RangeError);
    expect(() => new SeriesRing(3, 2).push(1, [1])).toThrow(/expected 2 values/);
  });
});
