import type { ChannelState } from '../channel-state.js';
import type { Chatter } from '../chatters.js';
import type { Prng } from '../prng.js';

/** What a kind's line builder gets: the generator's PRNG, the channel, the time. */
export interface KindContext {
  rng: Prng;
  state: ChannelState;
  /** `tmi-sent-ts` of the line. */
  now: number;
  /** Picks a chatter of the channel, weighted so that a few chatters talk most. */
  pickChatter(): Chatter;
}

/** A built line and its `id` tag (null for lines without one). */
export interface BuiltLine {
  line: string;
  id: string | null;
}
