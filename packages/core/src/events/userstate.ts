import type { IrcMessage } from '../irc/parse.js';
import type { EventBase } from './base.js';
import { parseBadges } from './badges.js';
import { flagTag, requireChannel, textTag } from './tag-values.js';

/** How the bot itself appears in a channel; fields shared by USERSTATE and GLOBALUSERSTATE. */
export interface SelfStateFields {
  /** `display-name`; `''` when absent. */
  displayName: string;
  color: string | null;
  badges: Record<string, string>;
  badgeInfo: Record<string, string>;
  /** Emote set ids the bot may use (`emote-sets`). */
  emoteSets: string[];
  userType: string;
}

/**
 * The bot's state in a channel (USERSTATE): sent on join and after every message the bot sends,
 * in place of an echo. Its `id` then is the id of the message just sent.
 */
export interface UserStateEvent extends EventBase, SelfStateFields {
  type: 'userstate';
  channel: string;
  /** Id of the message the bot just sent; null for the USERSTATE sent on join. */
  id: string | null;
  isMod: boolean;
  isSubscriber: boolean;
  isVip: boolean;
  isBroadcaster: boolean;
}

/** Reads the fields both USERSTATE kinds share. */
export function selfStateFields(tags: Readonly<Record<string, string>>): SelfStateFields {
  const sets = tags['emote-sets'];
  return {
    displayName: tags['display-name'] ?? '',
    color: textTag(tags, 'color'),
    badges: parseBadges(tags['badges']),
    badgeInfo: parseBadges(tags['badge-info']),
    emoteSets: sets ? sets.split(',') : [],
    userType: tags['user-type'] ?? '',
  };
}

/** USERSTATE → {@link UserStateEvent}. Needs a `#channel`. */
export function parseUserState(msg: IrcMessage, base: EventBase): UserStateEvent {
  const tags = msg.tags;
  const self = selfStateFields(tags);
  const vip = tags['vip'];
  return {
    type: 'userstate',
    ...base,
    ...self,
    channel: requireChannel(msg),
    id: textTag(tags, 'id'),
    isMod: flagTag(tags, 'mod') || self.badges['moderator'] !== undefined,
    isSubscriber: flagTag(tags, 'subscriber'),
    isVip: (vip !== undefined && vip !== '0') || self.badges['vip'] !== undefined,
    isBroadcaster: self.badges['broadcaster'] !== undefined,
  };
}
