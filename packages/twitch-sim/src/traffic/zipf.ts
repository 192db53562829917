import { CdfSampler } from './cdf-sampler.js';

/**
 * Zipf-like popularity over `n` ranks: rank k (0-based) has weight 1/(k+1)^s. With s ≈ 1 a few
 * channels carry most of the chat, as on Twitch; s = 0 makes every channel equally busy.
 */
export function createZipfSampler(n: number, exponent = 1): CdfSampler {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`zipf needs n ≥ 1, got ${n}`);
  if (!Number.isFinite(exponent) || exponent < 0) {
    throw new RangeError(`zipf exponent must be a finite number ≥ 0, got ${exponent}`);
  }
  const weights = new Float64Array(n);
  for (let k = 0; k < n; k++) weights[k] = 1 / (k + 1) ** exponent;
  return new CdfSampler(weights);
}
