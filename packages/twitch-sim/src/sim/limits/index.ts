/**
 * The account-wide rate limiter of the sim: Twitch's AUTH, JOIN, PRIVMSG, per-channel, duplicate
 * and concurrent-channel limits, per account profile (reference twitch-irc.md §2).
 */
export { createRateLimiter } from './limiter.js';
export { MSG_DUPLICATE_TEXT, MSG_RATELIMIT_TEXT } from './notices.js';
export { DEFAULT_PROFILES, type ResolvedProfiles, resolveProfiles } from './profiles.js';
export { SlidingWindow } from './sliding-window.js';
export type {
  AccountCounters,
  JoinOverflowAction,
  JoinVerdict,
  LimitProfile,
  RateLimiter,
  RateLimitOptions,
  SayVerdict,
  WindowLimit,
} from './types.js';
