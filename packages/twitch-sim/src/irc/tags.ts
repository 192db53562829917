/**
 * IRCv3 message-tag escaping, as Twitch uses it (`\:` for `;`, `\s` for space, `\\`, `\r`, `\n`).
 * The sim keeps its own codec: it shares no parser with the cluster it tests.
 */

/** Tag map: a value-less tag (`@flag`) maps to the empty string, as the IRCv3 spec says. */
export type Tags = Record<string, string>;

const ESCAPES: Record<string, string> = { ';': '\\:', ' ': '\\s', '\\': '\\\\', '\r': '\\r', '\n': '\\n' };
const NEEDS_ESCAPE = /[; \\\r\n]/;
const UNESCAPES: Record<string, string> = { ':': ';', s: ' ', '\\': '\\', r: '\r', n: '\n' };

/** Escapes one tag value for the wire. */
export function escapeTagValue(value: string): string {
  // Most values (ids, numbers, logins) need nothing; testing first skips the costlier replace.
  if (!NEEDS_ESCAPE.test(value)) return value;
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

/**
 * Writes tags in the order they are added, as Twitch writes them: an empty value is `key=`
 * (`badge-info=;…`; IRCv3 also allows a bare `key`, and {@link parseTags} reads both as ''). It
 * appends to one string, so a hot path (the traffic generator) builds no tag object per line.
 */
export class TagWriter {
  #out = '';

  /** Appends `key=value`, the value escaped. */
  add(key: string, value: string): this {
    if (this.#out) this.#out += ';';
    this.#out += key + '=' + escapeTagValue(value);
    return this;
  }

  /**
   * Appends `key=value` unchecked, for values that cannot hold `;`, space, `\\`, CR or LF by
   * construction (numbers, uuids, `0`/`1`, badges); skipping the check is a measurable saving
   * on the ~20 tags of every generated PRIVMSG.
   */
  raw(key: string, value: string): this {
    this.#out += (this.#out ? ';' : '') + key + '=' + value;
    return this;
  }

  /** The tags without the leading `@`. */
  toString(): string {
    return this.#out;
  }
}

/** Serializes a tag map to the part after `@` (no leading `@`, no trailing space), in key order. */
export function formatTags(tags: Tags): string {
  const writer = new TagWriter();
  for (const key of Object.keys(tags)) writer.add(key, tags[key]!);
  return writer.toString();
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
