/**
 * A few global emotes the sim recognises by word, with Twitch's ids, so clients see a real
 * `emotes` tag. Positions count Unicode code points with an inclusive end, as Twitch does.
 */
export const BUILTIN_EMOTES: ReadonlyMap<string, string> = new Map([
  ['Kappa', '25'],
  ['Keepo', '1902'],
  ['PogChamp', '305954156'],
  ['LUL', '425618'],
]);

/** The `emotes` tag value for a message text, e.g. `25:0-4,12-16/1902:6-10`; '' when none. */
export function emotesTag(text: string): string {
  const ranges = new Map<string, string[]>();
  let cp = 0;
  let wordStart = 0;
  let word = '';
  const endWord = () => {
    const id = word === '' ? undefined : BUILTIN_EMOTES.get(word);
    if (id !== undefined) {
      const list = ranges.get(id);
      const range = `${wordStart}-${cp - 1}`;
      if (list) list.push(range);
      else ranges.set(id, [range]);
    }
  };
  for (const ch of text) {
    if (ch === ' ') {
      endWord();
      word = '';
      wordStart = cp + 1;
    } else word += ch;
    cp++;
  }
  endWord();
  let out = '';
  for (const [id, list] of ranges) out += `${out === '' ? '' : '/'}${id}:${list.join(',')}`;
  return out;
}
