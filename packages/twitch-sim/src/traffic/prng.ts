/**
 * A small, fast, seedable PRNG (sfc32, "Small Fast Chaotic"), so that a seed fixes every line the
 * traffic generator produces. `Math.random` cannot be seeded, and `node:crypto` is far slower than
 * a benchmark load generator can afford.
 */
export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  /** @param seed any finite number; the same seed always gives the same sequence. */
  constructor(seed: number) {
    // splitmix32 spreads a possibly tiny seed (0, 1, 2 …) over all four words of state.
    let s = (mixSeed(seed) ^ 0x9e3779b9) >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) | 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    // sfc32's first outputs are still correlated with the seed; the usual remedy is to discard some.
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer. */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A uniform float in [0, 1). */
  float(): number {
    return this.uint32() / 4294967296;
  }

  /** A uniform integer in [0, n). The modulo bias of a 32-bit draw is irrelevant for traffic. */
  int(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** A uniform integer in [min, max], both inclusive. */
  range(min: number, max: number): number {
    return min + this.int(max - min + 1);
  }

  /** True with probability `p`. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /** A uniformly chosen element; the array must not be empty. */
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

/**
 * Derives an independent seed for a sub-stream (a channel's chatter pool, a user's profile), so
 * that such state does not depend on the order in which it is first needed.
 */
export function deriveSeed(seed: number, stream: number): number {
  let h = Math.imul(mixSeed(seed) ^ 0x27d4eb2f, 0x165667b1);
  h = Math.imul(h ^ (stream >>> 0), 0x85ebca77);
  h ^= h >>> 15;
  h = Math.imul(h, 0xc2b2ae3d);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Folds a number (possibly fractional or above 2^32) into 32 bits. */
function mixSeed(seed: number): number {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 4294967296) >>> 0;
  const frac = Math.floor((seed - Math.floor(seed)) * 4294967296) >>> 0;
  return (lo ^ Math.imul(hi, 0x9e3779b1) ^ Math.imul(frac, 0x7feb352d)) >>> 0;
}
