/**
 * Cluster-wide rate limits, keyed by identity and action (`join:<identity>`, `privmsg:<identity>`).
 * Semantics are those of Twitch: at most `limit.count` actions in ANY window of `limit.windowMs`
 * (a sliding window), so a burst at the end of one window and the start of the next cannot exceed
 * Twitch's budget the way a fixed window or a refilling token bucket can.
 */
export interface RateLimiter {
  /**
   * Takes `cost` actions atomically if the window has room for all of them; otherwise takes none
   * and says how long until `cost` would fit.
   */
  take(key: string, limit: WindowLimit, cost?: number): Promise<RateDecision>;
  /** How many actions fit right now, without taking any. */
  available(key: string, limit: WindowLimit): Promise<number>;
}

export interface WindowLimit {
  count: number;
  windowMs: number;
}

export interface RateDecision {
  ok: boolean;
  /** Actions left in the window after this decision. */
  remaining: number;
  /** When refused: ms until `cost` actions fit (0 when ok). */
  retryAfterMs: number;
}
