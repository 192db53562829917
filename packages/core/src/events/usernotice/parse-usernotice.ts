import type { IrcMessage } from '../../irc/parse.js';
import type { EventBase } from '../base.js';
import { type AnnouncementEvent, parseAnnouncement } from './announcement.js';
import { type BitsBadgeTierEvent, parseBitsBadgeTier } from './bits-badge-tier.js';
import { type UserNoticeBase, type UserNoticeEvent, userNoticeBase } from './common.js';
import { parseSubGift, parseSubMysteryGift, type SubGiftEvent, type SubMysteryGiftEvent } from './gifts.js';
import {
  type AnonGiftPaidUpgradeEvent,
  type GiftPaidUpgradeEvent,
  type PrimePaidUpgradeEvent,
  parseAnonGiftPaidUpgrade,
  parseGiftPaidUpgrade,
  parsePrimePaidUpgrade,
} from './paid-upgrades.js';
import { parseRaid, parseUnraid, type RaidEvent, type UnraidEvent } from './raid.js';
import { parseRitual, type RitualEvent } from './ritual.js';
import { parseResub, parseSub, type ResubEvent, type SubEvent } from './subscription.js';
import { parseViewerMilestone, type ViewerMilestoneEvent } from './viewer-milestone.js';

/** Every event a USERNOTICE line can become. */
export type AnyUserNoticeEvent =
  | SubEvent
  | ResubEvent
  | SubGiftEvent
  | SubMysteryGiftEvent
  | GiftPaidUpgradeEvent
  | AnonGiftPaidUpgradeEvent
  | PrimePaidUpgradeEvent
  | RaidEvent
  | UnraidEvent
  | AnnouncementEvent
  | BitsBadgeTierEvent
  | RitualEvent
  | ViewerMilestoneEvent
  | UserNoticeEvent;

type KindParser = (notice: UserNoticeBase) => AnyUserNoticeEvent;

/** `msg-id` → parser. The `anon…` variants carry the same fields as their named kinds. */
const BY_MSG_ID: ReadonlyMap<string, KindParser> = new Map<string, KindParser>([
  ['sub', parseSub],
  ['resub', parseResub],
  ['subgift', parseSubGift],
  ['anonsubgift', parseSubGift],
  ['submysterygift', parseSubMysteryGift],
  ['anonsubmysterygift', parseSubMysteryGift],
  ['giftpaidupgrade', parseGiftPaidUpgrade],
  ['anongiftpaidupgrade', parseAnonGiftPaidUpgrade],
  ['primepaidupgrade', parsePrimePaidUpgrade],
  ['raid', parseRaid],
  ['unraid', parseUnraid],
  ['announcement', parseAnnouncement],
  ['bitsbadgetier', parseBitsBadgeTier],
  ['ritual', parseRitual],
  ['viewermilestone', parseViewerMilestone],
]);

/** USERNOTICE → the event for its `msg-id`, or a generic `usernotice` for unknown ids. */
export function parseUserNotice(msg: IrcMessage, base: EventBase): AnyUserNoticeEvent {
  const notice = userNoticeBase(msg, base);
  const parse = BY_MSG_ID.get(notice.msgId);
  return parse ? parse(notice) : { type: 'usernotice', ...notice };
}
