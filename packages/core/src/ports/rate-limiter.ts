/**
 * Cluster-wide rate limits, keyed by identity and action (`join:<identity>`, `privmsg:<identity>`).
 * Semantics are those of Twitch: at most `limit.count` actions in ANY window of `limit.windowMs`
 * (a sliding window), so a burst at the end of one window and the start of the next cannot exceed
 * Twitch's budget the way a fixed window or a refilling token bucket can.
 *
 * Boundary: an action taken at T counts against every take while now < T + windowMs and no longer
 * at T + windowMs exactly. A key must always be used with the same limit. Every adapter passes
 * `rateLimiterContract` from `@tmi-cluster/core/testing`.
 */
export interface RateLimiter {
  /**
   * Takes `cost` actions (an integer ≥ 1, default 1) atomically if the window has room for all of
   * them; otherwise takes none and says how long until `cost` would fit. A `cost` above
   * `limit.count` can never fit: refused with `retryAfterMs` = Infinity.
   */
  take(key: string, limit: WindowLimit, cost?: number): Promise<RateDecision>;
  /** How many actions fit right now, without taking any. */
  available(key: string, limit: WindowLimit): Promise<number>;
  /**
   * Counts `cost` actions (an integer ≥ 1, default 1) whether or not the window has room, so the
   * window may hold more than `limit.count` for a while (takes are refused until it drains back
   * below). Twitch charges a moderator's message to the account's 20-per-30-s bucket even past 20.
   * Optional so an adapter without it keeps working: callers fall back to {@link take}, which
   * records only what fits.
   */
  record?(key: string, limit: WindowLimit, cost?: number): Promise<void>;
}

export interface WindowLimit {
  /** Actions allowed per window; an integer ≥ 1. */
  count: number;
  /** Window length in ms; > 0. */
  windowMs: number;
}

export interface RateDecision {
  ok: boolean;
  /** Actions left in the window after this decision (when refused: what fits now, < cost). */
  remaining: number;
  /**
   * When refused: ms until `cost` actions fit if nobody else takes any meanwhile — exact, a take
   * after exactly this long succeeds; Infinity when `cost` exceeds `limit.count`. 0 when ok.
   */
  retryAfterMs: number;
}
