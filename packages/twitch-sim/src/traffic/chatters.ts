import type { Prng } from './prng.js';
import type { ChatUser } from './users.js';

/** A user as seen in one channel: the channel-specific roles and badges come with it. */
export interface Chatter {
  user: ChatUser;
  mod: boolean;
  vip: boolean;
  broadcaster: boolean;
  /** Months subscribed (0 = not a subscriber). */
  subMonths: number;
  /** `badge-info` tag value. */
  badgeInfo: string;
  /** `badges` tag value, in Twitch's order (role, subscriber, bits/gifter, premium/turbo). */
  badges: string;
  /** `user-type` tag value: 'mod' for moderators, '' otherwise. */
  userType: string;
  /** Subscription tier offset of the subscriber badge: 0 (tier 1 and Prime), 2000 or 3000. */
  tier: number;
  /** Badges after the subscriber badge (`bits/100`, `premium/1`…), joined by commas. */
  extraBadges: string;
  /** Whether the next message is this chatter's first in the channel (`first-msg=1`). */
  firstMessagePending: boolean;
  /** Whether the next message carries `returning-chatter=1`. */
  returningPending: boolean;
  /** Joined to the channel (for JOIN/PART traffic). */
  present: boolean;
}

// Subscriber badge versions are the highest tier step at or below the months subscribed.
const SUB_STEPS = [0, 2, 3, 6, 9, 12, 18, 24, 30, 36, 42, 48, 54, 60, 72, 84, 96, 108, 120];
const BITS_VERSIONS = [1, 100, 1000, 5000, 10000, 25000, 100000];
const GIFTER_VERSIONS = [1, 5, 10, 25, 50, 100];

/** Rolls a chatter's roles in one channel. */
export function makeChatter(rng: Prng, user: ChatUser): Chatter {
  const mod = rng.chance(0.03);
  const vip = !mod && rng.chance(0.02);
  // Most subscribers are recent; long streaks are rare.
  const subMonths = rng.chance(0.4) ? 1 + Math.floor(72 * rng.float() ** 2) : 0;
  const tier = subMonths && rng.chance(0.08) ? (rng.chance(0.5) ? 2000 : 3000) : 0;
  const bits = rng.chance(0.1) ? rng.pick(BITS_VERSIONS) : 0;
  const gifter = !bits && subMonths > 0 && rng.chance(0.05) ? rng.pick(GIFTER_VERSIONS) : 0;
  const extra: string[] = [];
  if (bits) extra.push(`bits/${bits}`);
  if (gifter) extra.push(`sub-gifter/${gifter}`);
  if (user.premium) extra.push('premium/1');
  else if (user.turbo) extra.push('turbo/1');
  const chatter: Chatter = {
    user,
    mod,
    vip,
    broadcaster: false,
    subMonths,
    tier,
    extraBadges: extra.join(','),
    badgeInfo: '',
    badges: '',
    userType: mod ? 'mod' : '',
    firstMessagePending: rng.chance(0.03),
    returningPending: rng.chance(0.05),
    present: rng.chance(0.5),
  };
  setSubMonths(chatter, subMonths, tier);
  return chatter;
}

/**
 * Sets how long a chatter has been subscribed and re-renders `badge-info` and `badges`, so a sub
 * or resub notice and the chatter's later messages agree.
 */
export function setSubMonths(chatter: Chatter, months: number, tier: number): void {
  chatter.subMonths = months;
  chatter.tier = tier;
  chatter.badgeInfo = months ? `subscriber/${months}` : '';
  if (chatter.broadcaster) return;
  let badges = chatter.mod ? 'moderator/1' : chatter.vip ? 'vip/1' : '';
  if (months) badges += (badges ? ',' : '') + `subscriber/${tier + subStep(months)}`;
  if (chatter.extraBadges) badges += (badges ? ',' : '') + chatter.extraBadges;
  chatter.badges = badges;
}

/** The channel owner as a chatter: `broadcaster/1`, user-id = room-id. */
export function makeBroadcaster(user: ChatUser): Chatter {
  return {
    user,
    mod: false,
    vip: false,
    broadcaster: true,
    subMonths: 0,
    tier: 0,
    extraBadges: 'partner/1',
    badgeInfo: '',
    badges: 'broadcaster/1,partner/1',
    userType: '',
    firstMessagePending: false,
    returningPending: false,
    present: true,
  };
}

function subStep(months: number): number {
  let step = 0;
  for (const s of SUB_STEPS) if (s <= months) step = s;
  return step;
}
