import { CAP_COMMANDS, CAP_MEMBERSHIP } from './caps.js';

/**
 * One line on its way out, serialized once for every connection: `tagged` for connections with
 * the tags cap, `bare` (the same line without its `@tags `) for the others. Fan-out then costs a
 * caps check and a queue push per member, never a serialization.
 */
export interface OutLine {
  readonly tagged: string;
  readonly bare: string;
  /** The command (verb), for per-command counters. */
  readonly command: string;
  /** Channel login (no `#`) the line belongs to, or null. */
  readonly channel: string | null;
  /** Cap bits a connection must hold to receive the line at all. */
  readonly need: number;
  /** The `id` tag (message id), when the line has one. */
  readonly id: string | null;
}

/** Commands Twitch sends only to connections with the `twitch.tv/commands` cap. */
const COMMANDS_CAP_VERBS = new Set([
  'CLEARCHAT',
  'CLEARMSG',
  'GLOBALUSERSTATE',
  'HOSTTARGET',
  'NOTICE',
  'RECONNECT',
  'ROOMSTATE',
  'USERNOTICE',
  'USERSTATE',
  'WHISPER',
]);

/** Commands that, about other users, need the `twitch.tv/membership` cap. */
const MEMBERSHIP_VERBS = new Set(['JOIN', 'PART', 'MODE', '353', '366']);

/** Builds an OutLine from a tag string (without `@`, may be empty) and the rest of the line. */
export function outLine(
  tags: string,
  rest: string,
  command: string,
  channel: string | null,
  need: number,
  id: string | null = null,
): OutLine {
  return { tagged: tags === '' ? rest : `@${tags} ${rest}`, bare: rest, command, channel, need, id };
}

/**
 * Classifies a raw line for fan-out: where its tags end, its verb, the caps it needs and its `id`
 * tag, found with a few `indexOf` calls and no full parse (injected traffic is the hot path).
 */
export function classifyLine(line: string, channel: string | null): OutLine {
  let pos = 0;
  let tagsEnd = -1;
  if (line.charCodeAt(0) === 64 /* @ */) {
    tagsEnd = line.indexOf(' ');
    if (tagsEnd === -1) tagsEnd = line.length;
    pos = tagsEnd;
    while (line.charCodeAt(pos) === 32) pos++;
  }
  const bare = pos === 0 ? line : line.slice(pos);
  if (line.charCodeAt(pos) === 58 /* : */) {
    const sp = line.indexOf(' ', pos);
    pos = sp === -1 ? line.length : sp;
    while (line.charCodeAt(pos) === 32) pos++;
  }
  let end = line.indexOf(' ', pos);
  if (end === -1) end = line.length;
  const command = line.slice(pos, end);
  const need = COMMANDS_CAP_VERBS.has(command)
    ? CAP_COMMANDS
    : MEMBERSHIP_VERBS.has(command)
      ? CAP_MEMBERSHIP
      : 0;
  const id = tagsEnd > 0 ? idTag(line, tagsEnd) : null;
  return { tagged: line, bare, command, channel, need, id };
}

/** The value of the `id` tag in `line[1, tagsEnd)`, or null. */
function idTag(line: string, tagsEnd: number): string | null {
  let at: number;
  if (line.startsWith('id=', 1)) at = 4;
  else {
    const i = line.indexOf(';id=', 1);
    if (i === -1 || i > tagsEnd) return null;
    at = i + 4;
  }
  let end = line.indexOf(';', at);
  if (end === -1 || end > tagsEnd) end = tagsEnd;
  return line.slice(at, end);
}
