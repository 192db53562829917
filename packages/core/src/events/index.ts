export type { EventBase, EventMeta } from './base.js';
export type { ChatEvent, ChatEventMap, ChatEventType } from './chat-event.js';
export { EVENT_TYPES, eventTypesFor, isChatEventType } from './chat-event.js';
export type {
  ClearChatAllEvent,
  ClearChatBanEvent,
  ClearChatEvent,
  ClearChatTimeoutEvent,
} from './clearchat.js';
export type { ClearMsgEvent } from './clearmsg.js';
export type { Emote } from './emotes.js';
export type { GlobalUserStateEvent } from './globaluserstate.js';
export type { HostTargetEvent } from './hosttarget.js';
export type { JoinEvent, PartEvent } from './membership.js';
export type { CheerEvent, ChatMessageEvent, ReplyInfo } from './message.js';
export type { NoticeEvent } from './notice.js';
export { parseChatEvent } from './parse-chat-event.js';
export type { RawEvent } from './raw.js';
export type { ReconnectEvent } from './reconnect.js';
export type { RoomStateEvent } from './roomstate.js';
export type { ChatUser } from './user.js';
export type { AnnouncementEvent } from './usernotice/announcement.js';
export type { BitsBadgeTierEvent } from './usernotice/bits-badge-tier.js';
export type { UserNoticeBase, UserNoticeEvent } from './usernotice/common.js';
export type { GiftRecipient, SubGiftEvent, SubMysteryGiftEvent } from './usernotice/gifts.js';
export type {
  AnonGiftPaidUpgradeEvent,
  GiftPaidUpgradeEvent,
  PrimePaidUpgradeEvent,
  PromoFields,
} from './usernotice/paid-upgrades.js';
export type { AnyUserNoticeEvent } from './usernotice/parse-usernotice.js';
export type { SubPlan } from './usernotice/plan.js';
export type { RaidEvent, UnraidEvent } from './usernotice/raid.js';
export type { RitualEvent } from './usernotice/ritual.js';
export type { ResubEvent, SubEvent, SubscriptionFields } from './usernotice/subscription.js';
export type { ViewerMilestoneEvent } from './usernotice/viewer-milestone.js';
export type { SelfStateFields, UserStateEvent } from './userstate.js';
export type { WhisperEvent } from './whisper.js';
