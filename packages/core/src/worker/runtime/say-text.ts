import type { SayRejectReason } from '../../protocol/results.js';

/** Twitch cuts chat messages at 500 characters, counted in code points. */
export const MAX_MESSAGE_CHARS = 500;

const ME = '/me ';

/** The PRIVMSG texts a say becomes, or why it cannot be sent. */
export type PreparedSay = { ok: true; parts: string[] } | { ok: false; reason: SayRejectReason };

/**
 * Turns a say's text into the texts of its PRIVMSGs. CR, LF and NUL become spaces (a chat message
 * is one line, and a CR/LF would let a text inject a second IRC command); outer white space is
 * trimmed. `/me text` is kept as an action, and each part of a split action is an action again;
 * other `/commands` were removed from IRC in 2023 and are refused here instead of at Twitch.
 * Over 500 code points the text is split at the last space that keeps a part within the limit
 * (a single word longer than that is cut), or refused with `overLength: 'reject'`.
 */
export function prepareSay(text: string, overLength: 'split' | 'reject'): PreparedSay {
  const clean = text.replace(/[\r\n\0]+/g, ' ').trim();
  const action = clean.startsWith(ME) || clean === '/me';
  const body = action ? clean.slice(3).trim() : clean;
  if (body === '') return { ok: false, reason: 'empty' };
  if (!action && isCommand(body)) return { ok: false, reason: 'unsupported_command' };
  const points = Array.from(body);
  if (points.length <= MAX_MESSAGE_CHARS) return { ok: true, parts: [action ? ME + body : body] };
  if (overLength === 'reject') return { ok: false, reason: 'too_long' };
  const parts = splitAtWords(points, MAX_MESSAGE_CHARS);
  return { ok: true, parts: action ? parts.map((p) => ME + p) : parts };
}

/** `/ban x`, `/w x` …: a slash and a letter; `/ text`, `//text` and `/` alone are plain text. */
function isCommand(body: string): boolean {
  const second = body.charAt(1);
  return body.startsWith('/') && second !== '' && second !== ' ' && second !== '/';
}

/** Splits code points into parts of at most `max`, preferring to cut at white space. */
export function splitAtWords(points: readonly string[], max: number): string[] {
  const parts: string[] = [];
  let start = 0;
  while (points.length - start > max) {
    // A space right after the first `max` points is a clean cut too.
    let cut = -1;
    for (let i = start + max; i > start; i--) {
      if (isSpace(points[i])) {
        cut = i;
        break;
      }
    }
    if (cut === -1) {
      parts.push(points.slice(start, start + max).join(''));
      start += max;
    } else {
      parts.push(points.slice(start, cut).join('').trimEnd());
      start = cut + 1;
    }
    while (start < points.length && isSpace(points[start])) start++;
  }
  if (start < points.length) parts.push(points.slice(start).join(''));
  return parts;
}

function isSpace(point: string | undefined): boolean {
  return point !== undefined && /^\s$/u.test(point);
}

/** The PRIVMSG line for one part; a reply carries Twitch's `reply-parent-msg-id` client tag. */
export function privmsgLine(channel: string, text: string, replyTo: string | undefined): string {
  const line = `PRIVMSG #${channel} :${text}`;
  return replyTo === undefined ? line : `@reply-parent-msg-id=${escapeTagValue(replyTo)} ${line}`;
}

/** IRCv3 tag-value escaping, so a strange id cannot break the line. */
export function escapeTagValue(value: string): string {
  return value.replace(/[\\; \r\n]/g, (c) =>
    c === '\\' ? '\\\\' : c === ';' ? '\\:' : c === ' ' ? '\\s' : c === '\r' ? '\\r' : '\\n',
  );
}
