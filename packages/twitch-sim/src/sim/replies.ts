import { escapeTagValue } from '../irc/index.js';
import type { SimAccount } from './accounts.js';
import type { Channel } from './channel.js';

/**
 * Twitch's reply lines, byte for byte. Tags are written in Twitch's (alphabetical) order and always
 * as `key=value`, even when the value is empty (`badge-info=;`), as the codec's `TagWriter` does;
 * these fixed tag sets are plain templates.
 */

/** Twitch has handed out emote set 0 to everyone; the sim gives no one anything else. */
export const EMOTE_SETS = '0';

/** The registration block, 001 through 376 (tmi.js treats 376 as "connected"). */
export function welcomeLines(nick: string): string[] {
  return [
    `:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!`,
    `:tmi.twitch.tv 002 ${nick} :Your host is tmi.twitch.tv`,
    `:tmi.twitch.tv 003 ${nick} :This server is rather new`,
    `:tmi.twitch.tv 004 ${nick} :-`,
    `:tmi.twitch.tv 375 ${nick} :-`,
    `:tmi.twitch.tv 372 ${nick} :You are in a maze of twisty passages, all alike.`,
    `:tmi.twitch.tv 376 ${nick} :>`,
  ];
}

/** The ids of the numerics in {@link welcomeLines}, for per-command counters. */
export const WELCOME_COMMANDS = ['001', '002', '003', '004', '375', '372', '376'] as const;

export function globalUserStateTags(account: SimAccount): string {
  return `badge-info=;badges=;color=${escapeTagValue(account.color)};display-name=${escapeTagValue(account.displayName)};emote-sets=${EMOTE_SETS};user-id=${account.userId};user-type=`;
}

/** The account's role in a channel, as its badges and tags show it. */
export interface Role {
  badges: string;
  mod: boolean;
  vip: boolean;
  userType: string;
}

export function roleIn(channel: Channel, login: string): Role {
  if (channel.isBroadcaster(login)) return { badges: 'broadcaster/1', mod: false, vip: false, userType: '' };
  if (channel.isModerator(login)) return { badges: 'moderator/1', mod: true, vip: false, userType: 'mod' };
  if (channel.vips.has(login)) return { badges: 'vip/1', mod: false, vip: true, userType: '' };
  return { badges: '', mod: false, vip: false, userType: '' };
}

/** USERSTATE tags; `id` is set on the USERSTATE that acknowledges a sent PRIVMSG. */
export function userStateTags(account: SimAccount, channel: Channel, id?: string): string {
  const role = roleIn(channel, account.login);
  return `badge-info=;badges=${role.badges};color=${escapeTagValue(account.color)};display-name=${escapeTagValue(account.displayName)};emote-sets=${EMOTE_SETS};${id === undefined ? '' : `id=${id};`}mod=${role.mod ? 1 : 0};subscriber=0;user-type=${role.userType}`;
}

export function namesLine(nick: string, channel: string, names: string): string {
  return `:${nick}.tmi.twitch.tv 353 ${nick} = #${channel} :${names}`;
}

export function endOfNamesLine(nick: string, channel: string): string {
  return `:${nick}.tmi.twitch.tv 366 ${nick} #${channel} :End of /NAMES list`;
}

/** Channel NOTICEs Twitch sends for failed JOINs and refused messages. */
export const NOTICE_TEXT = {
  msg_channel_suspended: () => 'This channel does not exist or has been suspended.',
  msg_banned: (channel: string) => `You are permanently banned from talking in ${channel}.`,
  unrecognized_cmd: (command: string) => `Unrecognized command: ${command}`,
} as const;

/** A channel NOTICE without its `@msg-id=…` tag (sent separately so it can be stripped). */
export function noticeLine(channel: string, text: string): string {
  return `:tmi.twitch.tv NOTICE #${channel} :${text}`;
}
