import type { Clock } from '../ports/clock.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { WorkerReport } from '../protocol/reports.js';
import type { ResolvedPoolOptions } from './options.js';
import type { OverlapDedup } from './overlap-dedup.js';
import type { PoolConnection } from './pool-connection.js';

/** What every part of one pool shares; built once by {@link ConnectionPool}. */
export interface PoolContext {
  readonly options: ResolvedPoolOptions;
  readonly clock: Clock;
  readonly limiter: RateLimiter;
  readonly dedup: OverlapDedup;
  /** True once the pool is closing: loops stop, nothing new opens. */
  readonly closed: boolean;
  nextConnectionId(): string;
  report(report: WorkerReport): void;
  /** A line arrived on `conn`; `effects` applies its channel-state effects before it is forwarded. */
  line(conn: PoolConnection, line: string, receivedAt: number, effects: LineEffects): void;
}

/** The per-identity handler of control lines (JOIN echo, NOTICE, RECONNECT …). */
export type LineEffects = (
  conn: PoolConnection,
  line: string,
  info: { command: string; channel: string | null; tagsEnd: number },
  receivedAt: number,
) => void;
