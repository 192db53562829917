import { startTwitchSim, type TwitchSim } from '@tmi-cluster/twitch-sim';
import type { ConfigInput } from '../../src/config/schema.js';

export const BOT = { login: 'embedbot', token: 'embedbottoken' };

/**
 * A twitch-sim with all of Twitch's limits and a verified bot (2,000 JOINs per 10 s, 7,500
 * messages per 30 s, and like every account at most 100 concurrent channels). The cluster reads
 * anonymously, so the bot sits only where it sends.
 */
export async function startSim(channels: number, recordLines = true): Promise<TwitchSim> {
  return startTwitchSim({
    accounts: [{ login: BOT.login, tokens: [BOT.token], profile: 'verified' }],
    channels,
    limits: { enabled: true },
    recordLines,
  });
}

/**
 * Config pointing the cluster at the sim: anonymous readers at the verified pace (the sim, like
 * Twitch as far as anyone knows, does not limit `justinfan…` logins) and the verified bot sending.
 */
export function simConfig(sim: TwitchSim, extra: ConfigInput = {}): ConfigInput {
  return {
    identity: { login: BOT.login, token: BOT.token, tier: 'verified' },
    anonymous: { tier: 'verified' },
    server: { host: '127.0.0.1', port: sim.wsPort ?? 0, secure: false },
    supervisor: { drainTimeoutMs: 5_000 },
    ...extra,
  };
}

export async function until(
  cond: () => boolean | Promise<boolean>,
  what: string,
  ms = 30_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

let seq = 0;

/** A Twitch-like tagged PRIVMSG with a fresh id; returns the id and the line. */
export function chat(channel: string, text = 'hello'): { id: string; line: string } {
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const tags = `@badge-info=;badges=;color=;display-name=Viewer;emotes=;first-msg=0;flags=;id=${id};mod=0;room-id=1;subscriber=0;tmi-sent-ts=${Date.now()};turbo=0;user-id=42;user-type=`;
  return { id, line: `${tags} :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #${channel} :${text} ${seq}` };
}

/** `channel0 … channel<n-1>`, the sim's generated channel names. */
export const channelNames = (n: number) => Array.from({ length: n }, (_, i) => `channel${i}`);
