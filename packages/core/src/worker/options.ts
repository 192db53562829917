import { systemClock } from '../clock/system-clock.js';
import { TmiClusterError } from '../errors/index.js';
import type { Clock } from '../ports/clock.js';
import type { IrcConnectionFactory } from '../ports/irc-connection.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import type { WorkerReport } from '../protocol/reports.js';
import type { PoolLine } from './types.js';

/** Options of {@link ConnectionPool}; only the first four are required. */
export interface ConnectionPoolOptions {
  /** This worker's id: the first half of every line's receiver id and of every report. */
  workerId: string;
  /** Opens connections (tmi.js in production, in-memory in tests). */
  factory: IrcConnectionFactory;
  /** Cluster-wide limiter; the pool takes JOIN and AUTH budget from it per identity. */
  rateLimiter: RateLimiter;
  /** Every inbound line, after the RECONNECT-overlap de-duplication. Must not throw. */
  onLine: (line: PoolLine) => void;
  /** Channel state changes for the coordinator (joined, join-failed, parted, gap, privileged). */
  onReport?: (report: WorkerReport) => void;
  /** Timers and timestamps. Default: the system clock. */
  clock?: Clock;
  /**
   * Channels per connection. Default 90, the cap twitch-irc-rs and dank-twitch-irc use: Twitch
   * documents none, and small shards re-join quickly after a disconnect.
   */
  maxChannels?: number;
  /**
   * Who pays the JOIN budget of a first join: `'pool'` takes it here before sending, while
   * `'preallocated'` trusts that the coordinator took it when it assigned the channel. Retries
   * and re-joins after a reconnect always take budget here. Default `'pool'`.
   */
  joinBudget?: 'pool' | 'preallocated';
  /** Longest `JOIN #a,#b,…` line, without CR/LF. Default 500 (go-twitch-irc stops at 510). */
  maxJoinLineBytes?: number;
  /** A JOIN with no echo, ROOMSTATE or failure NOTICE by then is retried. Default 10 000 (twurple). */
  joinTimeoutMs?: number;
  /**
   * Retries after a timeout before reporting `no_answer` (Twitch stays silent for channels that
   * do not exist). Default 2, so three attempts in all.
   */
  joinRetries?: number;
  /** Delay before the first retry; doubles with each further one. Default 1 000. */
  joinRetryDelayMs?: number;
  /** connect() must resolve within this, or the connection counts as failed. Default 20 000 (twitch-irc-rs). */
  connectTimeoutMs?: number;
  /**
   * Least time between the starts of two connection attempts of one identity, and only one
   * attempt at a time. Default 2 000 (twitch-irc-rs, dank-twitch-irc): each one costs AUTH budget.
   */
  connectSpacingMs?: number;
  /** First back-off after an unexpected disconnect or failed connect; doubles per failure. Default 1 000. */
  reconnectMinMs?: number;
  /** Ceiling of that back-off. Default 60 000. */
  reconnectMaxMs?: number;
  /** A connection that stayed open this long resets the identity's back-off when it fails. Default 60 000. */
  stableAfterMs?: number;
  /**
   * After a Twitch RECONNECT the old connection is kept until the replacement confirmed every
   * channel, but no longer than this. Default 30 000.
   */
  replaceTimeoutMs?: number;
  /** Our own PING on every open connection. Default 30 000 (twitch-irc-rs). */
  pingIntervalMs?: number;
  /** A PING without PONG by then fails the connection. Default 10 000. */
  pongTimeoutMs?: number;
  /**
   * How long a line key is remembered for de-duplication while two connections of this worker
   * receive a channel, and how long the filter outlives the overlap (a slower socket may still
   * deliver its copy). Default 30 000.
   */
  dedupTtlMs?: number;
  /** Keys remembered per overlapping channel at most. Default 4 096. */
  dedupMaxKeys?: number;
  /** Source of back-off jitter, in [0, 1). Default Math.random. */
  random?: () => number;
}

/** Options after defaults; frozen. */
export type ResolvedPoolOptions = Readonly<
  Required<Omit<ConnectionPoolOptions, 'onReport' | 'clock'>> & {
    onReport: (report: WorkerReport) => void;
    clock: Clock;
  }
>;

const DEFAULTS = {
  maxChannels: 90,
  joinBudget: 'pool',
  maxJoinLineBytes: 500,
  joinTimeoutMs: 10_000,
  joinRetries: 2,
  joinRetryDelayMs: 1_000,
  connectTimeoutMs: 20_000,
  connectSpacingMs: 2_000,
  reconnectMinMs: 1_000,
  reconnectMaxMs: 60_000,
  stableAfterMs: 60_000,
  replaceTimeoutMs: 30_000,
  pingIntervalMs: 30_000,
  pongTimeoutMs: 10_000,
  dedupTtlMs: 30_000,
  dedupMaxKeys: 4_096,
} as const;

/** The numeric options with the least value each accepts. */
const MINIMUMS: Record<Exclude<keyof typeof DEFAULTS, 'joinBudget'>, number> = {
  maxChannels: 1,
  // `JOIN #` plus a 25-character login must fit.
  maxJoinLineBytes: 31,
  joinTimeoutMs: 1,
  joinRetries: 0,
  joinRetryDelayMs: 0,
  connectTimeoutMs: 1,
  connectSpacingMs: 0,
  reconnectMinMs: 1,
  reconnectMaxMs: 1,
  stableAfterMs: 0,
  replaceTimeoutMs: 1,
  pingIntervalMs: 1,
  pongTimeoutMs: 1,
  dedupTtlMs: 1,
  dedupMaxKeys: 1,
};

/** Applies defaults and validates once; a bad option throws TMI_ERR_INVALID_CONFIG naming it. */
export function resolvePoolOptions(options: ConnectionPoolOptions): ResolvedPoolOptions {
  if (typeof options.workerId !== 'string' || options.workerId === '')
    invalid('workerId', options.workerId, 'must be a non-empty string');
  if (typeof options.factory?.create !== 'function')
    invalid('factory', options.factory, 'must have create()');
  if (typeof options.rateLimiter?.take !== 'function')
    invalid('rateLimiter', options.rateLimiter, 'must be a RateLimiter');
  if (typeof options.onLine !== 'function') invalid('onLine', options.onLine, 'must be a function');
  const merged = { ...DEFAULTS, ...stripUndefined(options) };
  if (merged.joinBudget !== 'pool' && merged.joinBudget !== 'preallocated')
    invalid('joinBudget', merged.joinBudget, "must be 'pool' or 'preallocated'");
  for (const [name, min] of Object.entries(MINIMUMS)) {
    const value = (merged as Record<string, unknown>)[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
      invalid(name, value, `must be an integer ≥ ${min}`);
  }
  if (merged.reconnectMaxMs < merged.reconnectMinMs)
    invalid('reconnectMaxMs', merged.reconnectMaxMs, 'must be ≥ reconnectMinMs');
  return Object.freeze({
    ...merged,
    workerId: options.workerId,
    factory: options.factory,
    rateLimiter: options.rateLimiter,
    onLine: options.onLine,
    onReport: options.onReport ?? noop,
    clock: options.clock ?? systemClock,
    random: options.random ?? Math.random,
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function invalid(field: string, value: unknown, rule: string): never {
  throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `connection pool option ${field} ${rule}`, {
    field,
    value: typeof value === 'function' ? 'function' : value,
    rule,
  });
}

function noop(): void {}
