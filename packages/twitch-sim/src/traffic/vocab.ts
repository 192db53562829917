/**
 * Word material for fake chat. Each token carries its length in Unicode code points, because
 * Twitch's emote ranges count code points, and counting once here keeps generation fast.
 */

/** A token of chat text with its length in code points. */
export interface Token {
  text: string;
  cp: number;
}

/** A Twitch emote: its id as it appears in the `emotes` tag, and its code. */
export interface Emote extends Token {
  id: string;
}

function tokens(list: readonly string[]): Token[] {
  return list.map((text) => ({ text, cp: codePointLength(text) }));
}

/** Length of a string in Unicode code points. */
export function codePointLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is a single code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Plain chat words. */
export const WORDS: readonly Token[] = tokens(
  (
    'lol lmao gg wp nice clip that what bro chat is this real no way yes true based ' +
    'hello hi hey ok okay wait stop go play again run it back insane clean crazy gamba ' +
    'widepeepo the a of to in it for on with you me we they he she mods streamer ' +
    'first second last time today tonight later now soon never always maybe sure ' +
    'actually literally honestly kinda pretty very so too much many more less ' +
    'win lose dead alive jump shoot build farm heal tank carry throw grief ' +
    'love hate like want need know think see hear say play watch stream music ' +
    'LETS GO W L ?? !! 1 2 3 10 100 xD :) :( <3 ^^'
  ).split(' '),
);

/** Twitch global emotes (public ids). */
export const GLOBAL_EMOTES: readonly Emote[] = (
  [
    ['25', 'Kappa'],
    ['1902', 'Keepo'],
    ['41', 'Kreygasm'],
    ['354', '4Head'],
    ['86', 'BibleThump'],
    ['33', 'DansGame'],
    ['245', 'ResidentSleeper'],
    ['64138', 'SeemsGood'],
    ['58765', 'NotLikeThis'],
    ['30259', 'HeyGuys'],
    ['81274', 'VoHiYo'],
    ['425618', 'LUL'],
    ['305954156', 'PogChamp'],
    ['123171', 'CoolStoryBob'],
    ['52', 'SMOrc'],
    ['65', 'FrankerZ'],
    ['28', 'MrDestructoid'],
    ['22639', 'BabyRage'],
    ['28087', 'WutFace'],
    ['114836', 'Jebaited'],
    ['84608', 'cmonBruh'],
    ['55338', 'KappaPride'],
    ['36', 'PJSalt'],
    ['360', 'FailFish'],
    ['69', 'BloodTrail'],
  ] as const
).map(([id, text]) => ({ id, text, cp: text.length }));

/** Third-party (BTTV/FFZ/7TV) emote codes: plain text to Twitch, so never in the `emotes` tag. */
export const THIRD_PARTY_EMOTES: readonly Token[] = tokens(
  'OMEGALUL KEKW monkaS Pepega PepeHands catJAM pepeD Sadge Clueless Aware COPIUM forsenE gachiBASS EZ Clap'.split(
    ' ',
  ),
);

/** Emoji, several outside the BMP (two UTF-16 units, one code point) or multi-code-point. */
export const EMOJI: readonly Token[] = tokens([
  '😂',
  '🤣',
  '😭',
  '🔥',
  '👀',
  '💀',
  '🙏',
  '❤️',
  '👍🏽',
  '🇩🇪',
  '✨',
  '🎉',
  '♥',
]);

/** Suffixes of a channel's subscriber emotes (the prefix comes from the channel login). */
export const SUB_EMOTE_SUFFIXES: readonly string[] = [
  'L',
  'Hype',
  'W',
  'Love',
  'Pog',
  'Sad',
  'Wave',
  'Laugh',
  'Rage',
  'GG',
];

/** The fifteen colours Twitch assigns to users who never picked one. */
export const DEFAULT_COLORS: readonly string[] = [
  '#FF0000',
  '#0000FF',
  '#008000',
  '#B22222',
  '#FF7F50',
  '#9ACD32',
  '#FF4500',
  '#2E8B57',
  '#DAA520',
  '#D2691E',
  '#5F9EA0',
  '#1E90FF',
  '#FF69B4',
  '#8A2BE2',
  '#00FF7F',
];

/** Word stems for fake logins. */
export const NAME_PARTS: readonly string[] = (
  'dark shadow pixel night lazy happy crazy silent cosmic frozen golden iron lucky ' +
  'wolf fox dragon tiger panda ninja pirate wizard knight gamer potato cookie ' +
  'noodle toast otter falcon raven storm blaze frost echo nova zero max sam alex ' +
  'kev lina mia jonny big tiny mr the real not just'
).split(' ');

/** Messages used as resub/announcement text. */
export const SHORT_MESSAGES: readonly string[] = [
  'Great stream -- keep it up!',
  'love the streams man',
  'another month lets go',
  'hype',
  'hi chat',
  'been here since the start',
  'Please read the rules before chatting.',
  'Giveaway starts in 10 minutes!',
];
