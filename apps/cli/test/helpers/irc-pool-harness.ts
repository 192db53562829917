import { MemoryRateLimiter, type WorkerReport } from '@tmi-cluster/core';
import {
  type AccountInput,
  startTwitchSim,
  type TwitchSim,
  type TwitchSimOptions,
} from '@tmi-cluster/twitch-sim';
import { afterEach } from 'vitest';
import { ConnectionPool, type ConnectionPoolOptions, type Identity, type PoolLine } from '@tmi-cluster/core';
import { tmiConnectionFactory } from '../../src/irc/index.js';

const open: { close(): Promise<void> }[] = [];

afterEach(async () => {
  // Pools first, so their sockets close before the sim stops listening.
  for (const item of open.splice(0)) await item.close();
});

/** A twitch-sim and a ConnectionPool on tmi.js pointed at it; both closed after the test. */
export async function simWithPool(
  simOptions: TwitchSimOptions,
  poolOptions: Partial<ConnectionPoolOptions> = {},
): Promise<{
  sim: TwitchSim;
  pool: ConnectionPool;
  lines: PoolLine[];
  reports: WorkerReport[];
  limiter: MemoryRateLimiter;
  of<T extends WorkerReport['type']>(type: T): Extract<WorkerReport, { type: T }>[];
}> {
  const sim = await startTwitchSim(simOptions);
  const limiter = new MemoryRateLimiter();
  const lines: PoolLine[] = [];
  const reports: WorkerReport[] = [];
  const pool = new ConnectionPool({
    workerId: 'w1',
    factory: tmiConnectionFactory({ host: '127.0.0.1', port: sim.wsPort!, secure: false }),
    rateLimiter: limiter,
    onLine: (line) => lines.push(line),
    onReport: (report) => reports.push(report),
    ...poolOptions,
  });
  open.push(pool, sim);
  return {
    sim,
    pool,
    lines,
    reports,
    limiter,
    of: <T extends WorkerReport['type']>(type: T) =>
      reports.filter((r): r is Extract<WorkerReport, { type: T }> => r.type === type),
  };
}

/** Polls `cond` every 5 ms until it is truthy, or throws after `timeoutMs`. */
export async function waitFor(cond: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A PRIVMSG as Twitch would fan it out, with a unique `id`. */
export function chatLine(channel: string, id: string, text = id): string {
  return `@badge-info=;badges=;color=;display-name=U;emotes=;id=${id};mod=0;room-id=1;subscriber=0;tmi-sent-ts=${Date.now()};turbo=0;user-id=7;user-type= :u!u@u.tmi.twitch.tv PRIVMSG #${channel} :${text}`;
}

/** A bot account of the sim and the matching pool identity. */
export function account(
  login: string,
  profile: 'normal' | 'verified' = 'normal',
): { sim: AccountInput; identity: Identity } {
  return {
    sim: { login, tokens: [`${login}token`], profile },
    identity: { login, token: `${login}token`, tier: profile },
  };
}
