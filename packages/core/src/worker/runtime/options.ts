import { z } from 'zod';
import { DEFAULT_DRAIN_TIMEOUTS } from '../../domain/drain-timeouts.js';
import { TmiClusterError } from '../../errors/index.js';
import type { ConnectionPoolOptions } from '../options.js';

const ms = z.number().int().min(0);
const positiveMs = z.number().int().min(1);
const fn = <T>(what: string) =>
  z.custom<T>((value) => typeof value === 'function', { message: `must be a function (${what})` });

/** A bot account; `oauth:` in front of the token is accepted and removed. */
const accountSchema = z.object({
  login: z.string().regex(/^[a-z0-9_]{1,25}$/, 'must be a lowercase Twitch login'),
  token: z
    .string()
    .min(1)
    .transform((t) => t.replace(/^oauth:/, ''))
    .pipe(z.string().min(1, 'must not be empty')),
  tier: z.enum(['normal', 'verified']).default('normal'),
});

/** Pool settings the runtime passes through; the ones it owns (ids, ports, callbacks) are left out. */
export type RuntimePoolOptions = Partial<
  Omit<ConnectionPoolOptions, 'workerId' | 'factory' | 'rateLimiter' | 'onLine' | 'onReport' | 'clock'>
>;

/** Validates the runtime's options and fills defaults (see {@link WorkerRuntimeOptions} for why each). */
export const workerRuntimeOptionsSchema = z
  .object({
    identity: z.union([z.literal('anonymous'), accountSchema]).default('anonymous'),
    sender: accountSchema.nullable().default(null),
    anonymousTier: z.enum(['normal', 'verified']).default('normal'),
    seatTimeoutMs: positiveMs.default(10_000),
    seatTouchMs: positiveMs.default(5_000),
    capacity: z.number().int().min(0).default(900),
    heartbeatMs: positiveMs.default(2_000),
    heartbeatTtlMs: positiveMs.default(10_000),
    eventBatchSize: z.number().int().min(1).max(100_000).default(500),
    eventFlushMs: ms.default(5),
    eventBufferMax: z.number().int().min(1).default(200_000),
    eventStreamMaxLen: z.number().int().min(1).nullable().default(1_000_000),
    publishRetryMinMs: positiveMs.default(100),
    publishRetryMaxMs: positiveMs.default(5_000),
    reportBufferMax: z.number().int().min(1).default(100_000),
    commandBatch: z.number().int().min(1).max(10_000).default(100),
    commandBlockMs: positiveMs.default(1_000),
    commandRetryIdleMs: positiveMs.default(30_000),
    maxDeliveries: z.number().int().min(1).default(5),
    maxConcurrentSays: z.number().int().min(1).default(100),
    sayMaxWaitMs: ms.default(0),
    sayConfirmTimeoutMs: positiveMs.default(2_000),
    sayIdempotencyTtlMs: positiveMs.default(300_000),
    overLength: z.enum(['split', 'reject']).default('split'),
    privmsgWindowMs: positiveMs.default(32_000),
    channelIntervalMs: ms.default(1_200),
    duplicateWindowMs: ms.default(30_000),
    drainTimeoutMs: positiveMs.default(DEFAULT_DRAIN_TIMEOUTS.workerMs),
    stopTimeoutMs: positiveMs.default(5_000),
    recentEvents: z.number().int().min(1).default(100),
    pool: z.record(z.string(), z.unknown()).default({}),
    memoryUsage: fn<() => number>('() => bytes').optional(),
    eventLoopLag: fn<() => number>('() => ms').optional(),
    onEvent: fn<(event: WorkerRuntimeEvent) => void>('(event) => void').optional(),
    random: fn<() => number>('() => [0, 1)').optional(),
  })
  .refine((o) => o.sender === null || o.identity === 'anonymous' || o.identity.login !== o.sender.login, {
    message: 'must differ from identity (a bot identity sends itself)',
    path: ['sender'],
  })
  .refine((o) => o.heartbeatTtlMs > o.heartbeatMs, {
    message: 'must be greater than heartbeatMs',
    path: ['heartbeatTtlMs'],
  })
  .refine((o) => o.publishRetryMaxMs >= o.publishRetryMinMs, {
    message: 'must be ≥ publishRetryMinMs',
    path: ['publishRetryMaxMs'],
  });

/**
 * Settings of a {@link WorkerRuntime}; every field is optional. Defaults and why:
 * - `identity` `'anonymous'`: reads as `justinfan<digits>` (read-only); a bot account
 *   `{ login, token, tier }` also sends. One identity per worker reads and writes its channels.
 * - `sender` null: a bot account `{ login, token, tier }` that sends while `identity` reads (the
 *   cluster's `readers: 'anonymous'`). It joins a channel only to send there, on a seat the
 *   coordinator grants from the account's 100 concurrent channels (least recently used seats are
 *   given back when they run out). Must differ from a bot `identity`.
 * - `anonymousTier` `'normal'`: the JOIN/AUTH budgets an anonymous `identity` takes (Twitch
 *   documents none for `justinfan…`; `'verified'` where its silence is trusted).
 * - `seatTimeoutMs` 10 000: a say waits this long for the sender's seat (grant plus JOIN), then
 *   answers `rejected: no_seat`; `seatTouchMs` 5 000: a seat used again is reported to the
 *   coordinator at most this often (its least-recently-used order).
 * - `capacity` 900: most channels the coordinator places here (10 connections × 90).
 * - `heartbeatMs` 2 000, `heartbeatTtlMs` 10 000: a dead worker is noticed within ~10 s while a
 *   few missed beats (GC pause, slow Redis) are tolerated.
 * - `eventBatchSize` 500, `eventFlushMs` 5: one `appendMany` per 500 lines or 5 ms, whichever
 *   comes first — a round trip per burst, not per line, at ≤ 5 ms added latency.
 * - `eventBufferMax` 200 000: lines kept while the event sink is down (about a minute of a busy
 *   worker); past it new lines are dropped, counted (`eventsDropped`) and announced as
 *   `events-dropping` — never silently.
 * - `eventStreamMaxLen` 1 000 000 (null: no trimming): the shared event stream's approximate cap.
 * - `publishRetryMinMs` 100 → `publishRetryMaxMs` 5 000: back-off while the sink refuses appends.
 * - `reportBufferMax` 100 000: reports kept while the sink is down (dropped beyond, counted).
 * - `commandBatch` 100 per read, `commandBlockMs` 1 000 (a blocking read wakes on the next
 *   command at once; the timeout only bounds how late a stop is noticed).
 * - `commandRetryIdleMs` 30 000, `maxDeliveries` 5: a command whose execution failed is retried
 *   after 30 s, and dead-lettered after 5 deliveries (the coordinator's numbers).
 * - `maxConcurrentSays` 100: says run concurrently across channels (in order within one); the
 *   command loop waits while this many are in flight.
 * - `sayMaxWaitMs` 0: over the PRIVMSG budget a say answers `rate_limited` with `retryAfterMs` at
 *   once instead of queueing (the caller decides); set it to wait up to that long.
 * - `sayConfirmTimeoutMs` 2 000: wait this long for Twitch's USERSTATE (sent, with its id) or a
 *   refusal NOTICE; silence counts as sent with `messageId: null` (Twitch drops some silently).
 * - `sayIdempotencyTtlMs` 300 000: an idempotency key is remembered 5 minutes.
 * - `overLength` `'split'`: a text over 500 characters is sent in parts cut at a word boundary;
 *   `'reject'` answers `too_long`.
 * - `privmsgWindowMs` 32 000: Twitch's 30 s PRIVMSG windows plus 2 s for delivery jitter (as
 *   twurple); `channelIntervalMs` 1 200: Twitch's 1 message/s per channel plus a margin;
 *   `duplicateWindowMs` 30 000: Twitch's duplicate-message rule.
 * - `drainTimeoutMs` 75 000: a drain ends by itself if the coordinator never says `drained`:
 *   after the coordinator's 60 s and before the supervisor's 90 s (`drainTimeouts(90 s)`).
 * - `stopTimeoutMs` 5 000: how long stop() waits for says in flight and for the last events.
 * - `pool`: connection-pool settings passed through (`maxChannels`, `joinTimeoutMs` …), validated
 *   by the pool; `joinBudget` defaults to `'preallocated'` here because the coordinator takes the
 *   JOIN budget when it places a channel.
 * - `memoryUsage` (default: `process.memoryUsage().heapUsed`, the isolate's heap in a worker
 *   thread), `eventLoopLag` (default: the heartbeat timer's drift): injectable for tests and hosts.
 * - `onEvent`: notable runtime events (drops, dead letters, drain …); also kept in status().
 */
export type WorkerRuntimeOptions = Partial<
  Omit<z.input<typeof workerRuntimeOptionsSchema>, 'pool' | 'identity' | 'sender'>
> & {
  identity?: 'anonymous' | { login: string; token: string; tier?: 'normal' | 'verified' };
  sender?: { login: string; token: string; tier?: 'normal' | 'verified' } | null;
  pool?: RuntimePoolOptions;
};

/** Options after validation and defaults; frozen. */
export type ResolvedRuntimeOptions = Readonly<
  Omit<z.output<typeof workerRuntimeOptionsSchema>, 'pool'> & { pool: RuntimePoolOptions }
>;

/** A notable thing the runtime did or saw; kept in `status().recent` and passed to `onEvent`. */
export interface WorkerRuntimeEvent {
  at: number;
  kind:
    | 'started'
    | 'events-dropping'
    | 'sink-recovered'
    | 'reports-dropping'
    | 'sink-error'
    | 'dead-letter'
    | 'stale-fence'
    | 'command-error'
    | 'heartbeat-error'
    | 'reply-error'
    | 'draining'
    | 'drained'
    | 'stopped';
  message: string;
  details?: Record<string, unknown>;
}

/** Parses and freezes options; throws TMI_ERR_INVALID_CONFIG naming each field and rule. */
export function resolveRuntimeOptions(input: WorkerRuntimeOptions = {}): ResolvedRuntimeOptions {
  const parsed = workerRuntimeOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `worker.${i.path.join('.') || '(root)'}: ${i.message}`);
    const field = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { field, issues });
  }
  return Object.freeze({ ...parsed.data, pool: parsed.data.pool as RuntimePoolOptions });
}
