import { parseIrcLine } from '../irc/parse.js';
import type { EventBase, EventMeta } from './base.js';
import type { ChatEvent } from './chat-event.js';
import { parseClearChat } from './clearchat.js';
import { parseClearMsg } from './clearmsg.js';
import { parseGlobalUserState } from './globaluserstate.js';
import { parseHostTarget } from './hosttarget.js';
import { MalformedLineError } from './malformed.js';
import { parseJoin, parsePart } from './membership.js';
import { parseMessage } from './message.js';
import { parseNotice } from './notice.js';
import { rawEvent } from './raw.js';
import { parseReconnect } from './reconnect.js';
import { parseRoomState } from './roomstate.js';
import { parseUserNotice } from './usernotice/parse-usernotice.js';
import { parseUserState } from './userstate.js';
import { parseWhisper } from './whisper.js';

/**
 * Turns one raw line from the event stream into a typed {@link ChatEvent}, carrying `raw`,
 * all tags and the caller's envelope (`receivedAt`, `receiverId`).
 *
 * Never throws: lines of a kind without a typed event (PING, numerics) become `raw` with
 * `error: null`; a line with no command, or a known kind missing what it needs (a PRIVMSG
 * without a channel), becomes `raw` with `error` saying why. Missing or non-numeric numbers
 * are null, never NaN.
 */
export function parseChatEvent(line: string, meta: EventMeta): ChatEvent {
  const msg = parseIrcLine(line);
  const base: EventBase = {
    raw: line,
    receivedAt: meta.receivedAt,
    receiverId: meta.receiverId,
    tags: msg.tags,
  };
  if (msg.command === '') return rawEvent(msg, base, 'no command');
  try {
    switch (msg.command) {
      case 'PRIVMSG':
        return parseMessage(msg, base);
      case 'USERNOTICE':
        return parseUserNotice(msg, base);
      case 'CLEARCHAT':
        return parseClearChat(msg, base);
      case 'CLEARMSG':
        return parseClearMsg(msg, base);
      case 'ROOMSTATE':
        return parseRoomState(msg, base);
      case 'NOTICE':
        return parseNotice(msg, base);
      case 'USERSTATE':
        return parseUserState(msg, base);
      case 'GLOBALUSERSTATE':
        return parseGlobalUserState(msg, base);
      case 'JOIN':
        return parseJoin(msg, base);
      case 'PART':
        return parsePart(msg, base);
      case 'WHISPER':
        return parseWhisper(msg, base);
      case 'RECONNECT':
        return parseReconnect(base);
      case 'HOSTTARGET':
        return parseHostTarget(msg, base);
      default:
        return rawEvent(msg, base, null);
    }
  } catch (err) {
    // Anything else would be a bug in a kind parser; still deliver the line rather than lose it.
    const reason = err instanceof MalformedLineError ? err.message : `parser bug: ${String(err)}`;
    return rawEvent(msg, base, reason);
  }
}
