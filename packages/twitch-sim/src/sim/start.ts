import { createRateLimiter } from './limits/index.js';
import { resolveOptions, type TwitchSimOptions } from './options.js';
import { TwitchSim } from './twitch-sim.js';

/**
 * Starts a Twitch-compatible TMI server. Options are validated once (a bad one throws a
 * TypeError naming it); the promise resolves when every listener is bound, so `sim.tcpPort` and
 * `sim.wsPort` are the real ports. Always `await sim.close()` when done.
 */
export async function startTwitchSim(options?: TwitchSimOptions): Promise<TwitchSim> {
  const resolved = resolveOptions(options);
  const sim = new TwitchSim(resolved, resolved.limiter ?? createRateLimiter(resolved.limits));
  await sim.listen();
  return sim;
}
