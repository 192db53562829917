import { z } from 'zod';
import { TmiClusterError } from '../errors/index.js';

/** Auto-scaling settings; every field has a default (see {@link scalerConfigSchema}). */
export interface ScalerConfig {
  /** Channels one worker should hold; the usage target (not the hard cap, which is `capacity`). */
  channelsPerWorker: number;
  /** Usage above this scales out (0.7 = the original's 70 %); exactly at it does not. */
  scaleOutAbove: number;
  /** Usage below this may scale in (0.5); exactly at it does not. */
  scaleInBelow: number;
  /** Fewest workers per supervisor. */
  min: number;
  /** Most workers per supervisor. */
  max: number;
  /** At least this long between two scale-outs/scale-ins (min/max clamping is immediate). */
  cooldownMs: number;
  /**
   * `enough` (default): one scale-out adds as many workers as it takes to get back to
   * `scaleOutAbove`, so a mass join or a failover does not wait one cooldown per worker;
   * `one`: +1 per cooldown, as the original did.
   */
  scaleOutStep: 'one' | 'enough';
}

const fraction = z.number().gt(0).lt(1);

/** Validates scaler options and fills defaults; scaleInBelow must be below scaleOutAbove. */
export const scalerConfigSchema = z
  .object({
    channelsPerWorker: z.number().int().min(1).default(50),
    scaleOutAbove: fraction.default(0.7),
    scaleInBelow: fraction.default(0.5),
    min: z.number().int().min(0).default(1),
    max: z.number().int().min(1).default(25),
    cooldownMs: z.number().min(0).default(60_000),
    scaleOutStep: z.enum(['one', 'enough']).default('enough'),
  })
  .refine((c) => c.scaleInBelow < c.scaleOutAbove, { message: 'scaleInBelow must be below scaleOutAbove' })
  .refine((c) => c.min <= c.max, { message: 'min must not exceed max' });

/** Parses and freezes scaler options; throws TMI_ERR_INVALID_CONFIG naming each rule broken. */
export function resolveScalerConfig(input: Partial<ScalerConfig> = {}): Readonly<ScalerConfig> {
  const parsed = scalerConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `scaler.${i.path.join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', issues.join('; '), { issues });
  }
  return Object.freeze(parsed.data);
}
