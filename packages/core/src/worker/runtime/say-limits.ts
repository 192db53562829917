import type { Clock } from '../../ports/clock.js';
import type { RateLimiter, WindowLimit } from '../../ports/rate-limiter.js';
import { LimitKeys } from '../../protocol/streams.js';
import type { IdentityTier } from '../identity.js';
import type { Sleeper } from '../sleeper.js';

/** Twitch's PRIVMSG budgets per 30 s (reference twitch-irc.md §2.1). */
const COUNTS = { normal: 20, moderator: 100, verified: 7_500 } as const;

/** A limiter key with its window; `also` is charged too when it has room. */
interface Bucket {
  key: string;
  limit: WindowLimit;
  also: { key: string; limit: WindowLimit } | null;
}

/** A budget taken, or how long until it would fit. */
export type Budget = { ok: true } | { ok: false; retryAfterMs: number };

export interface SayLimitsOptions {
  limiter: RateLimiter;
  clock: Clock;
  sleeper: Sleeper;
  login: string;
  tier: IdentityTier;
  windowMs: number;
  channelIntervalMs: number;
}

/**
 * Twitch's PRIVMSG limits for one identity, cluster-wide through the RateLimiter port:
 * - normal, not privileged in the channel: 20 per window (`privmsg:<login>`) and 1 per
 *   `channelIntervalMs` in the channel (`privmsg:<login>:<channel>`);
 * - normal, privileged (moderator/broadcaster/VIP): 100 per window (`privmsg-mod:<login>`), no
 *   per-channel spacing;
 * - verified: 7 500 per window whatever the role; the per-channel spacing still binds where it
 *   is not privileged.
 * Every message counts toward both of a normal account's buckets (Twitch: a privileged message
 * "still counts toward the 20"): the bucket the role does not need is charged even past its limit
 * (`RateLimiter.record`; with an adapter without it, only while it has room).
 */
export class SayLimits {
  readonly #o: SayLimitsOptions;
  readonly #normal: WindowLimit;
  readonly #moderator: WindowLimit;
  readonly #channel: WindowLimit;

  constructor(options: SayLimitsOptions) {
    this.#o = options;
    const count = options.tier === 'verified' ? COUNTS.verified : COUNTS.normal;
    this.#normal = { count, windowMs: options.windowMs };
    this.#moderator = { count: COUNTS.moderator, windowMs: options.windowMs };
    this.#channel = { count: 1, windowMs: Math.max(1, options.channelIntervalMs) };
  }

  /** Most parts one message may have: a larger cost could never fit a window. */
  maxParts(privileged: boolean): number {
    return this.#o.tier === 'normal' && privileged ? this.#moderator.count : this.#normal.count;
  }

  /**
   * Takes the budget of a message of `parts` PRIVMSGs (all or none, so a split message is not cut
   * off by the account budget half way) plus the first part's channel slot; waits for them while
   * that ends before `deadline` (epoch ms), else says how long until they would fit.
   */
  async reserve(channel: string, privileged: boolean, parts: number, deadline: number): Promise<Budget> {
    const account = this.#account(privileged);
    if (privileged || this.#o.channelIntervalMs <= 0) return this.#takeAccount(account, parts, deadline);
    const slot = { key: LimitKeys.privmsgChannel(this.#o.login, channel), limit: this.#channel };
    // Usually the channel slot goes first: only this worker writes the channel, so a slot wasted
    // costs little, while a wasted account slot is missed by every worker of the identity. But when
    // the account budget is short (a peek, not atomic), waiting for the slot first would be in vain.
    if ((await this.#o.limiter.available(account.key, account.limit)) >= parts) {
      const taken = await this.#takeBy(slot.key, slot.limit, 1, deadline);
      return taken.ok ? this.#takeAccount(account, parts, deadline) : taken;
    }
    const taken = await this.#takeAccount(account, parts, deadline);
    return taken.ok ? this.#takeBy(slot.key, slot.limit, 1, deadline) : taken;
  }

  /** The channel slot of a later part of a split message (its account budget was reserved). */
  async nextPart(channel: string, privileged: boolean): Promise<Budget> {
    if (privileged || this.#o.channelIntervalMs <= 0) return { ok: true };
    // The spacing is part of sending a split message, not a wait the caller chose: allow it.
    const deadline = this.#o.clock.now() + 2 * this.#channel.windowMs;
    return this.#takeBy(this.#channelKey(channel), this.#channel, 1, deadline);
  }

  /** The bucket the message must fit in, and the one it is charged to as well when it has room. */
  #account(privileged: boolean): Bucket {
    const { login, tier } = this.#o;
    const normal = { key: LimitKeys.privmsg(login), limit: this.#normal };
    if (tier !== 'normal') return { ...normal, also: null };
    const moderator = { key: LimitKeys.privmsgModerator(login), limit: this.#moderator };
    return privileged ? { ...moderator, also: normal } : { ...normal, also: moderator };
  }

  async #takeAccount(bucket: Bucket, parts: number, deadline: number): Promise<Budget> {
    const taken = await this.#takeBy(bucket.key, bucket.limit, parts, deadline);
    if (taken.ok && bucket.also !== null) {
      const { key, limit } = bucket.also;
      // Twitch counts the message in the other bucket even when that one is full.
      const limiter = this.#o.limiter;
      if (limiter.record !== undefined) await limiter.record(key, limit, parts);
      else await limiter.take(key, limit, parts);
    }
    return taken;
  }

  #channelKey(channel: string): string {
    return LimitKeys.privmsgChannel(this.#o.login, channel);
  }

  async #takeBy(key: string, limit: WindowLimit, cost: number, deadline: number): Promise<Budget> {
    for (;;) {
      const decision = await this.#o.limiter.take(key, limit, cost);
      if (decision.ok) return { ok: true };
      const wait = decision.retryAfterMs;
      // Infinity (a cost above the window) cannot go through JSON; callers bound parts anyway.
      if (!Number.isFinite(wait)) return { ok: false, retryAfterMs: limit.windowMs };
      if (this.#o.clock.now() + wait > deadline) return { ok: false, retryAfterMs: wait };
      await this.#o.sleeper.sleep(wait);
    }
  }
}
