import { type IrcSource, parseSource } from './source.js';
import { unescapeTagValue } from './tag-escape.js';

/** One IRC line split into its parts. */
export interface IrcMessage {
  /**
   * IRCv3 tags, unescaped; a tag without a value maps to `''`, and of duplicate keys the last
   * wins. The object has no prototype, so a tag named `constructor` or `__proto__` is an
   * ordinary key and a missing tag is always `undefined`.
   */
  tags: Record<string, string>;
  /** The prefix, split; null when the line has none (`PING :tmi.twitch.tv`). */
  source: IrcSource | null;
  /** The verb as sent (`PRIVMSG`, `001`); `''` when the line has no command (malformed). */
  command: string;
  /** Middle params and the trailing param (without its `:`), in order. */
  params: string[];
}

const SPACE = 32;

/**
 * Tag objects are built by a constructor whose prototype has no prototype: like
 * `Object.create(null)` no key is inherited (`__proto__` and `constructor` are ordinary keys),
 * but V8 keeps them in fast mode with shared shapes, since chat lines carry the same tags in the
 * same order; a null-prototype literal is a slow dictionary from its first key (2× the parse).
 */
const Tags = function Tags(this: Record<string, string>) {} as unknown as new () => Record<string, string>;
Tags.prototype = Object.create(null);

/**
 * Parses one line (a trailing CR/LF is ignored) into tags, source, command and params.
 *
 * Never throws: a line without a command (empty, only tags, only a prefix) comes back with
 * `command: ''`, so callers decide what a malformed line means to them. Runs of spaces separate
 * params as in RFC 1459; a tab is not a separator.
 */
export function parseIrcLine(line: string): IrcMessage {
  const end = contentEnd(line);
  const tags: Record<string, string> = new Tags();
  const params: string[] = [];
  let source: IrcSource | null = null;
  let pos = 0;

  if (line.charCodeAt(0) === 64 /* @ */) {
    const space = indexOfSpace(line, 1, end);
    readTags(line, 1, space, tags);
    pos = skipSpaces(line, space, end);
  }
  if (pos < end && line.charCodeAt(pos) === 58 /* : */) {
    const space = indexOfSpace(line, pos + 1, end);
    source = parseSource(line.slice(pos + 1, space));
    pos = skipSpaces(line, space, end);
  }
  const commandEnd = indexOfSpace(line, pos, end);
  const command = line.slice(pos, commandEnd);
  // A prefix or tag section with nothing after it is not a message.
  if (command === '') return { tags, source, command, params };

  pos = skipSpaces(line, commandEnd, end);
  while (pos < end) {
    if (line.charCodeAt(pos) === 58 /* : */) {
      params.push(line.slice(pos + 1, end));
      break;
    }
    const paramEnd = indexOfSpace(line, pos, end);
    params.push(line.slice(pos, paramEnd));
    pos = skipSpaces(line, paramEnd, end);
  }
  return { tags, source, command, params };
}

/** Fills `into` from the `;`-separated tag section `line[from, to)`. */
function readTags(line: string, from: number, to: number, into: Record<string, string>): void {
  let pos = from;
  while (pos < to) {
    let semi = line.indexOf(';', pos);
    if (semi === -1 || semi > to) semi = to;
    const eq = line.indexOf('=', pos);
    if (eq !== -1 && eq < semi) {
      const key = line.slice(pos, eq);
      if (key !== '') into[key] = unescapeTagValue(line.slice(eq + 1, semi));
    } else if (semi > pos) {
      into[line.slice(pos, semi)] = '';
    }
    pos = semi + 1;
  }
}

/** Length of the line without one trailing CRLF, LF or CR. */
function contentEnd(line: string): number {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 10) end--;
  if (line.charCodeAt(end - 1) === 13) end--;
  return end;
}

function indexOfSpace(line: string, from: number, end: number): number {
  const i = line.indexOf(' ', from);
  return i === -1 || i > end ? end : i;
}

function skipSpaces(line: string, from: number, end: number): number {
  let pos = from;
  while (pos < end && line.charCodeAt(pos) === SPACE) pos++;
  return pos;
}
