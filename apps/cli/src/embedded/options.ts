import type { CoordinatorOptionsInput, ScalerConfig, SupervisorOptionsInput } from '@tmi-cluster/core';
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
    // The supervisor rejects 0; a config of 0 means "do not wait", which 1 ms is.
    drainTimeoutMs: Math.max(1, config.supervisor.drainTimeoutMs),
  };
}

/**
 * The coordinator's settings from the config: the scaler aims at `workers.capacity` channels per
 * worker within `workers.min … max`, and a verified bot gets Twitch's verified JOIN budget.
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
    scaler,
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
