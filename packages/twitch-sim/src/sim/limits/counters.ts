import type { AccountCounters } from './types.js';

/** Fresh, all-zero counters for `login`. */
export function emptyCounters(login: string): AccountCounters {
  return {
    login,
    authAttempts: 0,
    joinAttempts: 0,
    privmsgAttempts: 0,
    privmsgSent: 0,
    concurrentChannels: 0,
    countedChannels: 0,
    peakCountedChannels: 0,
    violations: { auth: 0, join: 0, privmsg: 0, channelRate: 0, duplicate: 0, concurrentChannels: 0 },
  };
}

/** A deep copy, so a caller holding a snapshot never sees it change under it. */
export function copyCounters(c: AccountCounters): AccountCounters {
  return { ...c, violations: { ...c.violations } };
}

/**
 * Zeroes the attempt and violation counts but keeps the live channel counts: the connections that
 * joined those channels are still open and will call `parted` later. The peak restarts from the
 * current value, so a benchmark phase measures its own high-water mark.
 */
export function clearCounters(c: AccountCounters): void {
  const fresh = emptyCounters(c.login);
  Object.assign(c, fresh, {
    concurrentChannels: c.concurrentChannels,
    countedChannels: c.countedChannels,
    peakCountedChannels: c.countedChannels,
  });
}
