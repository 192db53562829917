import { type ChatterCache, ChatterPool, USER_STRIDE } from './chatter-pool.js';
import { type Chatter, makeBroadcaster } from './chatters.js';
import { flatten } from './flatten.js';
import { deriveSeed, Prng } from './prng.js';
import type { TrafficChannel } from './types.js';
import type { UserDirectory } from './users.js';
import { randomHex } from './uuid.js';
import { type Emote, SUB_EMOTE_SUFFIXES } from './vocab.js';

/**
 * A message that later lines (replies, CLEARMSG) may refer to. Authors are kept as pool slots
 * (-1: the broadcaster), not as objects, so a remembered message does not keep its chatter alive.
 */
export interface RecentMessage {
  id: string;
  /** The author's slot; see {@link chatterAt}. */
  chatter: number;
  /** The message text (without the ACTION wrapper). */
  body: string;
  /** The thread root: the message itself, or the root of the message it replied to. */
  threadId: string;
  threadChatter: number;
}

/** A room mode as the ROOMSTATE tag names it. */
export type RoomModeKey = 'emote-only' | 'followers-only' | 'r9k' | 'slow' | 'subs-only';

/** Room modes as numbers, as in ROOMSTATE (`followers-only` -1 = off). */
export type RoomModes = Record<RoomModeKey, number>;

/**
 * Messages remembered per channel. A reply or a CLEARMSG may target any of them, so a few do; the
 * ring is what 20,000 channels keep for good, so it stays small.
 */
const RECENT_CAPACITY = 8;
/** Hex digits of one sub emote id. */
const EMOTE_HEX = 32;

/**
 * How many users the directory holds: channels share users, as on Twitch where the same people
 * chat in many channels, but there are at least 4× a pool's worth, and never a multiple of the
 * stride (slots would then repeat users).
 */
export function userDirectorySize(channelCount: number, chatterCount: number): number {
  const n = Math.min(Math.max(chatterCount * 4, channelCount * chatterCount), 1_000_000);
  return n % USER_STRIDE === 0 ? n + 1 : n;
}

/** What the generator remembers about one channel. Created on the channel's first line. */
export interface ChannelState {
  channel: TrafficChannel;
  displayName: string;
  broadcaster: Chatter;
  chatters: ChatterPool;
  /** Code prefix of the channel's subscriber emotes (`prefix` + a suffix of the vocabulary). */
  emotePrefix: string;
  /** The hex parts of the sub emotes' `emotesv2_…` ids, one after the other (see {@link subEmote}). */
  emoteHex: string;
  /** Up to {@link RECENT_CAPACITY} recent messages, newest overwriting oldest. */
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
  cache: ChatterCache,
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
  const chatters = new ChatterPool(
    { id: index, seed: rng.uint32(), base: rng.int(users.size), size: chatterCount },
    users,
    cache,
  );
  return {
    channel,
    displayName,
    broadcaster,
    chatters,
    emotePrefix: (channel.login.replace(/[^a-z]/g, '') || 'chan').slice(0, 4),
    emoteHex: flatten(randomHex(rng, (SUB_EMOTE_SUFFIXES.length * EMOTE_HEX) / 2)),
    recent: [],
    recentCursor: 0,
    modes: { 'emote-only': 0, 'followers-only': -1, r9k: 0, slow: 0, 'subs-only': 0 },
  };
}

/**
 * A random one of the channel's subscriber emotes. Built when used rather than kept: ten emote
 * objects per channel were a sizeable share of what 20,000 channels hold.
 */
export function subEmote(state: ChannelState, rng: Prng): Emote {
  const k = rng.int(SUB_EMOTE_SUFFIXES.length);
  const text = state.emotePrefix + SUB_EMOTE_SUFFIXES[k]!;
  return {
    id: 'emotesv2_' + state.emoteHex.slice(k * EMOTE_HEX, (k + 1) * EMOTE_HEX),
    text,
    cp: text.length,
  };
}

/** The chatter a {@link RecentMessage} names by slot. */
export function chatterAt(state: ChannelState, slot: number): Chatter {
  return slot < 0 ? state.broadcaster : state.chatters.at(slot);
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

/** Forgets every message (CLEARCHAT of the whole room). */
export function forgetAll(state: ChannelState): void {
  state.recent.length = 0;
  state.recentCursor = 0;
}
