import type { IrcIdentity } from '../ports/irc-connection.js';
import type { WindowLimit } from '../ports/rate-limiter.js';

/** Twitch's rate-limit tier of an account (verified bots are rarely granted today). */
export type IdentityTier = 'normal' | 'verified';

/** The JOIN and AUTH budgets the pool takes per identity. */
export interface IdentityLimits {
  join: WindowLimit;
  auth: WindowLimit;
}

/** An account the pool connects as; `token: null` with a `justinfan<digits>` login reads anonymously. */
export interface Identity extends IrcIdentity {
  /** Default `'normal'`. */
  tier?: IdentityTier;
  /** Overrides the tier's budgets; every user of the same limiter key must use the same numbers. */
  limits?: Partial<IdentityLimits>;
}

/**
 * Twitch's 20 (verified 2,000) JOINs and 20 (verified 200) AUTHs per 10 s, counted over 10.5 s:
 * the limiter stamps an action when the budget is taken, Twitch when the line arrives, and a
 * later line can arrive faster than an earlier one did (twurple counts joins over 11 s for the
 * same reason). Anonymous logins use the normal tier unless told otherwise: whether Twitch
 * limits them is not documented.
 */
export const TIER_LIMITS: Readonly<Record<IdentityTier, Readonly<IdentityLimits>>> = Object.freeze({
  normal: Object.freeze({
    join: Object.freeze({ count: 20, windowMs: 10_500 }),
    auth: Object.freeze({ count: 20, windowMs: 10_500 }),
  }),
  verified: Object.freeze({
    join: Object.freeze({ count: 2_000, windowMs: 10_500 }),
    auth: Object.freeze({ count: 200, windowMs: 10_500 }),
  }),
});

/** The budgets that apply to an identity: its overrides over its tier's defaults. */
export function identityLimits(identity: Identity): IdentityLimits {
  const tier = TIER_LIMITS[identity.tier ?? 'normal'];
  return { join: identity.limits?.join ?? tier.join, auth: identity.limits?.auth ?? tier.auth };
}

/** A read-only identity with a random `justinfan` login, as Twitch's web chat uses when logged out. */
export function anonymousIdentity(random: () => number = Math.random): Identity {
  return { login: `justinfan${10_000 + Math.floor(random() * 89_990_000)}`, token: null };
}
