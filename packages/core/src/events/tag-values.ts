import type { IrcMessage } from '../irc/parse.js';
import { malformed } from './malformed.js';

type Tags = Readonly<Record<string, string>>;

const INTEGER = /^-?\d{1,16}$/;

/**
 * A numeric tag as a number; null when the tag is missing, empty or not an integer, never NaN.
 * Strict on purpose: `Number()` would accept ` 12`, `0x10` and `1e3`.
 */
export function intTag(tags: Tags, key: string): number | null {
  const value = tags[key];
  return value !== undefined && INTEGER.test(value) ? Number(value) : null;
}

/**
 * A boolean tag: true for `1` (and `true`, which some `msg-param-*` flags use). Only call this
 * for tags that ARE booleans: `msg-param-months=1` is a count, not `true` (tmi.js issue #385).
 */
export function flagTag(tags: Tags, key: string): boolean {
  const value = tags[key];
  return value === '1' || value === 'true';
}

/** A string tag; null when missing or empty (Twitch sends `color=` for "not set"). */
export function textTag(tags: Tags, key: string): string | null {
  const value = tags[key];
  return value === undefined || value === '' ? null : value;
}

/** The channel login named by the first param (`#foo` → `foo`), or null. */
export function channelParam(msg: IrcMessage): string | null {
  const first = msg.params[0];
  return first !== undefined && first.length > 1 && first.charCodeAt(0) === 35 ? first.slice(1) : null;
}

/** Like {@link channelParam}, for kinds that are meaningless without a channel. */
export function requireChannel(msg: IrcMessage): string {
  return channelParam(msg) ?? malformed(`${msg.command} without a #channel`);
}

/** The sender's nick, for kinds that are meaningless without one. */
export function requireNick(msg: IrcMessage): string {
  const nick = msg.source?.nick;
  return nick ? nick : malformed(`${msg.command} without a sender`);
}
