import {
  type CoordinatorOptionsInput,
  drainTimeouts,
  type ScalerConfig,
  type SupervisorOptionsInput,
} from '@tmi-cluster/core';
import type { Config } from '../config/schema.js';

const MIB = 1024 * 1024;

/** Twitch's verified-bot JOIN limit (2000 per 10 s) plus the coordinator's delivery margin. */
const VERIFIED_JOIN = { count: 2000, windowMs: 10_500 } as const;

/** The supervisor's settings from the config (the rest keep core's defaults). */
export function supervisorOptionsFrom(config: Readonly<Config>): SupervisorOptionsInput {
  return {
    initialWorkers: config.workers.min,
    maxWorkers: config.workers.max,
    workerMemoryLimitBytes: config.workers.memoryLimitMb * MIB,
    drainTimeoutMs: drainTimeouts(config.supervisor.drainTimeoutMs).supervisorMs,
  };
}

/**
 * The coordinator's settings from the config: the scaler aims at `workers.capacity` channels per
 * worker within `workers.min … max`, a verified bot (and anonymous readers with
 * `anonymous.tier: verified`) get Twitch's verified JOIN budget, and the drain deadline is the
 * coordinator's share of `supervisor.drainTimeoutMs`.
 */
export function coordinatorOptionsFrom(
  config: Readonly<Config>,
  consumer: string,
  overrides: CoordinatorOptionsInput = {},
): CoordinatorOptionsInput {
  const scaler: Partial<ScalerConfig> | false = config.scaling.enabled
    ? {
        channelsPerWorker: config.workers.capacity,
        scaleOutAbove: config.scaling.scaleOutAbove,
        scaleInBelow: config.scaling.scaleInBelow,
        cooldownMs: config.scaling.cooldownMs,
        min: config.workers.min,
        max: config.workers.max,
      }
    : false;
  const id = config.identity;
  const identities = id?.tier === 'verified' ? { [id.login]: { join: { ...VERIFIED_JOIN } } } : {};
  return {
    consumer,
    redundancy: config.coordinator.redundancy,
    // Inside the supervisor's drain budget (config.supervisor.drainTimeoutMs), see drainTimeouts.
    drainTimeoutMs: drainTimeouts(config.supervisor.drainTimeoutMs).coordinatorMs,
    // One supervisor is the whole cluster: when its workers drain, nobody can take their channels.
    drainedWhenAlone: true,
    scaler,
    ...(config.anonymous.tier === 'verified' ? { anonymousJoinLimit: { ...VERIFIED_JOIN } } : {}),
    ...overrides,
    identities: mergeIdentities(identities, overrides.identities ?? {}),
  };
}

type IdentityOverrides = NonNullable<CoordinatorOptionsInput['identities']>;

/** Per identity, an override's fields replace the derived ones; other fields stay. */
function mergeIdentities(base: IdentityOverrides, extra: IdentityOverrides): IdentityOverrides {
  const merged: IdentityOverrides = { ...base };
  for (const [login, value] of Object.entries(extra)) merged[login] = { ...base[login], ...value };
  return merged;
}
