import { intTag, textTag } from '../tag-values.js';
import type { UserNoticeBase } from './common.js';
import { parsePlan, type SubPlan } from './plan.js';

/** Fields of a gift sub continued during a promotion (both gift upgrade kinds). */
export interface PromoFields {
  /** Promotion name (`msg-param-promo-name`), or null outside a promotion. */
  promoName: string | null;
  /** Subs gifted during the promotion so far. */
  promoGiftTotal: number | null;
}

/** A user keeps paying for a sub someone gifted them (`giftpaidupgrade`). */
export interface GiftPaidUpgradeEvent extends UserNoticeBase, PromoFields {
  type: 'giftpaidupgrade';
  /** Who gifted the original sub. */
  senderLogin: string | null;
  senderDisplayName: string | null;
}

/** As {@link GiftPaidUpgradeEvent}, for a sub from an anonymous gifter. */
export interface AnonGiftPaidUpgradeEvent extends UserNoticeBase, PromoFields {
  type: 'anongiftpaidupgrade';
}

/** A Prime sub converted to a paid one (`primepaidupgrade`). */
export interface PrimePaidUpgradeEvent extends UserNoticeBase {
  type: 'primepaidupgrade';
  plan: SubPlan | null;
}

function promoFields(tags: Readonly<Record<string, string>>): PromoFields {
  return {
    promoName: textTag(tags, 'msg-param-promo-name'),
    promoGiftTotal: intTag(tags, 'msg-param-promo-gift-total'),
  };
}

/** `msg-id=giftpaidupgrade` → {@link GiftPaidUpgradeEvent}. */
export function parseGiftPaidUpgrade(notice: UserNoticeBase): GiftPaidUpgradeEvent {
  const tags = notice.tags;
  return {
    type: 'giftpaidupgrade',
    ...notice,
    ...promoFields(tags),
    senderLogin: textTag(tags, 'msg-param-sender-login'),
    senderDisplayName: textTag(tags, 'msg-param-sender-name'),
  };
}

/** `msg-id=anongiftpaidupgrade` → {@link AnonGiftPaidUpgradeEvent}. */
export function parseAnonGiftPaidUpgrade(notice: UserNoticeBase): AnonGiftPaidUpgradeEvent {
  return { type: 'anongiftpaidupgrade', ...notice, ...promoFields(notice.tags) };
}

/** `msg-id=primepaidupgrade` → {@link PrimePaidUpgradeEvent}. */
export function parsePrimePaidUpgrade(notice: UserNoticeBase): PrimePaidUpgradeEvent {
  return { type: 'primepaidupgrade', ...notice, plan: parsePlan(notice.tags['msg-param-sub-plan']) };
}
