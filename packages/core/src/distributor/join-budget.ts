import { LimitKeys } from '../protocol/streams.js';
import type { RateLimiter, WindowLimit } from '../ports/rate-limiter.js';

/**
 * Twitch's JOIN limit per account, cluster-wide, through the RateLimiter port: the coordinator
 * only sends as many joins as the window allows now and keeps the rest queued.
 */
export class JoinBudget {
  readonly #limiter: RateLimiter;
  readonly #limitFor: (identity: string) => WindowLimit;

  constructor(limiter: RateLimiter, limitFor: (identity: string) => WindowLimit) {
    this.#limiter = limiter;
    this.#limitFor = limitFor;
  }

  /** JOINs each identity may send right now. */
  async available(identities: Iterable<string>): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const identity of identities) {
      out.set(identity, await this.#limiter.available(LimitKeys.join(identity), this.#limitFor(identity)));
    }
    return out;
  }

  /**
   * Takes up to `wanted` JOINs; returns how many were granted. Another taker (a worker re-joining
   * after a reconnect) may have used some since `available`, so it falls back to what is left.
   */
  async take(identity: string, wanted: number): Promise<number> {
    const key = LimitKeys.join(identity);
    const limit = this.#limitFor(identity);
    let cost = Math.min(wanted, limit.count);
    while (cost > 0) {
      const decision = await this.#limiter.take(key, limit, cost);
      if (decision.ok) return cost;
      cost = Math.min(cost - 1, decision.remaining);
    }
    return 0;
  }
}
