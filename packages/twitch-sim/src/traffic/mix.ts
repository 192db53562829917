import { CdfSampler } from './cdf-sampler.js';
import { TRAFFIC_KINDS, type TrafficKind } from './types.js';

/** Relative weights of each kind of line. */
export type TrafficMix = Record<TrafficKind, number>;

/**
 * Default mix: chat is about 97 % of what a client receives in a busy channel; the rest is
 * subscriptions, moderation, membership and mode changes.
 */
export const DEFAULT_MIX: Readonly<TrafficMix> = Object.freeze({
  privmsg: 0.97,
  usernotice: 0.008,
  clearchat: 0.006,
  clearmsg: 0.004,
  roomstate: 0.0015,
  notice: 0.0015,
  join: 0.005,
  part: 0.004,
});

/**
 * Merges partial weights over the defaults (a kind left out keeps its default weight; weight 0
 * turns a kind off) and returns the normalized mix and a sampler over {@link TRAFFIC_KINDS}.
 */
export function resolveMix(partial: Partial<TrafficMix> = {}): { mix: TrafficMix; sampler: CdfSampler } {
  const merged = { ...DEFAULT_MIX, ...partial };
  let sum = 0;
  for (const kind of TRAFFIC_KINDS) {
    const w = merged[kind];
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0) {
      throw new RangeError(`mix weight for ${kind} must be a finite number ≥ 0, got ${String(w)}`);
    }
    sum += w;
  }
  if (sum <= 0) throw new RangeError('mix weights sum to 0');
  const mix = {} as TrafficMix;
  for (const kind of TRAFFIC_KINDS) mix[kind] = merged[kind] / sum;
  return { mix: Object.freeze(mix), sampler: new CdfSampler(TRAFFIC_KINDS.map((k) => mix[k])) };
}
