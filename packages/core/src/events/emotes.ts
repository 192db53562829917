/** One occurrence of an emote in a message. */
export interface Emote {
  /** Twitch emote id (`25`, `emotesv2_…`, `300196486_TK`). */
  id: string;
  /** First code point of the occurrence (inclusive), counted in Unicode code points. */
  start: number;
  /** Last code point (inclusive), as Twitch sends it. */
  end: number;
  /**
   * The text the range covers, sliced by code points. Twitch sometimes sends ranges past the end
   * of the text (twitchdev/issues#104): the occurrence is kept and `code` holds what overlaps,
   * possibly `''`, so consumers see the tag as sent.
   */
  code: string;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/**
 * Parses the `emotes` tag (`25:0-4,12-16/1902:6-10`) against the message text, ordered by
 * position. Twitch counts code points, not UTF-16 units, so an emoji before an emote shifts the
 * JS string index by one per emoji; pieces that are not `id:start-end` are skipped.
 */
export function parseEmotes(value: string | undefined, text: string): Emote[] {
  if (!value) return [];
  // Only text with astral characters (emoji) needs the code-point array; most has none.
  const codePoints = SURROGATE.test(text) ? Array.from(text) : null;
  const emotes: Emote[] = [];
  for (const group of value.split('/')) {
    const colon = group.indexOf(':');
    if (colon <= 0) continue;
    const id = group.slice(0, colon);
    for (const range of group.slice(colon + 1).split(',')) {
      const dash = range.indexOf('-');
      const start = toIndex(range.slice(0, dash));
      const end = toIndex(range.slice(dash + 1));
      if (dash === -1 || start === null || end === null || end < start) continue;
      const code = codePoints ? codePoints.slice(start, end + 1).join('') : text.slice(start, end + 1);
      emotes.push({ id, start, end, code });
    }
  }
  return emotes.sort((a, b) => a.start - b.start);
}

function toIndex(digits: string): number | null {
  return /^\d{1,9}$/.test(digits) ? Number(digits) : null;
}
