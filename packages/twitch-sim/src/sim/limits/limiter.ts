import type { SimAccount } from '../accounts.js';
import { AccountState } from './account-state.js';
import { clearCounters, copyCounters, emptyCounters } from './counters.js';
import { CHANNEL_RATE, DUPLICATE, OK, PRIVMSG_RATE } from './notices.js';
import { type ResolvedProfiles, resolveProfiles } from './profiles.js';
import type { SlidingWindow } from './sliding-window.js';
import type {
  AccountCounters,
  JoinVerdict,
  LimitProfile,
  RateLimiter,
  RateLimitOptions,
  SayVerdict,
  WindowLimit,
} from './types.js';

const JOIN_OK: JoinVerdict = Object.freeze({ ok: true });
const JOIN_RATE_DROP: JoinVerdict = Object.freeze({ ok: false, reason: 'join_rate', disconnect: false });
const JOIN_RATE_DISCONNECT: JoinVerdict = Object.freeze({ ok: false, reason: 'join_rate', disconnect: true });
/** Past the concurrent cap Twitch ignores the JOIN; nothing reports a disconnect for it ([JOINLIM]). */
const CONCURRENT: JoinVerdict = Object.freeze({
  ok: false,
  reason: 'concurrent_channels',
  disconnect: false,
});

/**
 * Creates the account-wide limiter the sim consults on AUTH, JOIN and PRIVMSG; one per sim, shared
 * by every connection, because Twitch's limits are per user (reference twitch-irc.md §2.1).
 * Profiles are resolved and validated here, once; a bad option throws a `RangeError`.
 *
 * Choices the reference leaves open, made here:
 * - **Refused attempts use up the bucket.** Every AUTH, JOIN and PRIVMSG attempt is recorded in
 *   its window, accepted or not: [PAJ] observed that dropped messages still count, and it makes a
 *   client that keeps hammering stay refused, as on Twitch.
 * - **Window boundary**: an attempt at `t` stops counting at exactly `t + windowMs`.
 * - **Checks in order**: the account-wide bucket, then the per-channel spacing, then the duplicate
 *   rule. The reference gives no order; this one reports the broadest cause first, and a
 *   too-fast repeat gets `msg_ratelimit`, the notice [PAJ] ties to the 1 s rule.
 * - With `enabled: false` every verdict is ok, but attempts, sent messages and channels are still
 *   counted so a load test can report what it did.
 */
export function createRateLimiter(options: RateLimitOptions = {}): RateLimiter {
  return new AccountRateLimiter(options);
}

class AccountRateLimiter implements RateLimiter {
  readonly #enabled: boolean;
  readonly #profiles: ResolvedProfiles;
  readonly #joinRate: JoinVerdict;
  readonly #now: () => number;
  readonly #accounts = new Map<string, AccountState>();

  constructor(options: RateLimitOptions) {
    const overflow = options.joinOverflow ?? 'disconnect';
    if (overflow !== 'drop' && overflow !== 'disconnect') {
      throw new RangeError(`joinOverflow must be 'drop' or 'disconnect', got ${String(overflow)}`);
    }
    this.#enabled = options.enabled ?? true;
    this.#profiles = resolveProfiles(options.profiles);
    // Default 'disconnect': what users saw once Twitch enforced 20 JOIN / 10 s in 2021-08 (§2.1).
    this.#joinRate = overflow === 'disconnect' ? JOIN_RATE_DISCONNECT : JOIN_RATE_DROP;
    this.#now = options.clock ?? Date.now;
  }

  tryAuth(account: SimAccount): boolean {
    const s = this.#state(account);
    s.counters.authAttempts++;
    if (!this.#enabled) return true;
    const ok = take(s.auth, this.#profile(account).auth, this.#now());
    if (!ok) s.counters.violations.auth++;
    return ok;
  }

  tryJoin(account: SimAccount, channel: string, exempt: boolean): JoinVerdict {
    const s = this.#state(account);
    const c = s.counters;
    c.joinAttempts++;
    if (!this.#enabled) return JOIN_OK;
    const p = this.#profile(account);
    // Each channel of a comma list is one call, so one attempt (§2.3, as go-twitch-irc counts).
    // A re-JOIN of a held channel is still an attempt against the rate.
    if (!take(s.join, p.join, this.#now())) {
      c.violations.join++;
      return this.#joinRate;
    }
    // The cap is checked against confirmed channels (`joined`), so the server should call
    // `joined` before it answers the next JOIN; channels where the account is mod/broadcaster
    // never count (§2.1, since 2024-05-15).
    const cap = p.concurrentChannels;
    if (cap !== null && c.countedChannels >= cap && s.wouldCount(channel, exempt)) {
      c.violations.concurrentChannels++;
      return CONCURRENT;
    }
    return JOIN_OK;
  }

  joined(account: SimAccount, channel: string, exempt: boolean): void {
    this.#state(account).addChannel(channel, exempt);
  }

  parted(account: SimAccount, channel: string): void {
    this.#accounts.get(account.login)?.removeChannel(channel);
  }

  trySay(account: SimAccount, channel: string, text: string, privileged: boolean): SayVerdict {
    const s = this.#state(account);
    const c = s.counters;
    c.privmsgAttempts++;
    if (!this.#enabled) {
      c.privmsgSent++;
      return OK;
    }
    const p = this.#profile(account);
    const now = this.#now();

    // Every message counts in both buckets; the role decides which one must have room. So a
    // privileged message "still counts toward the 20 bucket; past 20 only the large bucket
    // applies" (§2.1), and non-privileged ones count toward the account's total of 100 too.
    const roomNormal = p.privmsg === null || s.privmsg.allows(now, p.privmsg);
    const roomModerator = p.privmsgModerator === null || s.privmsgModerator.allows(now, p.privmsgModerator);
    if (p.privmsg !== null) s.privmsg.record(now, p.privmsg.count);
    if (p.privmsgModerator !== null) s.privmsgModerator.record(now, p.privmsgModerator.count);
    if (!(privileged ? roomModerator : roomNormal)) {
      c.violations.privmsg++;
      return PRIVMSG_RATE;
    }

    // Broadcaster, moderators and VIPs are exempt from both channel rules (§2.1).
    const last = privileged ? undefined : s.lastMessage.get(channel);
    if (last !== undefined) {
      // Measured from the last *accepted* message: a refused one never reached the channel.
      if (p.perChannelIntervalMs !== null && now - last.at < p.perChannelIntervalMs) {
        c.violations.channelRate++;
        return CHANNEL_RATE;
      }
      // Twitch compares with "the previous one you sent" in that channel, not every recent text.
      if (p.duplicateWindowMs !== null && now - last.at < p.duplicateWindowMs && last.text === text) {
        c.violations.duplicate++;
        return DUPLICATE;
      }
    }

    // Privileged messages are remembered too: they are the "previous one you sent" if the
    // account loses its role.
    const relevantMs = memoryMs(p);
    if (relevantMs !== null) s.lastMessage.remember(channel, now, text, relevantMs);
    c.privmsgSent++;
    return OK;
  }

  counters(login: string): AccountCounters {
    const s = this.#accounts.get(login.toLowerCase());
    return s ? copyCounters(s.counters) : emptyCounters(login.toLowerCase());
  }

  allCounters(): AccountCounters[] {
    return Array.from(this.#accounts.values(), (s) => copyCounters(s.counters));
  }

  /**
   * Clears every window, message memory and counter. Channels still held stay held (and keep
   * their concurrent/counted counts, the peak restarting from them): their connections are open
   * and will call `parted` later. Accounts holding nothing are forgotten.
   */
  reset(): void {
    for (const [login, s] of this.#accounts) {
      if (!s.holdsChannels) {
        this.#accounts.delete(login);
        continue;
      }
      s.clearWindows();
      clearCounters(s.counters);
    }
  }

  #state(account: SimAccount): AccountState {
    let s = this.#accounts.get(account.login);
    if (!s) {
      s = new AccountState(account.login);
      this.#accounts.set(account.login, s);
    }
    return s;
  }

  /** Read per call: `AccountTable.add` may change an account's profile while it is connected. */
  #profile(account: SimAccount): Readonly<LimitProfile> {
    return this.#profiles[account.profile];
  }
}

/** Records one attempt in `window` and says whether it was within `limit` (null: unlimited). */
function take(window: SlidingWindow, limit: WindowLimit | null, now: number): boolean {
  if (limit === null) return true;
  const ok = window.allows(now, limit);
  window.record(now, limit.count);
  return ok;
}

/** How long a remembered message can still decide a verdict; null when neither rule is on. */
function memoryMs(p: Readonly<LimitProfile>): number | null {
  if (p.perChannelIntervalMs === null) return p.duplicateWindowMs;
  if (p.duplicateWindowMs === null) return p.perChannelIntervalMs;
  return Math.max(p.perChannelIntervalMs, p.duplicateWindowMs);
}
