/** Message text with a `/me` wrapper removed, and whether it had one. */
export interface ActionText {
  text: string;
  isAction: boolean;
}

const ACTION = '\x01ACTION ';

/**
 * Strips the CTCP `\x01ACTION …\x01` wrapper of `/me` messages. Twitch counts emote indices
 * from after the wrapper, so emotes must be parsed against the stripped text. A missing closing
 * `\x01` (seen from some clients) is tolerated.
 */
export function stripAction(raw: string): ActionText {
  if (!raw.startsWith(ACTION)) return { text: raw, isAction: false };
  const end = raw.charCodeAt(raw.length - 1) === 1 ? raw.length - 1 : raw.length;
  return { text: raw.slice(ACTION.length, end), isAction: true };
}
