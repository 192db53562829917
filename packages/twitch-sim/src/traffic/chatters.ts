import { flatten } from './flatten.js';
import type { Prng } from './prng.js';
import type { ChatUser } from './users.js';

/**
 * Keeps what changed about a chatter (subscription, first message, presence), so that a chatter
 * dropped from memory comes back as it was when it is needed again.
 */
export interface ChatterStore {
  save(chatter: Chatter): void;
}

/**
 * A user as seen in one channel: the channel-specific roles and badges come with it. Change one
 * only through {@link setSubMonths}, {@link setPresent} and {@link markSpoken}, which save the
 * change in the chatter's store.
 */
export interface Chatter {
  user: ChatUser;
  /** Slot in the channel's chatter pool; -1 for the broadcaster. */
  readonly slot: number;
  /** Where changes are saved; null for the broadcaster, who is never dropped. */
  readonly store: ChatterStore | null;
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

/** Rolls a chatter's roles in one channel; the same seed always rolls the same chatter. */
export function makeChatter(rng: Prng, user: ChatUser, slot: number, store: ChatterStore): Chatter {
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
    slot,
    store,
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
  renderBadges(chatter);
  return chatter;
}

/**
 * Sets how long a chatter has been subscribed and re-renders `badge-info` and `badges`, so a sub
 * or resub notice and the chatter's later messages agree.
 */
export function setSubMonths(chatter: Chatter, months: number, tier: number): void {
  chatter.subMonths = months;
  chatter.tier = tier;
  renderBadges(chatter);
  chatter.store?.save(chatter);
}

/** Marks a chatter as joined to or parted from the channel. */
export function setPresent(chatter: Chatter, present: boolean): void {
  if (chatter.present === present) return;
  chatter.present = present;
  chatter.store?.save(chatter);
}

/** After a chatter's message: neither `first-msg` nor `returning-chatter` applies any more. */
export function markSpoken(chatter: Chatter): void {
  if (!chatter.firstMessagePending && !chatter.returningPending) return;
  chatter.firstMessagePending = false;
  chatter.returningPending = false;
  chatter.store?.save(chatter);
}

/** Renders `badge-info` and `badges` from the roles and the subscription. */
export function renderBadges(chatter: Chatter): void {
  const months = chatter.subMonths;
  // Flat strings: a string built by `+=` is kept as a tree of its pieces, several times its size.
  chatter.badgeInfo = months ? flatten(`subscriber/${months}`) : '';
  if (chatter.broadcaster) return;
  let badges = chatter.mod ? 'moderator/1' : chatter.vip ? 'vip/1' : '';
  if (months) badges += (badges ? ',' : '') + `subscriber/${chatter.tier + subStep(months)}`;
  if (chatter.extraBadges) badges += (badges ? ',' : '') + chatter.extraBadges;
  chatter.badges = flatten(badges);
}

/** The channel owner as a chatter: `broadcaster/1`, user-id = room-id. */
export function makeBroadcaster(user: ChatUser): Chatter {
  return {
    user,
    slot: -1,
    store: null,
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
