import type { RateLimitUse } from './types.js';

export interface Headroom {
  /** Smallest share of a budget still free across every identity and kind, 0–1; null with no limits. */
  free: number | null;
  /** The budget that is closest to exhaustion. */
  tightest: RateLimitUse | null;
}

/**
 * The rate-limit headroom card: Twitch refuses (or worse, locks the account) when one
 * identity's budget runs out, so the figure worth watching is the tightest budget, not a sum.
 */
export function headroom(limits: readonly RateLimitUse[]): Headroom {
  let free: number | null = null;
  let tightest: RateLimitUse | null = null;
  for (const l of limits) {
    if (!(l.limit > 0)) continue;
    const share = Math.max(0, Math.min(1, (l.limit - l.used) / l.limit));
    if (free === null || share < free) {
      free = share;
      tightest = l;
    }
  }
  return { free, tightest };
}
