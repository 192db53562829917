import type { IrcMessage } from '../../irc/parse.js';
import type { EventBase } from '../base.js';
import { type Emote, parseEmotes } from '../emotes.js';
import { intTag, requireChannel, textTag } from '../tag-values.js';
import { type ChatUser, userFromTags } from '../user.js';

/** Fields shared by every USERNOTICE event (sub, raid, announcement, …). */
export interface UserNoticeBase extends EventBase {
  /** Channel login, without `#`. */
  channel: string;
  roomId: string | null;
  /** The notice's own id (`id` tag). */
  id: string | null;
  /** The `msg-id` tag as sent (`resub`, `anonsubgift`, …), whatever `type` it maps to. */
  msgId: string;
  /** Twitch's rendered text (`system-msg`, unescaped); `''` when absent. */
  systemMessage: string;
  /** Who the notice is about: subscriber, gifter, raider, announcer. */
  user: ChatUser;
  /** What the user typed along with it (resub message, announcement); `''` when nothing. */
  text: string;
  emotes: Emote[];
  /** Server time (`tmi-sent-ts`), or null. */
  sentAt: number | null;
}

/** A USERNOTICE whose `msg-id` has no typed event of its own (`rewardgift`, `sharedchatnotice`, …). */
export interface UserNoticeEvent extends UserNoticeBase {
  type: 'usernotice';
}

/** Reads the fields all USERNOTICE kinds share. Needs a `#channel`. */
export function userNoticeBase(msg: IrcMessage, base: EventBase): UserNoticeBase {
  const tags = msg.tags;
  // USERNOTICE text is not a CTCP carrier: keep it verbatim, emote indices count from its start.
  const text = msg.params[1] ?? '';
  return {
    ...base,
    channel: requireChannel(msg),
    roomId: textTag(tags, 'room-id'),
    id: textTag(tags, 'id'),
    msgId: tags['msg-id'] ?? '',
    systemMessage: tags['system-msg'] ?? '',
    user: userFromTags(tags, tags['login'] ?? ''),
    text,
    emotes: parseEmotes(tags['emotes'], text),
    sentAt: intTag(tags, 'tmi-sent-ts'),
  };
}
