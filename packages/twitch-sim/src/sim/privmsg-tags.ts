import { escapeTagValue, parseLine } from '../irc/index.js';
import type { SimAccount } from './accounts.js';
import type { Channel, RecentMessage } from './channel.js';
import { roleIn } from './replies.js';

/** What a PRIVMSG's tags are made of. */
export interface PrivmsgTagInput {
  account: SimAccount;
  channel: Channel;
  id: string;
  ts: number;
  emotes: string;
  /** `client-nonce` the client sent, echoed back. */
  clientNonce: string | undefined;
  /** The parent message when the client replied to one the sim knows. */
  parent: { id: string; message: RecentMessage } | null;
}

/** The tag string (no `@`) of a chat message, in Twitch's order; `vip=1` only for VIPs. */
export function privmsgTags(p: PrivmsgTagInput): string {
  const role = roleIn(p.channel, p.account.login);
  let tags = `badge-info=;badges=${role.badges};`;
  if (p.clientNonce !== undefined) tags += `client-nonce=${escapeTagValue(p.clientNonce)};`;
  tags += `color=${escapeTagValue(p.account.color)};display-name=${escapeTagValue(p.account.displayName)};emotes=${p.emotes};first-msg=0;flags=;id=${p.id};mod=${role.mod ? 1 : 0};`;
  if (p.parent) {
    const m = p.parent.message;
    tags +=
      `reply-parent-display-name=${escapeTagValue(m.displayName)};reply-parent-msg-body=${escapeTagValue(m.body)};` +
      `reply-parent-msg-id=${p.parent.id};reply-parent-user-id=${m.userId};reply-parent-user-login=${m.login};` +
      `reply-thread-parent-msg-id=${m.threadId};reply-thread-parent-user-login=${m.threadLogin};`;
  }
  tags += `returning-chatter=0;room-id=${p.channel.roomId};subscriber=0;tmi-sent-ts=${p.ts};turbo=0;user-id=${p.account.userId};user-type=${role.userType}`;
  if (role.vip) tags += ';vip=1';
  return tags;
}

/**
 * Looks up a reply parent in the channel's recent messages. Injected lines are stored raw and
 * parsed only here, when someone actually replies to one.
 */
export function findParent(channel: Channel, id: string): { id: string; message: RecentMessage } | null {
  const found = channel.recall(id);
  if (found === undefined) return null;
  if (typeof found !== 'string') return { id, message: found };
  try {
    const msg = parseLine(found);
    const login = msg.source?.split('!')[0] ?? '';
    const message: RecentMessage = {
      login,
      displayName: msg.tags['display-name'] ?? login,
      userId: msg.tags['user-id'] ?? '',
      body: msg.params[1] ?? '',
      threadId: msg.tags['reply-thread-parent-msg-id'] ?? id,
      threadLogin: msg.tags['reply-thread-parent-user-login'] ?? login,
    };
    channel.replace(id, message);
    return { id, message };
  } catch {
    return null;
  }
}
