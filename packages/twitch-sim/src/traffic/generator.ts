import { type ChannelState, createChannelState, userDirectorySize } from './channel-state.js';
import { ChatterCache } from './chatter-pool.js';
import { assertChannels } from './channels.js';
import type { KindContext, BuiltLine } from './kinds/context.js';
import { buildJoin, buildPart } from './kinds/membership.js';
import { buildClearChat, buildClearMsg } from './kinds/moderation.js';
import { buildPrivmsg } from './kinds/privmsg.js';
import { buildNotice, buildRoomState } from './kinds/room.js';
import { buildUserNotice } from './kinds/usernotice.js';
import { resolveMix, type TrafficMix } from './mix.js';
import { Prng } from './prng.js';
import {
  TRAFFIC_KINDS,
  type TrafficChannel,
  type TrafficKind,
  type TrafficLine,
  type TrafficSource,
} from './types.js';
import { UserDirectory } from './users.js';
import { createZipfSampler } from './zipf.js';

/** Options of {@link createTrafficGenerator}. */
export interface TrafficGeneratorOptions {
  /** Fixes every line: the same seed and the same `now` values give the same lines. */
  seed: number;
  /** Target channels, most popular first (rank k gets weight 1/(k+1)^zipfExponent). */
  channels: readonly TrafficChannel[];
  /** Weights per kind; kinds left out keep {@link DEFAULT_MIX}'s weight, 0 turns one off. */
  mix?: Partial<TrafficMix>;
  /** Zipf exponent of channel popularity. Default 1 (a few channels carry most chat). */
  zipfExponent?: number;
  /** Fake chatters per channel. Default 100. */
  chattersPerChannel?: number;
}

/** A traffic source that also tells its resolved mix. */
export interface TrafficGenerator extends TrafficSource {
  /** The normalized weights in use. */
  readonly mix: Readonly<TrafficMix>;
}

// Chatters' activity is skewed too: a few regulars write most messages.
const CHATTER_ZIPF = 0.8;
/** Channels tried for a kind that needs history (CLEARMSG) before falling back to PRIVMSG. */
const HISTORY_TRIES = 4;

const BUILDERS: Record<TrafficKind, (ctx: KindContext) => BuiltLine | null> = {
  privmsg: buildPrivmsg,
  usernotice: buildUserNotice,
  clearchat: buildClearChat,
  clearmsg: buildClearMsg,
  roomstate: buildRoomState,
  notice: buildNotice,
  join: buildJoin,
  part: buildPart,
};

/**
 * Creates a deterministic generator of realistic Twitch server→client lines. Each `next(now)`
 * picks a kind by the mix, a channel by Zipf popularity, and builds one line with Twitch's tags
 * (in Twitch's order), a fresh uuid `id` and `tmi-sent-ts` = now. Per-channel state (chatters,
 * recent messages, room modes) is built on a channel's first line, so 20,000 channels cost
 * nothing until they get traffic.
 */
export function createTrafficGenerator(options: TrafficGeneratorOptions): TrafficGenerator {
  const { seed, channels } = options;
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  assertChannels(channels, 'createTrafficGenerator');
  const chatterCount = options.chattersPerChannel ?? 100;
  if (!Number.isInteger(chatterCount) || chatterCount < 2 || chatterCount > 100_000) {
    throw new RangeError(`chattersPerChannel must be an integer in [2, 100000], got ${chatterCount}`);
  }
  const { mix, sampler: kindSampler } = resolveMix(options.mix);
  const channelSampler = createZipfSampler(channels.length, options.zipfExponent ?? 1);
  const chatterSampler = createZipfSampler(chatterCount, CHATTER_ZIPF);
  const users = new UserDirectory(seed, userDirectorySize(channels.length, chatterCount));
  const rng = new Prng(seed);
  const chatterCache = new ChatterCache();
  const states: (ChannelState | undefined)[] = new Array(channels.length);

  const stateOf = (index: number): ChannelState => {
    let s = states[index];
    if (!s) {
      s = createChannelState(seed, index, channels[index]!, users, chatterCount, chatterCache);
      states[index] = s;
    }
    return s;
  };

  // One context reused for every line (no allocation per line); `build` sets its state first.
  const ctx: KindContext = {
    rng,
    state: undefined as unknown as ChannelState,
    now: 0,
    pickChatter: () => ctx.state.chatters.at(chatterSampler.sample(rng)),
  };

  const build = (kind: TrafficKind, index: number, now: number): TrafficLine | null => {
    ctx.state = stateOf(index);
    ctx.now = now;
    const built = BUILDERS[kind](ctx);
    return built && { channel: ctx.state.channel.login, kind, line: built.line, id: built.id };
  };

  return {
    mix,
    next(nowMs: number): TrafficLine {
      const kind = TRAFFIC_KINDS[kindSampler.sample(rng)]!;
      for (let i = 0; i < HISTORY_TRIES; i++) {
        const out = build(kind, channelSampler.sample(rng), nowMs);
        if (out) return out;
      }
      // Only CLEARMSG can fail (no message to delete yet, e.g. the very first lines).
      return build('privmsg', channelSampler.sample(rng), nowMs)!;
    },
  };
}
