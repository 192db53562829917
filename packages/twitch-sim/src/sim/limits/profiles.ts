import type { LimitProfileName } from '../accounts.js';
import type { LimitProfile, RateLimitOptions, WindowLimit } from './types.js';

/** The profiles a limiter resolves; frozen, so a limiter's numbers cannot change under it. */
export type ResolvedProfiles = Readonly<Record<LimitProfileName, Readonly<LimitProfile>>>;

const SECOND = 1000;

function win(count: number, windowMs: number): WindowLimit {
  return Object.freeze({ count, windowMs });
}

/**
 * Twitch's published limits (reference twitch-irc.md §2.1, "Rate Limits" of dev.twitch.tv/docs/chat).
 *
 * - `normal`: 20 PRIVMSG / 30 s, 100 / 30 s where mod/broadcaster/VIP, 1 message/s per channel,
 *   duplicate rule 30 s, 20 JOIN and 20 AUTH / 10 s, 100 concurrent channels (since 2024-05-15).
 * - `verified`: 7500 / 30 s whatever the role (so the moderator bucket is 7500 too), 2000 JOIN and
 *   200 AUTH / 10 s. The per-channel 1 s and the duplicate rule still bind non-privileged
 *   messages ("same" in §2.1). The concurrent-channel exemption for verified bots was removed on
 *   2024-06-26 ([JOINLIM], §2.2), so the cap is 100 here as well.
 * - `unlimited`: nothing limited, for load tests (§2.3).
 */
export const DEFAULT_PROFILES: ResolvedProfiles = Object.freeze({
  normal: Object.freeze({
    join: win(20, 10 * SECOND),
    auth: win(20, 10 * SECOND),
    privmsg: win(20, 30 * SECOND),
    privmsgModerator: win(100, 30 * SECOND),
    perChannelIntervalMs: SECOND,
    duplicateWindowMs: 30 * SECOND,
    concurrentChannels: 100,
  }),
  verified: Object.freeze({
    join: win(2000, 10 * SECOND),
    auth: win(200, 10 * SECOND),
    privmsg: win(7500, 30 * SECOND),
    privmsgModerator: win(7500, 30 * SECOND),
    perChannelIntervalMs: SECOND,
    duplicateWindowMs: 30 * SECOND,
    concurrentChannels: 100,
  }),
  unlimited: Object.freeze({
    join: null,
    auth: null,
    privmsg: null,
    privmsgModerator: null,
    perChannelIntervalMs: null,
    duplicateWindowMs: null,
    concurrentChannels: null,
  }),
});

const PROFILE_NAMES = Object.keys(DEFAULT_PROFILES) as LimitProfileName[];
const WINDOW_FIELDS = ['join', 'auth', 'privmsg', 'privmsgModerator'] as const;
const MS_FIELDS = ['perChannelIntervalMs', 'duplicateWindowMs'] as const;

/**
 * Merges `overrides` over {@link DEFAULT_PROFILES} field by field: a field that is absent or
 * `undefined` keeps its default, `null` switches that limit off, a value replaces it whole (a
 * `WindowLimit` is one field; `{ privmsg: { count: 5, windowMs: 1000 } }` replaces both numbers).
 * Validates once and returns frozen profiles; bad numbers throw a `RangeError` naming the field.
 */
export function resolveProfiles(overrides: RateLimitOptions['profiles'] = {}): ResolvedProfiles {
  for (const name of Object.keys(overrides)) {
    if (!PROFILE_NAMES.includes(name as LimitProfileName)) {
      throw new RangeError(`unknown rate-limit profile "${name}" (known: ${PROFILE_NAMES.join(', ')})`);
    }
  }
  const out = {} as Record<LimitProfileName, Readonly<LimitProfile>>;
  for (const name of PROFILE_NAMES) {
    const merged: LimitProfile = { ...DEFAULT_PROFILES[name] };
    const patch = overrides[name] ?? {};
    for (const field of WINDOW_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value !== null) checkWindow(`${name}.${field}`, value);
      merged[field] = value === null ? null : win(value.count, value.windowMs);
    }
    for (const field of MS_FIELDS) {
      const value = patch[field];
      if (value === undefined) continue;
      if (value !== null) checkMs(`${name}.${field}`, value);
      merged[field] = value;
    }
    const cap = patch.concurrentChannels;
    if (cap !== undefined) {
      if (cap !== null) checkCount(`${name}.concurrentChannels`, cap);
      merged.concurrentChannels = cap;
    }
    out[name] = Object.freeze(merged);
  }
  return Object.freeze(out);
}

function checkWindow(path: string, limit: WindowLimit): void {
  checkCount(`${path}.count`, limit.count);
  if (!(Number.isFinite(limit.windowMs) && limit.windowMs > 0)) {
    throw new RangeError(`${path}.windowMs must be a positive finite number, got ${limit.windowMs}`);
  }
}

function checkMs(path: string, value: number): void {
  if (!(Number.isFinite(value) && value >= 0)) {
    throw new RangeError(`${path} must be a non-negative finite number of ms, got ${value}`);
  }
}

function checkCount(path: string, value: number): void {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${path} must be a non-negative integer, got ${value}`);
  }
}
