import type { Prng } from './prng.js';

/**
 * Draws indexes in proportion to fixed weights: a precomputed cumulative table and a binary search,
 * so a draw costs O(log n) (15 steps for 20,000 channels) and building costs O(n).
 */
export class CdfSampler {
  readonly #cdf: Float64Array;
  readonly #total: number;

  /** @param weights non-negative finite weights with a positive sum. */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    if (n === 0) throw new RangeError('CdfSampler needs at least one weight');
    this.#cdf = new Float64Array(n);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (!(w >= 0) || !Number.isFinite(w))
        throw new RangeError(`weight ${i} is not a finite number ≥ 0: ${w}`);
      sum += w;
      this.#cdf[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('the weights sum to 0');
    this.#total = sum;
  }

  /** Number of outcomes. */
  get size(): number {
    return this.#cdf.length;
  }

  /** The probability of outcome `i`. */
  probability(i: number): number {
    const cdf = this.#cdf;
    return ((cdf[i] ?? 0) - (i > 0 ? cdf[i - 1]! : 0)) / this.#total;
  }

  /** One draw. */
  sample(rng: Prng): number {
    const cdf = this.#cdf;
    const u = rng.float() * this.#total;
    let lo = 0;
    let hi = cdf.length - 1;
    // First index whose cumulative weight exceeds u; zero-weight outcomes are never chosen.
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cdf[mid]! > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
