import { escapeTagValue, formatMessage } from '../irc/index.js';

// Most values (ids, numbers, logins) need no escaping; testing first skips the costlier replace.
const NEEDS_ESCAPE = /[; \\\r\n]/;

/**
 * Writes tags exactly as Twitch does, in the order they are added (callers add them in Twitch's
 * order: sorted by `key=`, which is why `msg-param-sub-plan-name` precedes `msg-param-sub-plan`).
 * Not the codec's `formatTags`: that writes an empty value as a bare key (`badge-info`), valid
 * IRCv3 but not byte-identical to Twitch, which always writes `badge-info=`. Values are escaped by
 * the codec's `escapeTagValue`. Appending to a string avoids building a tag object per line.
 */
export class TagWriter {
  #out = '';

  /** Appends `key=value` (value escaped). */
  add(key: string, value: string): this {
    if (this.#out) this.#out += ';';
    this.#out += key + '=' + (NEEDS_ESCAPE.test(value) ? escapeTagValue(value) : value);
    return this;
  }

  /**
   * Appends `key=value` unchecked, for values that cannot hold `;`, space, `\\`, CR or LF by
   * construction (numbers, uuids, `0`/`1`, badges); skipping the check is a measurable saving
   * on the ~20 tags of every PRIVMSG.
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

/**
 * Builds one line: `@tags :source COMMAND params`. `trailing` forces the last param to be written
 * as `:text`, as Twitch does for message text even when it is one word.
 */
export function twitchLine(
  tags: TagWriter | null,
  source: string,
  command: string,
  params: string[],
  trailing: boolean,
): string {
  const rest = formatMessage({ source, command, params }, trailing);
  return tags ? '@' + tags.toString() + ' ' + rest : rest;
}

/** The `nick!nick@nick.tmi.twitch.tv` source of a user's line. */
export function userSource(login: string): string {
  return `${login}!${login}@${login}.tmi.twitch.tv`;
}

/** The source of server-generated lines. */
export const TMI = 'tmi.twitch.tv';
