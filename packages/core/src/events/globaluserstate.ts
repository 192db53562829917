import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { textTag } from './tag-values.js';
import { type SelfStateFields, selfStateFields } from './userstate.js';

/** The bot's account-wide state (GLOBALUSERSTATE), sent once after login. */
export interface GlobalUserStateEvent extends EventBase, SelfStateFields {
  type: 'globaluserstate';
  /** The bot's user id. */
  userId: string | null;
}

/** GLOBALUSERSTATE → {@link GlobalUserStateEvent}. */
export function parseGlobalUserState(msg: IrcMessage, base: EventBase): GlobalUserStateEvent {
  return {
    type: 'globaluserstate',
    ...base,
    ...selfStateFields(msg.tags),
    userId: textTag(msg.tags, 'user-id'),
  };
}
