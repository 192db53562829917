import { describe, expect, it } from 'vitest';
import { CdfSampler, createZipfSampler, Prng, uuidV4 } from '../src/traffic/index.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('Prng', () => {
  it('repeats a sequence for a seed and differs between seeds', () => {
    const a = new Prng(7);
    const b = new Prng(7);
    const c = new Prng(8);
    const sa = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa);
  });

  it('gives floats in [0, 1) with a mean near 0.5', () => {
    const rng = new Prng(1);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < 100_000; i++) {
      const f = rng.float();
      if (!(f >= 0 && f < 1)) outside++;
      sum += f;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / 100_000 - 0.5)).toBeLessThan(0.01);
  });

  it('rejects a non-finite seed', () => {
    expect(() => new Prng(Number.NaN)).toThrow(RangeError);
  });
});

describe('uuidV4', () => {
  it('is v4-shaped, reproducible and unique', () => {
    const ids = Array.from(
      { length: 10_000 },
      (
        (rng) => () =>
          uuidV4(rng)
      )(new Prng(3)),
    );
    for (const id of ids) expect(id).toMatch(UUID_V4);
    expect(new Set(ids).size).toBe(ids.length);
    expect(uuidV4(new Prng(3))).toBe(ids[0]);
  });
});

describe('zipf sampler', () => {
  it('gives rank k the weight 1/(k+1)^s', () => {
    const z = createZipfSampler(100, 1.2);
    expect(z.probability(0) / z.probability(1)).toBeCloseTo(2 ** 1.2, 10);
    const uniform = createZipfSampler(10, 0);
    expect(uniform.probability(9)).toBeCloseTo(0.1, 10);
  });

  it('favours the top rank over the median, yet reaches every rank', () => {
    const n = 50;
    const z = createZipfSampler(n, 1);
    const rng = new Prng(11);
    const counts = new Array<number>(n).fill(0);
    for (let i = 0; i < 200_000; i++) counts[z.sample(rng)]!++;
    const sorted = [...counts].sort((a, b) => a - b);
    const median = sorted[n / 2]!;
    expect(counts[0]!).toBeGreaterThan(10 * median);
    expect(counts.every((c) => c > 0)).toBe(true);
  });

  it('handles 20,000 channels', () => {
    const z = createZipfSampler(20_000, 1);
    const rng = new Prng(5);
    let max = 0;
    for (let i = 0; i < 100_000; i++) max = Math.max(max, z.sample(rng));
    expect(max).toBeGreaterThan(15_000);
    expect(max).toBeLessThan(20_000);
  });

  it('never draws a zero weight and rejects bad weights', () => {
    const s = new CdfSampler([0, 1, 0, 1]);
    const rng = new Prng(2);
    for (let i = 0; i < 1000; i++) expect([1, 3]).toContain(s.sample(rng));
    expect(() => new CdfSampler([])).toThrow(RangeError);
    expect(() => new CdfSampler([0, 0])).toThrow(RangeError);
    expect(() => new CdfSampler([1, -1])).toThrow(RangeError);
    expect(() => createZipfSampler(0)).toThrow(RangeError);
  });
});
