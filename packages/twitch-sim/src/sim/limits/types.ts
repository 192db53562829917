import type { LimitProfileName, SimAccount } from '../accounts.js';

/** A budget of `count` actions in any window of `windowMs` (sliding window, as Twitch counts). */
export interface WindowLimit {
  count: number;
  windowMs: number;
}

/** Twitch's limits for one kind of account; `null` means not limited. */
export interface LimitProfile {
  /** JOIN attempts per account; each channel of a comma list counts once. */
  join: WindowLimit | null;
  /** Authentication attempts (one PASS+NICK pair) per account. */
  auth: WindowLimit | null;
  /** PRIVMSG in channels where the account is not moderator/broadcaster/VIP. */
  privmsg: WindowLimit | null;
  /** PRIVMSG where the account is moderator/broadcaster/VIP (the large bucket). */
  privmsgModerator: WindowLimit | null;
  /** Minimum spacing per channel for non-moderators (Twitch: 1 s); null disables. */
  perChannelIntervalMs: number | null;
  /** Same text in the same channel within this window is refused for non-moderators (Twitch: 30 s). */
  duplicateWindowMs: number | null;
  /** Concurrent joined channels per account, channels where it is mod/broadcaster excluded (Twitch: 100). */
  concurrentChannels: number | null;
}

/** What Twitch does when a JOIN goes past the JOIN budget. */
export type JoinOverflowAction = 'drop' | 'disconnect';

export interface RateLimitOptions {
  /** false switches every limit off (load tests). Default true. */
  enabled?: boolean;
  /** Overrides per profile, merged over the defaults field by field. */
  profiles?: Partial<Record<LimitProfileName, Partial<LimitProfile>>>;
  /** What happens past the JOIN budget. Default 'disconnect' (what users saw after 2021-08). */
  joinOverflow?: JoinOverflowAction;
  /** Clock in ms; injectable so tests control time. Default Date.now. */
  clock?: () => number;
}

/** Answer to a JOIN of one channel. */
export type JoinVerdict =
  | { ok: true }
  /** Silently dropped (Twitch sends nothing); `disconnect` says whether to close the connection. */
  | { ok: false; reason: 'join_rate' | 'concurrent_channels'; disconnect: boolean };

/** Answer to a PRIVMSG; a refusal carries the NOTICE Twitch sends. */
export type SayVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'privmsg_rate' | 'channel_rate' | 'duplicate';
      /** `msg-id` of the NOTICE, e.g. `msg_ratelimit`, `msg_duplicate`. */
      noticeId: string;
      noticeText: string;
    };

/** Per-account counters, for tests and benchmarks to prove a client stayed within limits. */
export interface AccountCounters {
  login: string;
  authAttempts: number;
  joinAttempts: number;
  privmsgAttempts: number;
  privmsgSent: number;
  /** Channels joined now (every channel, exempt or not). */
  concurrentChannels: number;
  /** Of those, channels that count toward the concurrent limit (not mod/broadcaster). */
  countedChannels: number;
  /** The highest `countedChannels` ever reached. */
  peakCountedChannels: number;
  violations: {
    auth: number;
    join: number;
    privmsg: number;
    channelRate: number;
    duplicate: number;
    concurrentChannels: number;
  };
}

/** The account-wide limiter the sim consults; one per sim, shared by all connections. */
export interface RateLimiter {
  /** One login attempt; false means refuse it (`Login unsuccessful` and close). */
  tryAuth(account: SimAccount): boolean;
  /** One channel of a JOIN line. `exempt`: the account is mod/broadcaster there. */
  tryJoin(account: SimAccount, channel: string, exempt: boolean): JoinVerdict;
  /**
   * The JOIN was confirmed on one connection: count the channel as joined. Called once per
   * connection; the limiter reference-counts, so a channel joined on two connections of the same
   * account counts once, and `tryJoin` of a channel the account already holds is no new channel.
   */
  joined(account: SimAccount, channel: string, exempt: boolean): void;
  /** One connection of the account left the channel (PART, ban, or the connection closed). */
  parted(account: SimAccount, channel: string): void;
  /** One PRIVMSG; `privileged`: moderator, broadcaster or VIP in that channel. */
  trySay(account: SimAccount, channel: string, text: string, privileged: boolean): SayVerdict;
  counters(login: string): AccountCounters;
  allCounters(): AccountCounters[];
  /** Clears every window and counter. */
  reset(): void;
}
