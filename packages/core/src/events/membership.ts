import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { requireChannel, requireNick } from './tag-values.js';

/**
 * A user entered a channel (JOIN, with the `twitch.tv/membership` capability). The parser does
 * not know the bot's own login, so the bot's own JOIN echo is a `join` too; the client compares
 * `login` with its own to tell them apart. Twitch sends no membership for rooms over 1,000 users.
 */
export interface JoinEvent extends EventBase {
  type: 'join';
  channel: string;
  login: string;
}

/** A user left a channel (PART); the same caveats as {@link JoinEvent}. */
export interface PartEvent extends EventBase {
  type: 'part';
  channel: string;
  login: string;
}

/** JOIN → {@link JoinEvent}. Needs a sender and a `#channel`. */
export function parseJoin(msg: IrcMessage, base: EventBase): JoinEvent {
  return { type: 'join', ...base, channel: requireChannel(msg), login: requireNick(msg) };
}

/** PART → {@link PartEvent}. Needs a sender and a `#channel`. */
export function parsePart(msg: IrcMessage, base: EventBase): PartEvent {
  return { type: 'part', ...base, channel: requireChannel(msg), login: requireNick(msg) };
}
