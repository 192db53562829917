/**
 * IRCv3 tag-value unescaping (https://ircv3.net/specs/extensions/message-tags#escaping-values):
 * `\:` → `;`, `\s` → space, `\\` → `\`, `\r` → CR, `\n` → LF. A backslash before any other
 * character is dropped and the character kept; a trailing lone backslash is dropped.
 *
 * Values are read left to right, one escape at a time, so `\\n` is a backslash followed by `n`,
 * never a newline.
 */
export function unescapeTagValue(value: string): string {
  let slash = value.indexOf('\\');
  // Nearly every Twitch tag value has no escape at all: return it without copying.
  if (slash === -1) return value;
  let out = '';
  let from = 0;
  while (slash !== -1) {
    out += value.slice(from, slash);
    const next = value.charCodeAt(slash + 1);
    if (next === 58 /* : */) out += ';';
    else if (next === 115 /* s */) out += ' ';
    else if (next === 114 /* r */) out += '\r';
    else if (next === 110 /* n */) out += '\n';
    else if (!Number.isNaN(next)) out += value[slash + 1];
    from = slash + 2;
    slash = from < value.length ? value.indexOf('\\', from) : -1;
  }
  return from < value.length ? out + value.slice(from) : out;
}
