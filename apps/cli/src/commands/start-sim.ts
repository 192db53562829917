import {
  createTrafficGenerator,
  startTraffic,
  startTwitchSim,
  type TrafficHandle,
  type TwitchSim,
} from '@tmi-cluster/twitch-sim';
import type { Config } from '../config/schema.js';

/** The sim's bot account `start --sim` logs the cluster in as (unless the config names one). */
export const SIM_BOT = { login: 'simbot', token: 'simbottoken' } as const;

/** An in-process twitch-sim with chat traffic, for `tmi-cluster start --sim`. */
export interface StartSim {
  sim: TwitchSim;
  traffic: TrafficHandle | null;
  close(): Promise<void>;
}

/**
 * Starts twitch-sim on free local ports with Twitch's limits, `channels` channels and the bot
 * `simbot`, plus generated chat at `rate` lines/s (0 = none). The cluster reads anonymously (the
 * sim does not limit `justinfan…` logins), so the bot keeps Twitch's 100-channel cap and sits only
 * where it sends; it is verified so its says are not held to 20 per 30 s.
 */
export async function startSimForCluster(channels: number, rate: number): Promise<StartSim> {
  const sim = await startTwitchSim({
    tcpPort: false,
    wsPort: 0,
    channels,
    accounts: [{ login: SIM_BOT.login, tokens: [SIM_BOT.token], profile: 'verified' }],
    limits: { enabled: true },
  });
  const sink = sim.trafficSink();
  const traffic =
    rate > 0 && sink.channels().length > 0
      ? startTraffic(sink, createTrafficGenerator({ seed: 1, channels: sink.channels() }), {
          ratePerSecond: rate,
        })
      : null;
  return {
    sim,
    traffic,
    async close() {
      traffic?.stop();
      await sim.close();
    },
  };
}

/**
 * Lays the sim over the user's config: the server is the sim (plain WebSocket), the identity the
 * sim bot unless the user configured one (a configured account must exist in the sim to log in),
 * and anonymous readers at the verified pace, which the sim allows, so thousands of channels join
 * in seconds.
 */
export function withSim(config: Readonly<Config>, sim: TwitchSim): Config {
  return {
    ...config,
    server: { host: '127.0.0.1', port: sim.wsPort ?? 0, secure: false },
    identity: config.identity ?? { ...SIM_BOT, tier: 'verified' },
    anonymous: { tier: 'verified' },
  };
}
