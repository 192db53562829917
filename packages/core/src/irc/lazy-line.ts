import { unescapeTagValue } from './tag-escape.js';

/** What the hot path needs to route a line, found without parsing every tag. */
export interface LineInfo {
  /** The verb as sent (`PRIVMSG`, `PING`, `001`); `''` when the line is malformed. */
  command: string;
  /** First param without its `#` when it names a channel (`#foo` → `foo`), else null. */
  channel: string | null;
  /** The `id` tag (unescaped; `''` when value-less), else null. Other `…id` tags never match. */
  id: string | null;
  /** Index where the part after the tags (and the spaces after them) starts; 0 without tags. */
  tagsEnd: number;
}

/**
 * Finds command, channel and `id` tag of a raw line by index arithmetic: one backward search for
 * `;id` in the tag section, then a few `indexOf(' ')`. Workers call this for every line
 * they receive (dedup by id, routing by channel), so it allocates only the returned object and
 * the substrings it returns. Agrees with {@link parseIrcLine} on all three fields, including
 * for malformed lines (command `''`); never throws.
 */
export function scanLine(line: string): LineInfo {
  let end = line.length;
  if (line.charCodeAt(end - 1) === 10) end--;
  if (line.charCodeAt(end - 1) === 13) end--;

  let pos = 0;
  let id: string | null = null;
  if (line.charCodeAt(0) === 64 /* @ */) {
    let space = line.indexOf(' ');
    if (space === -1 || space > end) space = end;
    id = findIdTag(line, space);
    pos = space;
    while (pos < end && line.charCodeAt(pos) === 32) pos++;
  }
  const tagsEnd = pos;

  if (pos < end && line.charCodeAt(pos) === 58 /* : */) {
    const space = line.indexOf(' ', pos);
    if (space === -1 || space >= end) return { command: '', channel: null, id, tagsEnd };
    pos = space;
    while (pos < end && line.charCodeAt(pos) === 32) pos++;
  }

  let commandEnd = line.indexOf(' ', pos);
  if (commandEnd === -1 || commandEnd > end) commandEnd = end;
  // Nine lines in ten are PRIVMSG: return the constant instead of copying seven characters.
  const command =
    commandEnd - pos === 7 && line.startsWith('PRIVMSG', pos) ? 'PRIVMSG' : line.slice(pos, commandEnd);
  if (command === '') return { command, channel: null, id, tagsEnd };

  pos = commandEnd;
  while (pos < end && line.charCodeAt(pos) === 32) pos++;
  // The first param may be the trailing one (`JOIN :#chan`), which runs to the end of line.
  if (line.charCodeAt(pos) === 58 /* : */) pos++;
  let channel: string | null = null;
  if (pos < end - 1 && line.charCodeAt(pos) === 35 /* # */) {
    let paramEnd = line.charCodeAt(pos - 1) === 58 ? end : line.indexOf(' ', pos);
    if (paramEnd === -1 || paramEnd > end) paramEnd = end;
    if (paramEnd > pos + 1) channel = line.slice(pos + 1, paramEnd);
  }
  return { command, channel, id, tagsEnd };
}

/**
 * The value of the last `id` tag in `line[1, space)`, or null. Tag values are escaped, so a
 * raw `;` only ever separates tags: `;id` followed by `=`, `;` or the end of the section is the
 * `id` key, while `reply-parent-msg-id=`, `target-user-id=` or `idx=` are not. Searching
 * backwards from the end of the tags finds the last duplicate first (the full parser's rule)
 * and never looks into the message text; on real lines it is one `lastIndexOf` call.
 */
function findIdTag(line: string, space: number): string | null {
  let at = line.lastIndexOf(';id', space - 3);
  while (at > 0) {
    const value = idValueAt(line, at + 3, space);
    if (value !== null) return value;
    at = line.lastIndexOf(';id', at - 1);
  }
  // The first tag has `@` before it instead of `;`.
  if (line.charCodeAt(1) === 105 /* i */ && line.charCodeAt(2) === 100 /* d */)
    return idValueAt(line, 3, space);
  return null;
}

/** Value of an `id` key whose name ends just before `after`; null if the key is longer. */
function idValueAt(line: string, after: number, space: number): string | null {
  if (after === space) return '';
  const next = line.charCodeAt(after);
  if (next === 59 /* ; */) return '';
  if (next !== 61 /* = */) return null;
  let stop = line.indexOf(';', after + 1);
  if (stop === -1 || stop > space) stop = space;
  return unescapeTagValue(line.slice(after + 1, stop));
}
