import { type ChannelState, subEmote } from './channel-state.js';
import type { Chatter } from './chatters.js';
import type { Prng } from './prng.js';
import {
  codePointLength,
  EMOJI,
  type Emote,
  GLOBAL_EMOTES,
  THIRD_PARTY_EMOTES,
  type Token,
  WORDS,
} from './vocab.js';

/** Message text and its `emotes` tag value. */
export interface ChatText {
  text: string;
  /** `id:start-end,start-end/id:start-end`; code-point indexes, end inclusive. */
  emotes: string;
}

/** Twitch trims chat text to 500 characters; stay well below that. */
const MAX_CODE_POINTS = 450;

/**
 * Builds space-separated chat text and the emote ranges in it. Positions are counted in code points
 * while the text is assembled (never by UTF-16 index), so an emoji before an emote shifts its range
 * by one, as on Twitch. `prefix` (a reply's `@Name `, a cheer) is counted too, as Twitch counts it.
 */
export function composeText(rng: Prng, state: ChannelState, chatter: Chatter, prefix = ''): ChatText {
  const out = new TextBuilder(prefix);
  const canUseSubEmotes = chatter.subMonths > 0 || chatter.broadcaster;
  if (rng.chance(0.06)) {
    // Emote spam ("Kappa Kappa Kappa …") is a large share of real chat in big channels.
    const emote = canUseSubEmotes && rng.chance(0.5) ? subEmote(state, rng) : rng.pick(GLOBAL_EMOTES);
    const times = rng.range(3, 10);
    for (let i = 0; i < times; i++) out.add(emote, emote.id);
    return out.finish();
  }
  // Short messages dominate; the square skews the length towards 1–4 tokens.
  const count = 1 + Math.floor(12 * rng.float() ** 2);
  for (let i = 0; i < count && out.cp < MAX_CODE_POINTS; i++) {
    const r = rng.float();
    if (r < 0.55) out.add(rng.pick(WORDS));
    else if (r < 0.7) {
      const e = rng.pick(GLOBAL_EMOTES);
      out.add(e, e.id);
    } else if (r < 0.78 && canUseSubEmotes) {
      const e = subEmote(state, rng);
      out.add(e, e.id);
    } else if (r < 0.88) out.add(rng.pick(THIRD_PARTY_EMOTES));
    else if (r < 0.96) out.add(rng.pick(EMOJI));
    else out.add(rng.pick(WORDS));
  }
  return out.finish();
}

/** Text without emotes, for USERNOTICE messages and the like. */
export function plainText(text: string): ChatText {
  return { text, emotes: '' };
}

/** Appends tokens with single spaces and records emote ranges by code point. */
export class TextBuilder {
  text: string;
  cp: number;
  readonly #ranges = new Map<string, string>();

  constructor(prefix = '') {
    this.text = prefix;
    this.cp = codePointLength(prefix);
  }

  /** Appends a token; with `emoteId` its range goes into the `emotes` tag. */
  add(token: Token | Emote, emoteId?: string): void {
    if (this.text.length > 0 && !this.text.endsWith(' ')) {
      this.text += ' ';
      this.cp++;
    }
    if (emoteId !== undefined) {
      const range = `${this.cp}-${this.cp + token.cp - 1}`;
      const prev = this.#ranges.get(emoteId);
      // Twitch groups the ranges of one emote and lists emotes in order of first appearance.
      this.#ranges.set(emoteId, prev === undefined ? range : `${prev},${range}`);
    }
    this.text += token.text;
    this.cp += token.cp;
  }

  finish(): ChatText {
    let emotes = '';
    for (const [id, ranges] of this.#ranges) emotes += (emotes ? '/' : '') + id + ':' + ranges;
    return { text: this.text, emotes };
  }
}
