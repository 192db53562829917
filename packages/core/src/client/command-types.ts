import type { ChatEventType } from '../events/chat-event.js';

/**
 * Every event type `parseChatEvent` can return for a line with this IRC command. `raw` is in each
 * list because a line of a known kind that lacks what its parser needs becomes `raw` with an
 * error. Lets the consumer skip parsing (and de-duplicating) lines no handler could want, using
 * only the command field of the wire entry.
 */
const BY_COMMAND: ReadonlyMap<string, readonly ChatEventType[]> = new Map<string, readonly ChatEventType[]>([
  ['PRIVMSG', ['message', 'cheer', 'raw']],
  [
    'USERNOTICE',
    [
      'sub',
      'resub',
      'subgift',
      'submysterygift',
      'giftpaidupgrade',
      'anongiftpaidupgrade',
      'primepaidupgrade',
      'raid',
      'unraid',
      'announcement',
      'bitsbadgetier',
      'ritual',
      'viewermilestone',
      'usernotice',
      'raw',
    ],
  ],
  ['CLEARCHAT', ['clearchat', 'raw']],
  ['CLEARMSG', ['clearmsg', 'raw']],
  ['ROOMSTATE', ['roomstate', 'raw']],
  ['NOTICE', ['notice', 'raw']],
  ['USERSTATE', ['userstate', 'raw']],
  ['GLOBALUSERSTATE', ['globaluserstate', 'raw']],
  ['JOIN', ['join', 'raw']],
  ['PART', ['part', 'raw']],
  ['WHISPER', ['whisper', 'raw']],
  ['RECONNECT', ['reconnect', 'raw']],
  ['HOSTTARGET', ['hosttarget', 'raw']],
]);

const RAW_ONLY: readonly ChatEventType[] = ['raw'];

/** The event types a line with `command` may become (PING, numerics and unknown verbs: `raw`). */
export function typesForCommand(command: string): readonly ChatEventType[] {
  return BY_COMMAND.get(command) ?? RAW_ONLY;
}
