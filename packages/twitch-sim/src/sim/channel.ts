import type { ChannelRecord } from './ground-truth.js';
import type { Session } from './session.js';

/** Whether a channel can be joined: suspended channels answer JOIN with msg_channel_suspended. */
export type ChannelState = 'active' | 'suspended';

/** A directory entry as given to {@link startTwitchSim} or {@link ChannelDirectory.add}. */
export interface ChannelInput {
  /** Channel name: the broadcaster's lowercase login, without `#`. */
  login: string;
  /** Numeric room id (the broadcaster's user id). Default: the account's id if one exists, else generated. */
  roomId?: string;
  state?: ChannelState;
  /** Logins banned in the channel (their JOIN gets msg_banned). */
  banned?: string[];
  moderators?: string[];
  vips?: string[];
}

/** Room modes, as the full ROOMSTATE on join shows them. */
export interface RoomState {
  emoteOnly: boolean;
  /** Minutes a user must follow before chatting; -1 = off. */
  followersOnly: number;
  r9k: boolean;
  /** Seconds between messages; 0 = off. */
  slow: number;
  subsOnly: boolean;
}

/** A message the channel remembers so that replies to it can carry `reply-parent-*` tags. */
export interface RecentMessage {
  login: string;
  displayName: string;
  userId: string;
  body: string;
  /** The thread's root message (the parent's own parent when the parent was a reply). */
  threadId: string;
  threadLogin: string;
}

/** One channel: its directory data plus who is in it right now (the fan-out index). */
export class Channel {
  state: ChannelState;
  readonly banned: Set<string>;
  readonly moderators: Set<string>;
  readonly vips: Set<string>;
  readonly roomState: RoomState = {
    emoteOnly: false,
    followersOnly: -1,
    r9k: false,
    slow: 0,
    subsOnly: false,
  };
  /** Every connection joined to the channel. */
  readonly members = new Set<Session>();
  /** Connections per logged-in login, so membership JOIN/PART is sent once per user, not per connection. */
  readonly loginCounts = new Map<string, number>();
  /**
   * The last messages, as a ring of ids and entries (a sim-generated message, or the raw injected
   * line, parsed only if someone replies to it). Writing is two array stores per message; a lookup
   * scans the ring, which only replies do.
   */
  readonly #recentIds: string[] = [];
  readonly #recent: (RecentMessage | string)[] = [];
  #recentNext = 0;
  /** This channel's ground-truth record, cached so fan-out skips a map lookup per line. */
  truth: ChannelRecord | null = null;

  constructor(
    readonly login: string,
    readonly roomId: string,
    input: ChannelInput,
  ) {
    this.state = input.state ?? 'active';
    this.banned = new Set(input.banned?.map(lower));
    this.moderators = new Set(input.moderators?.map(lower));
    this.vips = new Set(input.vips?.map(lower));
  }

  isBroadcaster(login: string): boolean {
    return login === this.login;
  }

  isModerator(login: string): boolean {
    return this.moderators.has(login);
  }

  /** Broadcaster or moderator: exempt from the concurrent-channel limit. */
  isExempt(login: string): boolean {
    return login === this.login || this.moderators.has(login);
  }

  /** Broadcaster, moderator or VIP: the large PRIVMSG bucket and no per-channel spacing. */
  isPrivileged(login: string): boolean {
    return login === this.login || this.moderators.has(login) || this.vips.has(login);
  }

  remember(id: string, message: RecentMessage | string, limit: number): void {
    if (limit === 0) return;
    const i = this.#recentNext;
    this.#recentIds[i] = id;
    this.#recent[i] = message;
    this.#recentNext = i + 1 === limit ? 0 : i + 1;
  }

  /** A remembered message by id (newest first), or undefined. */
  recall(id: string): RecentMessage | string | undefined {
    const ids = this.#recentIds;
    for (let n = 0, i = this.#recentNext - 1; n < ids.length; n++, i--) {
      if (i < 0) i = ids.length - 1;
      if (ids[i] === id) return this.#recent[i];
    }
    return undefined;
  }

  /** Replaces a remembered raw line by its parsed form. */
  replace(id: string, message: RecentMessage): void {
    const i = this.#recentIds.lastIndexOf(id);
    if (i !== -1) this.#recent[i] = message;
  }

  /** The full ROOMSTATE tag string sent on join. */
  roomStateTags(): string {
    const s = this.roomState;
    return `emote-only=${s.emoteOnly ? 1 : 0};followers-only=${s.followersOnly};r9k=${s.r9k ? 1 : 0};room-id=${this.roomId};slow=${s.slow};subs-only=${s.subsOnly ? 1 : 0}`;
  }
}

function lower(login: string): string {
  return login.toLowerCase();
}
