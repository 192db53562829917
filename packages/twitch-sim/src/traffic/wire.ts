import { formatMessage, type TagWriter } from '../irc/index.js';

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

/** The source of server-generated lines. */
export const TMI = 'tmi.twitch.tv';
