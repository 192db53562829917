import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { channelParam, textTag } from './tag-values.js';

/** A server notice (NOTICE): command results, join failures, login failures. */
export interface NoticeEvent extends EventBase {
  type: 'notice';
  /** `msg-id` (`msg_ratelimit`, `msg_banned`, …); null for login failures, which have no tags. */
  msgId: string | null;
  /** Twitch's human-readable text. */
  text: string;
  /** The channel it concerns; null for connection-wide notices (`NOTICE *`). */
  channel: string | null;
}

/** NOTICE → {@link NoticeEvent}. */
export function parseNotice(msg: IrcMessage, base: EventBase): NoticeEvent {
  return {
    type: 'notice',
    ...base,
    msgId: textTag(msg.tags, 'msg-id'),
    text: msg.params[1] ?? '',
    channel: channelParam(msg),
  };
}
