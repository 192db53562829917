import { parseBadges } from './badges.js';
import { flagTag, textTag } from './tag-values.js';

type Tags = Readonly<Record<string, string>>;

/** The chatter behind a message, sub, raid or whisper, as its tags describe them. */
export interface ChatUser {
  /** Twitch user id (`user-id`); null only when the line has no tags. */
  id: string | null;
  /** Lowercase login (from the prefix, or the `login` tag on USERNOTICE). */
  login: string;
  /** `display-name`, falling back to the login when Twitch sends it empty. */
  displayName: string;
  /** `#RRGGBB`, or null when the user never picked a colour. */
  color: string | null;
  /** `{ subscriber: '12', moderator: '1' }` from `badges`. */
  badges: Record<string, string>;
  /** Extra badge data from `badge-info`, e.g. `{ subscriber: '14' }` (exact months). */
  badgeInfo: Record<string, string>;
  isMod: boolean;
  /** `vip` tag (sent only when true; `vip=0` has been seen) or a `vip` badge. */
  isVip: boolean;
  isSubscriber: boolean;
  /** Holds the `broadcaster` badge: the channel owner. */
  isBroadcaster: boolean;
  /** `first-msg=1`: the user's first message in this channel (PRIVMSG only). */
  isFirstMessage: boolean;
  /** `returning-chatter=1` (PRIVMSG only). */
  isReturningChatter: boolean;
  /** `user-type`: `''`, `mod`, `global_mod`, `admin` or `staff`. */
  userType: string;
}

/** Builds a {@link ChatUser} from a line's tags; `login` comes from the caller's source. */
export function userFromTags(tags: Tags, login: string): ChatUser {
  const badges = parseBadges(tags['badges']);
  const vip = tags['vip'];
  return {
    id: textTag(tags, 'user-id'),
    login,
    // Trimmed: Twitch has sent display names with a stray trailing (escaped) space.
    displayName: tags['display-name']?.trim() || login,
    color: textTag(tags, 'color'),
    badges,
    badgeInfo: parseBadges(tags['badge-info']),
    isMod: flagTag(tags, 'mod') || badges['moderator'] !== undefined,
    isVip: (vip !== undefined && vip !== '0') || badges['vip'] !== undefined,
    isSubscriber: flagTag(tags, 'subscriber') || badges['subscriber'] !== undefined,
    isBroadcaster: badges['broadcaster'] !== undefined,
    isFirstMessage: flagTag(tags, 'first-msg'),
    isReturningChatter: flagTag(tags, 'returning-chatter'),
    userType: tags['user-type'] ?? '',
  };
}
