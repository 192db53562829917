/**
 * Traffic for the sim: a seeded generator of realistic Twitch chat lines, a replay of recorded
 * lines, and a driver that feeds either into the server at a set rate.
 */
export { CdfSampler } from './cdf-sampler.js';
export { startTraffic, type TrafficHandle, type TrafficOptions, type TrafficResult } from './driver.js';
export { createTrafficGenerator, type TrafficGenerator, type TrafficGeneratorOptions } from './generator.js';
export { DEFAULT_MIX, type TrafficMix } from './mix.js';
export { Prng } from './prng.js';
export { createReplaySource, type ReplaySource, type ReplaySourceOptions } from './replay.js';
export {
  TRAFFIC_KINDS,
  type TrafficChannel,
  type TrafficKind,
  type TrafficLine,
  type TrafficSink,
  type TrafficSource,
} from './types.js';
export { uuidV4 } from './uuid.js';
export { createZipfSampler } from './zipf.js';
