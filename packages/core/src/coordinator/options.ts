import { z } from 'zod';
import { TmiClusterError } from '../errors/index.js';
import type { WindowLimit } from '../ports/rate-limiter.js';
import { DEFAULT_DRAIN_TIMEOUTS } from '../domain/drain-timeouts.js';
import { type ScalerConfig, scalerConfigSchema } from '../scaler/config.js';

const windowLimit = z.object({ count: z.number().int().min(1), windowMs: z.number().gt(0) });
const ms = z.number().min(0);

/** Validates coordinator options and fills defaults; each default says why in the TSDoc of {@link CoordinatorOptions}. */
export const coordinatorOptionsSchema = z.object({
  consumer: z.string().min(1).default('coordinator'),
  pollMs: z.number().gt(0).default(100),
  commandBatch: z.number().int().min(1).default(100),
  reportBatch: z.number().int().min(1).default(1_000),
  sweepMs: z.number().gt(0).default(1_000),
  redundancy: z.number().int().min(1).max(10).default(1),
  joinLimit: windowLimit.default({ count: 20, windowMs: 10_500 }),
  anonymousJoinLimit: windowLimit.optional(),
  maxChannelsPerIdentity: z.number().int().min(1).nullable().default(100),
  identities: z
    .record(
      z.string(),
      z.object({ join: windowLimit.optional(), maxChannels: z.number().int().min(1).nullable().optional() }),
    )
    .default({}),
  maxChannelsPerCommand: z.number().int().min(1).max(100_000).default(1_000),
  pendingTimeoutMs: z.number().gt(0).default(60_000),
  retryBaseMs: z.number().gt(0).default(5_000),
  retryMaxMs: z.number().gt(0).default(300_000),
  drainTimeoutMs: ms.default(DEFAULT_DRAIN_TIMEOUTS.coordinatorMs),
  drainedWhenAlone: z.boolean().default(false),
  commandRetryIdleMs: z.number().gt(0).default(30_000),
  maxDeliveries: z.number().int().min(1).default(5),
  reconnectIntervalMs: z.number().gt(0).default(30_000),
  staleIntervalMs: z.number().gt(0).default(300_000),
  staleJitterMs: ms.default(600_000),
  autoCleanup: z.boolean().default(true),
  scaler: z.union([z.literal(false), scalerConfigSchema]).default(scalerConfigSchema.parse({})),
  scaleIntervalMs: z.number().gt(0).default(5_000),
  recentEvents: z.number().int().min(1).default(200),
  recentGaps: z.number().int().min(1).default(100),
});

/**
 * Coordinator settings. Defaults: `pollMs` 100 (join latency ≤ 0.1 s, not the original's ~10 s);
 * `sweepMs` 1000 (dead workers found within heartbeat TTL + 1 s); `redundancy` 1; `joinLimit`
 * 20 per 10.5 s per identity (Twitch's 20 per 10 s plus a margin for command delivery time; set
 * 2000 for verified bots); `maxChannelsPerIdentity` 100 (Twitch's concurrent limit since 2024;
 * `justinfan…` anonymous logins are exempt; null = no limit); `pendingTimeoutMs` 60 s (a join
 * neither confirmed nor refused is retried); retries back off 5 s → 5 min; `drainTimeoutMs` 60 s
 * (a draining worker's channel is parted even without a confirmed replacement; two thirds of the
 * supervisor's 90 s, see `drainTimeouts`); `drainedWhenAlone` false; auto-reconnect
 * every 30 s, stale cleanup every 300 s + up to 600 s jitter (the original's values); scaler on
 * every 5 s (`false` turns it off).
 */
export interface CoordinatorOptions {
  /** Consumer name in the coordinator's groups; give each candidate its own (the election's holder id). */
  consumer: string;
  pollMs: number;
  commandBatch: number;
  reportBatch: number;
  sweepMs: number;
  redundancy: number;
  joinLimit: WindowLimit;
  /**
   * The JOIN window of anonymous `justinfan…` readers (each worker has its own login). Default:
   * `joinLimit`, because Twitch documents no limit for them and says nothing either way; the
   * embedded cluster sets 2,000 when `anonymous.tier` is `verified`.
   */
  anonymousJoinLimit?: WindowLimit | undefined;
  maxChannelsPerIdentity: number | null;
  /** Per-identity overrides of the JOIN limit and the channel limit (null = no limit). */
  identities: Record<string, { join?: WindowLimit | undefined; maxChannels?: number | null | undefined }>;
  maxChannelsPerCommand: number;
  pendingTimeoutMs: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Derive it with `drainTimeouts(supervisorDrainMs).coordinatorMs` so it fits the supervisor's. */
  drainTimeoutMs: number;
  /**
   * A draining worker with no ready worker left to take its channels is told `drained` at once
   * (its channels are parted) instead of after `drainTimeoutMs`. For a cluster that is shutting
   * down as a whole (the embedded one); off by default, because in a multi-host cluster a
   * replacement may be a few seconds away.
   */
  drainedWhenAlone: boolean;
  /** A command still unacknowledged this long (its handler failed) is tried again … */
  commandRetryIdleMs: number;
  /** … up to this many deliveries, then it goes to the dead-letter stream. */
  maxDeliveries: number;
  reconnectIntervalMs: number;
  staleIntervalMs: number;
  staleJitterMs: number;
  /** Part channels the channel manager calls stale (revoked or unacknowledged too long). */
  autoCleanup: boolean;
  scaler: ScalerConfig | false;
  scaleIntervalMs: number;
  recentEvents: number;
  recentGaps: number;
}

export type CoordinatorOptionsInput = Partial<Omit<CoordinatorOptions, 'scaler'>> & {
  scaler?: Partial<ScalerConfig> | false;
};

/** Parses and freezes options; throws TMI_ERR_INVALID_CONFIG naming each key and rule. */
export function resolveCoordinatorOptions(input: CoordinatorOptionsInput = {}): Readonly<CoordinatorOptions> {
  const parsed = coordinatorOptionsSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `coordinator.${i.path.join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { issues });
  }
  return Object.freeze(parsed.data as CoordinatorOptions);
}

const ANONYMOUS = /^justinfan\d+$/;

/** The JOIN window of an identity. */
export function joinLimitFor(options: CoordinatorOptions, identity: string): WindowLimit {
  const own = options.identities[identity]?.join;
  if (own !== undefined) return own;
  return (ANONYMOUS.test(identity) ? options.anonymousJoinLimit : undefined) ?? options.joinLimit;
}

/** The concurrent-channel limit of an identity; anonymous logins have none. */
export function maxChannelsFor(options: CoordinatorOptions, identity: string): number | null {
  const own = options.identities[identity]?.maxChannels;
  if (own !== undefined) return own;
  return ANONYMOUS.test(identity) ? null : options.maxChannelsPerIdentity;
}
