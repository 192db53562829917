import { type Chatter, makeBroadcaster, makeChatter } from './chatters.js';
import { deriveSeed, Prng } from './prng.js';
import type { TrafficChannel } from './types.js';
import type { UserDirectory } from './users.js';
import { randomHex } from './uuid.js';
import { type Emote, SUB_EMOTE_SUFFIXES } from './vocab.js';

/** A message that later lines (replies, CLEARMSG) may refer to. */
export interface RecentMessage {
  id: string;
  chatter: Chatter;
  /** The message text (without the ACTION wrapper). */
  body: string;
  /** The thread root: the message itself, or the root of the message it replied to. */
  thread: { id: string; chatter: Chatter };
}

/** A room mode as the ROOMSTATE tag names it. */
export type RoomModeKey = 'emote-only' | 'followers-only' | 'r9k' | 'slow' | 'subs-only';

/** Room modes as numbers, as in ROOMSTATE (`followers-only` -1 = off). */
export type RoomModes = Record<RoomModeKey, number>;

const RECENT_CAPACITY = 24;
/** Step between the users of consecutive slots; prime, so slots map to distinct users. */
const USER_STRIDE = 7919;

/**
 * How many users the directory holds: channels share users, as on Twitch where the same people
 * chat in many channels, but there are at least 4× a pool's worth, and never a multiple of the
 * stride (slots would then repeat users).
 */
export function userDirectorySize(channelCount: number, chatterCount: number): number {
  const n = Math.min(Math.max(chatterCount * 4, channelCount * chatterCount), 1_000_000);
  return n % USER_STRIDE === 0 ? n + 1 : n;
}

/**
 * A channel's chatters, made on first use: a channel that gets ten lines costs ten chatters, not
 * a full pool (20,000 channels × 100 chatters would hold gigabytes). Slot k's user is
 * `(base + k·stride) mod size` in the directory, so a channel never has one user twice, and its
 * roles come from a seed derived from the slot, so they do not depend on the order of use.
 */
export class ChatterPool {
  readonly #slots: (Chatter | undefined)[];
  readonly #seed: number;
  readonly #base: number;
  readonly #users: UserDirectory;

  constructor(seed: number, base: number, users: UserDirectory, size: number) {
    if (users.size % USER_STRIDE === 0 || users.size < size) {
      throw new RangeError(`user directory of ${users.size} cannot hold distinct pools of ${size}`);
    }
    this.#seed = seed;
    this.#base = base;
    this.#users = users;
    this.#slots = new Array<Chatter | undefined>(size);
  }

  /** Number of slots. */
  get size(): number {
    return this.#slots.length;
  }

  /** The chatter in slot `slot` (0 ≤ slot < size). */
  at(slot: number): Chatter {
    let c = this.#slots[slot];
    if (!c) {
      const user = this.#users.get((this.#base + slot * USER_STRIDE) % this.#users.size);
      c = makeChatter(new Prng(deriveSeed(this.#seed, slot)), user);
      this.#slots[slot] = c;
    }
    return c;
  }

  /** A uniformly chosen chatter. */
  random(rng: Prng): Chatter {
    return this.at(rng.int(this.#slots.length));
  }
}

/** What the generator remembers about one channel. Created on the channel's first line. */
export interface ChannelState {
  channel: TrafficChannel;
  displayName: string;
  broadcaster: Chatter;
  chatters: ChatterPool;
  /** The channel's subscriber emotes (`emotesv2_…` ids). */
  subEmotes: Emote[];
  /** Up to 24 recent messages, newest overwriting oldest. */
  recent: RecentMessage[];
  /** Where the next message goes once `recent` is full. */
  recentCursor: number;
  modes: RoomModes;
}

/**
 * Builds a channel's state from a seed derived from the channel's index, so that it does not
 * depend on which channel happened to get traffic first.
 */
export function createChannelState(
  seed: number,
  index: number,
  channel: TrafficChannel,
  users: UserDirectory,
  chatterCount: number,
): ChannelState {
  const rng = new Prng(deriveSeed(seed, index));
  const displayName = rng.chance(0.6)
    ? channel.login.charAt(0).toUpperCase() + channel.login.slice(1)
    : channel.login;
  const broadcaster = makeBroadcaster({
    userId: channel.roomId,
    login: channel.login,
    displayName,
    color: '#9146FF',
    turbo: false,
    premium: false,
  });
  const chatters = new ChatterPool(rng.uint32(), rng.int(users.size), users, chatterCount);
  const prefix = (channel.login.replace(/[^a-z]/g, '') || 'chan').slice(0, 4);
  const subEmotes = SUB_EMOTE_SUFFIXES.map((suffix) => {
    const text = prefix + suffix;
    return { id: `emotesv2_${randomHex(rng, 16)}`, text, cp: text.length };
  });
  return {
    channel,
    displayName,
    broadcaster,
    chatters,
    subEmotes,
    recent: [],
    recentCursor: 0,
    modes: { 'emote-only': 0, 'followers-only': -1, r9k: 0, slow: 0, 'subs-only': 0 },
  };
}

/** Remembers a message so later lines can refer to it. */
export function rememberMessage(state: ChannelState, message: RecentMessage): void {
  if (state.recent.length < RECENT_CAPACITY) {
    state.recent.push(message);
    return;
  }
  state.recent[state.recentCursor] = message;
  state.recentCursor = (state.recentCursor + 1) % RECENT_CAPACITY;
}

/** Forgets a message (it was deleted by CLEARMSG), so nothing replies to it afterwards. */
export function forgetMessage(state: ChannelState, index: number): void {
  state.recent.splice(index, 1);
  if (state.recentCursor >= state.recent.length) state.recentCursor = 0;
}
