import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { malformed } from './malformed.js';
import { intTag, requireChannel, textTag } from './tag-values.js';
import { stripAction } from './text.js';

/** A moderator deleted one message (CLEARMSG). */
export interface ClearMsgEvent extends EventBase {
  type: 'clearmsg';
  channel: string;
  /** Twitch sends `room-id=` empty here, so this is usually null. */
  roomId: string | null;
  /** The deleted message's `id`. */
  targetMsgId: string;
  /** Login of the message's sender, or null. */
  login: string | null;
  /** The deleted message's text, `/me` wrapper removed. */
  text: string;
  isAction: boolean;
  sentAt: number | null;
}

/** CLEARMSG → {@link ClearMsgEvent}. Needs a `#channel` and `target-msg-id`. */
export function parseClearMsg(msg: IrcMessage, base: EventBase): ClearMsgEvent {
  const tags = msg.tags;
  const channel = requireChannel(msg);
  const targetMsgId = textTag(tags, 'target-msg-id') ?? malformed('CLEARMSG without target-msg-id');
  const { text, isAction } = stripAction(msg.params[1] ?? '');
  return {
    type: 'clearmsg',
    ...base,
    channel,
    roomId: textTag(tags, 'room-id'),
    targetMsgId,
    login: textTag(tags, 'login'),
    text,
    isAction,
    sentAt: intTag(tags, 'tmi-sent-ts'),
  };
}
