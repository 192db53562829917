import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { intTag, requireChannel, textTag } from './tag-values.js';

interface ClearChatBase extends EventBase {
  type: 'clearchat';
  channel: string;
  roomId: string | null;
  /** Server time (`tmi-sent-ts`), or null. */
  sentAt: number | null;
}

/** A moderator cleared the whole chat (`/clear`). */
export interface ClearChatAllEvent extends ClearChatBase {
  action: 'clear';
  targetUserId: null;
  targetLogin: null;
  durationSeconds: null;
}

/** A user was timed out: their messages are removed and they are muted for a while. */
export interface ClearChatTimeoutEvent extends ClearChatBase {
  action: 'timeout';
  targetUserId: string | null;
  targetLogin: string;
  /** Length of the timeout (`ban-duration`). */
  durationSeconds: number;
}

/** A user was banned permanently. */
export interface ClearChatBanEvent extends ClearChatBase {
  action: 'ban';
  targetUserId: string | null;
  targetLogin: string;
  durationSeconds: null;
}

/** CLEARCHAT, narrowed by `action`: the whole chat, a timeout or a ban. */
export type ClearChatEvent = ClearChatAllEvent | ClearChatTimeoutEvent | ClearChatBanEvent;

/** CLEARCHAT → {@link ClearChatEvent}. A target login makes it a ban, plus `ban-duration` a timeout. */
export function parseClearChat(msg: IrcMessage, base: EventBase): ClearChatEvent {
  const tags = msg.tags;
  const common = {
    type: 'clearchat' as const,
    ...base,
    channel: requireChannel(msg),
    roomId: textTag(tags, 'room-id'),
    sentAt: intTag(tags, 'tmi-sent-ts'),
  };
  const targetLogin = msg.params[1];
  if (!targetLogin) {
    return { ...common, action: 'clear', targetUserId: null, targetLogin: null, durationSeconds: null };
  }
  const targetUserId = textTag(tags, 'target-user-id');
  const durationSeconds = intTag(tags, 'ban-duration');
  return durationSeconds === null
    ? { ...common, action: 'ban', targetUserId, targetLogin, durationSeconds }
    : { ...common, action: 'timeout', targetUserId, targetLogin, durationSeconds };
}
