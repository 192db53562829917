import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { flagTag, intTag, requireChannel, textTag } from './tag-values.js';

/**
 * Chat settings of a channel (ROOMSTATE). Twitch sends all of them on join and only the changed
 * one afterwards, so a key is present only when the line carries its tag: `undefined` means
 * "unchanged", not "off". A number tag that is present but not numeric becomes null.
 */
export interface RoomStateEvent extends EventBase {
  type: 'roomstate';
  channel: string;
  roomId: string | null;
  emoteOnly?: boolean;
  /** Minutes a user must follow before chatting; 0 = any follower, -1 = off. */
  followersOnlyMinutes?: number | null;
  /** Unique-chat mode (`r9k`). */
  r9k?: boolean;
  /** Seconds between a user's messages; 0 = off. */
  slowSeconds?: number | null;
  subsOnly?: boolean;
}

/** ROOMSTATE → {@link RoomStateEvent}, with only the keys the line carries. */
export function parseRoomState(msg: IrcMessage, base: EventBase): RoomStateEvent {
  const tags = msg.tags;
  const event: RoomStateEvent = {
    type: 'roomstate',
    ...base,
    channel: requireChannel(msg),
    roomId: textTag(tags, 'room-id'),
  };
  if (tags['emote-only'] !== undefined) event.emoteOnly = flagTag(tags, 'emote-only');
  if (tags['followers-only'] !== undefined) event.followersOnlyMinutes = intTag(tags, 'followers-only');
  if (tags['r9k'] !== undefined) event.r9k = flagTag(tags, 'r9k');
  if (tags['slow'] !== undefined) event.slowSeconds = intTag(tags, 'slow');
  if (tags['subs-only'] !== undefined) event.subsOnly = flagTag(tags, 'subs-only');
  return event;
}
