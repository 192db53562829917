import { intTag, textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';
import { ANONYMOUS_GIFTER_LOGIN, parsePlan, type SubPlan } from './plan.js';

/** The user who received a gifted sub. */
export interface GiftRecipient {
  id: string | null;
  login: string | null;
  displayName: string | null;
}

/**
 * One gifted sub (`subgift`, and the older `anonsubgift`, which carries the same fields).
 * `user` is the gifter; for anonymous gifts Twitch puts `AnAnonymousGifter` (or, on old lines,
 * the channel) there and {@link anonymous} is true.
 */
export interface SubGiftEvent extends UserNoticeBase {
  type: 'subgift';
  anonymous: boolean;
  recipient: GiftRecipient;
  plan: SubPlan | null;
  planName: string | null;
  /** The recipient's total months (`msg-param-months`): a count, never a boolean. */
  months: number | null;
  /** Months bought by this gift (`msg-param-gift-months`). */
  giftMonths: number | null;
  /** Gifts by this gifter in the channel so far (0 when they hide it); null when absent. */
  senderCount: number | null;
  /** Shared by the single gifts of one mass gift and its `submysterygift`, or null. */
  originId: string | null;
}

/** A mass gift announcement (`submysterygift`, `anonsubmysterygift`); the single gifts follow. */
export interface SubMysteryGiftEvent extends UserNoticeBase {
  type: 'submysterygift';
  anonymous: boolean;
  plan: SubPlan | null;
  /** Number of subs gifted at once (`msg-param-mass-gift-count`). */
  massGiftCount: number | null;
  senderCount: number | null;
  originId: string | null;
}

function isAnonymous(notice: UserNoticeBase): boolean {
  return notice.msgId.startsWith('anon') || notice.user.login === ANONYMOUS_GIFTER_LOGIN;
}

/** `msg-id=subgift|anonsubgift` → {@link SubGiftEvent}. */
export function parseSubGift(notice: UserNoticeBase): SubGiftEvent {
  const tags = notice.tags;
  return {
    type: 'subgift',
    ...notice,
    anonymous: isAnonymous(notice),
    recipient: {
      id: textTag(tags, 'msg-param-recipient-id'),
      // Twitch's docs show `recipient-user-name`, older examples `recipient-name`.
      login: textTag(tags, 'msg-param-recipient-user-name') ?? textTag(tags, 'msg-param-recipient-name'),
      displayName: textTag(tags, 'msg-param-recipient-display-name'),
    },
    plan: parsePlan(tags['msg-param-sub-plan']),
    planName: textTag(tags, 'msg-param-sub-plan-name'),
    months: intTag(tags, 'msg-param-months'),
    giftMonths: intTag(tags, 'msg-param-gift-months'),
    senderCount: intTag(tags, 'msg-param-sender-count'),
    originId: textTag(tags, 'msg-param-origin-id'),
  };
}

/** `msg-id=submysterygift|anonsubmysterygift` → {@link SubMysteryGiftEvent}. */
export function parseSubMysteryGift(notice: UserNoticeBase): SubMysteryGiftEvent {
  const tags = notice.tags;
  return {
    type: 'submysterygift',
    ...notice,
    anonymous: isAnonymous(notice),
    plan: parsePlan(tags['msg-param-sub-plan']),
    massGiftCount: intTag(tags, 'msg-param-mass-gift-count'),
    senderCount: intTag(tags, 'msg-param-sender-count'),
    originId: textTag(tags, 'msg-param-origin-id'),
  };
}
