/**
 * Delay before the next connection attempt after `failures` consecutive failures (≥ 1):
 * `minMs · 2^(failures−1)`, capped at `maxMs`, plus up to 50 % jitter (still capped) so that
 * many workers cut off at once do not all come back in the same instant.
 */
export function backoffDelay(failures: number, minMs: number, maxMs: number, random: () => number): number {
  const base = Math.min(maxMs, minMs * 2 ** Math.max(0, failures - 1));
  return Math.min(maxMs, Math.round(base * (1 + random() * 0.5)));
}
