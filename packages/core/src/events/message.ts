import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { type Emote, parseEmotes } from './emotes.js';
import { malformed } from './malformed.js';
import { intTag, requireChannel, requireNick, textTag } from './tag-values.js';
import { stripAction } from './text.js';
import { type ChatUser, userFromTags } from './user.js';

/** The message a chat reply answers (`reply-parent-*` tags). */
export interface ReplyInfo {
  parentMsgId: string;
  /** `''` when Twitch left the tag out, as with the other parent fields. */
  parentUserId: string;
  parentUserLogin: string;
  parentDisplayName: string;
  parentMsgBody: string;
  /** First message of the reply thread; null on lines older than reply threads (2023). */
  threadParentMsgId: string | null;
  threadParentUserLogin: string | null;
}

/** A chat message (PRIVMSG). */
export interface ChatMessageEvent extends EventBase {
  type: 'message';
  /** Channel login, without `#`. */
  channel: string;
  roomId: string | null;
  /** Message id (`id` tag): the key for deduplication, CLEARMSG and replies. */
  id: string | null;
  /** The text as shown, without the `/me` wrapper. */
  text: string;
  /** Sent with `/me`. */
  isAction: boolean;
  user: ChatUser;
  /** Emote occurrences in `text`, by position. */
  emotes: Emote[];
  /** Bits cheered with this message, or null. A message with bits is also a `cheer`. */
  bits: number | null;
  reply: ReplyInfo | null;
  /** PRIVMSG `msg-id` (`highlighted-message`, `user-intro`, …), or null. */
  msgId: string | null;
  /** Channel-points reward redeemed with this message, or null. */
  customRewardId: string | null;
  /** Server time (`tmi-sent-ts`, ms since the epoch), or null. */
  sentAt: number | null;
}

/**
 * A message that carries bits. Not a separate line or `type`: {@link eventTypesFor} lists
 * `'cheer'` for every `message` with `bits > 0`, so a `cheer` subscriber gets exactly those.
 */
export interface CheerEvent extends ChatMessageEvent {
  bits: number;
}

/** PRIVMSG → {@link ChatMessageEvent}. Needs a sender, a `#channel` and a text param. */
export function parseMessage(msg: IrcMessage, base: EventBase): ChatMessageEvent {
  const tags = msg.tags;
  const login = requireNick(msg);
  const channel = requireChannel(msg);
  const body = msg.params[1] ?? malformed('PRIVMSG without text');
  const { text, isAction } = stripAction(body);
  return {
    type: 'message',
    ...base,
    channel,
    roomId: textTag(tags, 'room-id'),
    id: textTag(tags, 'id'),
    text,
    isAction,
    user: userFromTags(tags, login),
    emotes: parseEmotes(tags['emotes'], text),
    bits: intTag(tags, 'bits'),
    reply: parseReply(tags),
    msgId: textTag(tags, 'msg-id'),
    customRewardId: textTag(tags, 'custom-reward-id'),
    sentAt: intTag(tags, 'tmi-sent-ts'),
  };
}

function parseReply(tags: Readonly<Record<string, string>>): ReplyInfo | null {
  const parentMsgId = tags['reply-parent-msg-id'];
  if (!parentMsgId) return null;
  return {
    parentMsgId,
    parentUserId: tags['reply-parent-user-id'] ?? '',
    parentUserLogin: tags['reply-parent-user-login'] ?? '',
    parentDisplayName: tags['reply-parent-display-name'] ?? '',
    parentMsgBody: tags['reply-parent-msg-body'] ?? '',
    threadParentMsgId: textTag(tags, 'reply-thread-parent-msg-id'),
    threadParentUserLogin: textTag(tags, 'reply-thread-parent-user-login'),
  };
}
