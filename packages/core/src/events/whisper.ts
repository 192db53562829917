import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { type Emote, parseEmotes } from './emotes.js';
import { malformed } from './malformed.js';
import { requireNick, textTag } from './tag-values.js';
import { stripAction } from './text.js';
import { type ChatUser, userFromTags } from './user.js';

/** A private message to the bot (WHISPER). Twitch no longer documents it, but still may send it. */
export interface WhisperEvent extends EventBase {
  type: 'whisper';
  /** The sender; channel-only flags (mod, subscriber) are false. */
  user: ChatUser;
  /** Login the whisper was sent to: the bot. */
  recipientLogin: string;
  text: string;
  isAction: boolean;
  emotes: Emote[];
  /** `message-id` (a per-thread counter, not a UUID), or null. */
  messageId: string | null;
  /** `thread-id` (`<lower user id>_<higher user id>`), or null. */
  threadId: string | null;
}

/** WHISPER → {@link WhisperEvent}. Needs a sender, a recipient and a text param. */
export function parseWhisper(msg: IrcMessage, base: EventBase): WhisperEvent {
  const tags = msg.tags;
  const login = requireNick(msg);
  const recipientLogin = msg.params[0] || malformed('WHISPER without a recipient');
  const { text, isAction } = stripAction(msg.params[1] ?? malformed('WHISPER without text'));
  return {
    type: 'whisper',
    ...base,
    user: userFromTags(tags, login),
    recipientLogin,
    text,
    isAction,
    emotes: parseEmotes(tags['emotes'], text),
    messageId: textTag(tags, 'message-id'),
    threadId: textTag(tags, 'thread-id'),
  };
}
