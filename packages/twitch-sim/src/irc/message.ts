import { formatTags, parseTags, type Tags } from './tags.js';

/** One IRC line split into its atoms. */
export interface IrcMessage {
  tags: Tags;
  /** The source without its leading colon, or null when the line has none. */
  source: string | null;
  /** The command (verb) as written on the wire. */
  command: string;
  params: string[];
}

/** Why a line could not be parsed. */
export class IrcParseError extends Error {
  constructor(
    message: string,
    readonly line: string,
  ) {
    super(message);
    this.name = 'IrcParseError';
  }
}

/**
 * Parses one line (without CRLF). Runs of spaces separate atoms (RFC 1459), the last param may
 * be a trailing `:` param that keeps its spaces. Throws {@link IrcParseError} for a line with no
 * command.
 */
export function parseLine(line: string): IrcMessage {
  let pos = 0;
  const len = line.length;
  const skipSpaces = () => {
    while (pos < len && line.charCodeAt(pos) === 32) pos++;
  };
  const word = () => {
    const start = pos;
    while (pos < len && line.charCodeAt(pos) !== 32) pos++;
    return line.slice(start, pos);
  };

  skipSpaces();
  let tags: Tags = {};
  if (line[pos] === '@') {
    pos++;
    tags = parseTags(word());
    skipSpaces();
  }
  let source: string | null = null;
  if (line[pos] === ':') {
    pos++;
    source = word();
    skipSpaces();
  }
  const command = word();
  if (!command) throw new IrcParseError('line has no command', line);
  const params: string[] = [];
  for (;;) {
    skipSpaces();
    if (pos >= len) break;
    if (line[pos] === ':') {
      params.push(line.slice(pos + 1));
      break;
    }
    params.push(word());
  }
  return { tags, source, command, params };
}

/**
 * Serializes a message. The last param is written as a trailing param when it needs to be (empty,
 * contains a space, or starts with a colon) or when `trailing` asks for it, as Twitch writes
 * `PRIVMSG #c :text` even for one word.
 */
export function formatMessage(msg: Partial<IrcMessage> & { command: string }, trailing = false): string {
  let out = '';
  const tags = msg.tags;
  if (tags && Object.keys(tags).length > 0) out += `@${formatTags(tags)} `;
  if (msg.source) out += `:${msg.source} `;
  out += msg.command;
  const params = msg.params ?? [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i]!;
    const last = i === params.length - 1;
    if (last && (trailing || p === '' || p.includes(' ') || p.startsWith(':'))) out += ` :${p}`;
    else out += ` ${p}`;
  }
  return out;
}
