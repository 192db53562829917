import type { ClearChatEvent } from './clearchat.js';
import type { ClearMsgEvent } from './clearmsg.js';
import type { GlobalUserStateEvent } from './globaluserstate.js';
import type { HostTargetEvent } from './hosttarget.js';
import type { JoinEvent, PartEvent } from './membership.js';
import type { CheerEvent, ChatMessageEvent } from './message.js';
import type { NoticeEvent } from './notice.js';
import type { RawEvent } from './raw.js';
import type { ReconnectEvent } from './reconnect.js';
import type { RoomStateEvent } from './roomstate.js';
import type { AnnouncementEvent } from './usernotice/announcement.js';
import type { BitsBadgeTierEvent } from './usernotice/bits-badge-tier.js';
import type { UserNoticeEvent } from './usernotice/common.js';
import type { SubGiftEvent, SubMysteryGiftEvent } from './usernotice/gifts.js';
import type {
  AnonGiftPaidUpgradeEvent,
  GiftPaidUpgradeEvent,
  PrimePaidUpgradeEvent,
} from './usernotice/paid-upgrades.js';
import type { RaidEvent, UnraidEvent } from './usernotice/raid.js';
import type { RitualEvent } from './usernotice/ritual.js';
import type { ResubEvent, SubEvent } from './usernotice/subscription.js';
import type { ViewerMilestoneEvent } from './usernotice/viewer-milestone.js';
import type { UserStateEvent } from './userstate.js';
import type { WhisperEvent } from './whisper.js';

/**
 * Subscription name → the event a handler receives: `on<K extends keyof ChatEventMap>(type: K,
 * handler: (e: ChatEventMap[K]) => void)`. Every key is a `type` of {@link ChatEvent} except
 * `cheer`, a view of `message` (see {@link eventTypesFor}).
 */
export interface ChatEventMap {
  message: ChatMessageEvent;
  cheer: CheerEvent;
  sub: SubEvent;
  resub: ResubEvent;
  subgift: SubGiftEvent;
  submysterygift: SubMysteryGiftEvent;
  giftpaidupgrade: GiftPaidUpgradeEvent;
  anongiftpaidupgrade: AnonGiftPaidUpgradeEvent;
  primepaidupgrade: PrimePaidUpgradeEvent;
  raid: RaidEvent;
  unraid: UnraidEvent;
  announcement: AnnouncementEvent;
  bitsbadgetier: BitsBadgeTierEvent;
  ritual: RitualEvent;
  viewermilestone: ViewerMilestoneEvent;
  usernotice: UserNoticeEvent;
  clearchat: ClearChatEvent;
  clearmsg: ClearMsgEvent;
  roomstate: RoomStateEvent;
  notice: NoticeEvent;
  userstate: UserStateEvent;
  globaluserstate: GlobalUserStateEvent;
  join: JoinEvent;
  part: PartEvent;
  whisper: WhisperEvent;
  reconnect: ReconnectEvent;
  hosttarget: HostTargetEvent;
  raw: RawEvent;
}

/** A name a handler can subscribe to. */
export type ChatEventType = keyof ChatEventMap;

/** Every event {@link parseChatEvent} returns, discriminated by `type`. */
export type ChatEvent = ChatEventMap[Exclude<ChatEventType, 'cheer'>];

// Typed as a full record so adding a key to ChatEventMap without listing it here fails to compile.
const TYPE_SET: Record<ChatEventType, true> = {
  message: true,
  cheer: true,
  sub: true,
  resub: true,
  subgift: true,
  submysterygift: true,
  giftpaidupgrade: true,
  anongiftpaidupgrade: true,
  primepaidupgrade: true,
  raid: true,
  unraid: true,
  announcement: true,
  bitsbadgetier: true,
  ritual: true,
  viewermilestone: true,
  usernotice: true,
  clearchat: true,
  clearmsg: true,
  roomstate: true,
  notice: true,
  userstate: true,
  globaluserstate: true,
  join: true,
  part: true,
  whisper: true,
  reconnect: true,
  hosttarget: true,
  raw: true,
};

/** Every subscribable event name, in {@link ChatEventMap} order. */
export const EVENT_TYPES: readonly ChatEventType[] = Object.freeze(Object.keys(TYPE_SET) as ChatEventType[]);

/** True when `name` is a subscribable event name (for config and CLI input). */
export function isChatEventType(name: string): name is ChatEventType {
  return Object.hasOwn(TYPE_SET, name);
}

const SINGLE = new Map<ChatEventType, readonly ChatEventType[]>(
  EVENT_TYPES.map((type) => [type, Object.freeze([type])]),
);
const MESSAGE_AND_CHEER: readonly ChatEventType[] = Object.freeze(['message', 'cheer'] as const);

/**
 * The subscriptions an event is delivered to: its own `type`, plus `cheer` for a `message`
 * with bits > 0. Cheers are not a separate event so that a `message` subscriber still sees
 * every chat line once; whoever wants only cheers subscribes to `cheer`. Returns shared frozen
 * arrays, so dispatching allocates nothing.
 */
export function eventTypesFor(event: ChatEvent): readonly ChatEventType[] {
  if (event.type === 'message' && event.bits !== null && event.bits > 0) return MESSAGE_AND_CHEER;
  return SINGLE.get(event.type) ?? [event.type];
}
