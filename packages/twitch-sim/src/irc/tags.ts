/**
 * IRCv3 message-tag escaping, as Twitch uses it (`\:` for `;`, `\s` for space, `\\`, `\r`, `\n`).
 * The sim keeps its own codec: it shares no parser with the cluster it tests.
 */

/** Tag map: a value-less tag (`@flag`) maps to the empty string, as the IRCv3 spec says. */
export type Tags = Record<string, string>;

const ESCAPES: Record<string, string> = { ';': '\\:', ' ': '\\s', '\\': '\\\\', '\r': '\\r', '\n': '\\n' };
const UNESCAPES: Record<string, string> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/** Escapes one tag value for the wire. */
export function escapeTagValue(value: string): string {
  return value.replace(/[; \\\r\n]/g, (c) => ESCAPES[c] ?? c);
}

/**
 * Unescapes one tag value: an unknown escape drops the backslash (`\b` → `b`) and a trailing lone
 * backslash is dropped, per the IRCv3 message-tags spec.
 */
export function unescapeTagValue(raw: string): string {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = raw[i + 1];
    i++;
    if (next === undefined) break;
    out += UNESCAPES[next] ?? next;
  }
  return out;
}

/** Serializes a tag map to the part after `@` (no leading `@`, no trailing space). */
export function formatTags(tags: Tags): string {
  let out = '';
  for (const key of Object.keys(tags)) {
    const value = tags[key]!;
    if (out) out += ';';
    out += value === '' ? key : `${key}=${escapeTagValue(value)}`;
  }
  return out;
}

/** Parses the part after `@`; a later duplicate key wins, as the spec says. */
export function parseTags(raw: string): Tags {
  const tags: Tags = {};
  for (const part of raw.split(';')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq === -1) tags[part] = '';
    else tags[part.slice(0, eq)] = unescapeTagValue(part.slice(eq + 1));
  }
  return tags;
}
