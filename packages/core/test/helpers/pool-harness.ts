import { ManualClock } from '../../src/clock/manual-clock.js';
import { MemoryRateLimiter } from '../../src/memory/memory-rate-limiter.js';
import type { WorkerReport } from '../../src/protocol/reports.js';
import {
  ConnectionPool,
  type ConnectionPoolOptions,
  type Identity,
  type PoolLine,
} from '../../src/worker/index.js';
import { FakeTwitch, settle } from './fake-irc.js';

export const BOT: Identity = { login: 'bot', token: 'secret' };
export const ANON: Identity = { login: 'justinfan123', token: null };

/** A pool over {@link FakeTwitch} with a ManualClock, collecting lines and reports. */
export function poolHarness(options: Partial<ConnectionPoolOptions> = {}) {
  const clock = new ManualClock(1_700_000_000_000);
  const limiter = new MemoryRateLimiter({ clock });
  const twitch = new FakeTwitch(clock);
  const lines: PoolLine[] = [];
  const reports: WorkerReport[] = [];
  const pool = new ConnectionPool({
    workerId: 'w1',
    factory: twitch,
    rateLimiter: limiter,
    clock,
    onLine: (line) => lines.push(line),
    onReport: (report) => reports.push(report),
    random: () => 0,
    ...options,
  });
  return {
    clock,
    limiter,
    twitch,
    pool,
    lines,
    reports,
    /** Moves time (firing timers) and lets the async loops and fake answers run. */
    async advance(ms: number): Promise<void> {
      await settle();
      await clock.advanceAsync(ms);
      await settle();
    },
    /** Reports of one type. */
    of<T extends WorkerReport['type']>(type: T): Extract<WorkerReport, { type: T }>[] {
      return reports.filter((r): r is Extract<WorkerReport, { type: T }> => r.type === type);
    },
  };
}

/** `count` channel logins `ch0 … ch<count-1>`. */
export function channels(count: number, prefix = 'ch'): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${i}`);
}
