import { parseIrcLine } from '../irc/index.js';
import { type JoinFailureReason, joinFailureReasons } from '../protocol/reports.js';

/**
 * Facts the pool reads from the few lines that change channel state. These lines are rare
 * (a handful per join), so the full parser is fine here; the hot path never calls it.
 */

/** The nick of a `:nick!user@host …` prefix starting at `from`, or null without a prefix. */
export function prefixNick(line: string, from: number): string | null {
  if (line.charCodeAt(from) !== 58 /* : */) return null;
  let end = from + 1;
  for (; end < line.length; end++) {
    const c = line.charCodeAt(end);
    if (c === 33 /* ! */ || c === 64 /* @ */ || c === 32 /* space */) break;
  }
  return line.slice(from + 1, end).toLowerCase();
}

/** NOTICE msg-ids that mean a JOIN was refused (twitch-irc.md §1.3, §1.6). */
const JOIN_FAILURES: ReadonlySet<string> = new Set<JoinFailureReason>(
  joinFailureReasons.filter((r) => r.startsWith('msg_') || r === 'tos_ban'),
);

/** The join-failure reason a channel NOTICE carries, or null when it is about something else. */
export function joinFailureOf(line: string): JoinFailureReason | null {
  const id = parseIrcLine(line).tags['msg-id'];
  return id !== undefined && JOIN_FAILURES.has(id) ? (id as JoinFailureReason) : null;
}

/** Badges that exempt an account from the 100-concurrent-channel rule (Twitch: mod or broadcaster). */
const EXEMPT_BADGES = ['broadcaster/', 'moderator/'];

/** What a USERSTATE says about our role in its channel. */
export interface ChannelRole {
  /** Broadcaster, moderator or VIP: the larger PRIVMSG bucket, no per-channel or duplicate rule. */
  privileged: boolean;
  /** Broadcaster or moderator: the channel does not count toward the 100 concurrent channels. */
  exempt: boolean;
}

/** Our role in a USERSTATE's channel, from `mod=1` and the badges. */
export function userstateRole(line: string): ChannelRole {
  const tags = parseIrcLine(line).tags;
  const badges = (tags.badges ?? '').split(',').filter((b) => b !== '');
  const exempt = tags.mod === '1' || badges.some((b) => EXEMPT_BADGES.some((p) => b.startsWith(p)));
  return { exempt, privileged: exempt || badges.some((b) => b.startsWith('vip/')) };
}

/** Whether a USERSTATE says we are broadcaster, moderator or VIP in its channel. */
export function isPrivilegedUserstate(line: string): boolean {
  return userstateRole(line).privileged;
}
