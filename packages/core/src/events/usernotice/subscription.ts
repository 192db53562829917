import { flagTag, intTag, textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';
import { parsePlan, type SubPlan } from './plan.js';

/** What `sub` and `resub` notices say about the subscription. */
export interface SubscriptionFields {
  plan: SubPlan | null;
  /** Human name of the plan (`Channel Subscription (xqcow)`), or null. */
  planName: string | null;
  /** Total months subscribed (`msg-param-cumulative-months`). */
  cumulativeMonths: number | null;
  /** Consecutive months, sent only when the user shares the streak. */
  streakMonths: number | null;
  shouldShareStreak: boolean;
  /** Months paid in advance for a multi-month sub, or null. */
  multiMonthDuration: number | null;
  /** The sub continues a gifted one (`msg-param-was-gifted=true`). */
  wasGifted: boolean;
}

/** A first-time subscription (`msg-id=sub`). */
export interface SubEvent extends UserNoticeBase, SubscriptionFields {
  type: 'sub';
}

/** A renewed subscription, usually with a message (`msg-id=resub`). */
export interface ResubEvent extends UserNoticeBase, SubscriptionFields {
  type: 'resub';
}

function subscriptionFields(tags: Readonly<Record<string, string>>): SubscriptionFields {
  return {
    plan: parsePlan(tags['msg-param-sub-plan']),
    planName: textTag(tags, 'msg-param-sub-plan-name'),
    cumulativeMonths: intTag(tags, 'msg-param-cumulative-months'),
    streakMonths: intTag(tags, 'msg-param-streak-months'),
    shouldShareStreak: flagTag(tags, 'msg-param-should-share-streak'),
    multiMonthDuration: intTag(tags, 'msg-param-multimonth-duration'),
    wasGifted: flagTag(tags, 'msg-param-was-gifted'),
  };
}

/** `msg-id=sub` → {@link SubEvent}. */
export function parseSub(notice: UserNoticeBase): SubEvent {
  return { type: 'sub', ...notice, ...subscriptionFields(notice.tags) };
}

/** `msg-id=resub` → {@link ResubEvent}. */
export function parseResub(notice: UserNoticeBase): ResubEvent {
  return { type: 'resub', ...notice, ...subscriptionFields(notice.tags) };
}
