/** A seeded PRNG returning floats in [0, 1); mulberry32, small and good enough for fault dice. */
export type Prng = () => number;

export function createPrng(seed: number): Prng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A per-connection seed, so each connection's dice do not depend on how others interleave. */
export function connectionSeed(seed: number, connectionIndex: number): number {
  return (seed ^ Math.imul(connectionIndex + 1, 0x9e3779b1)) >>> 0;
}
