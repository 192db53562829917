import { z } from 'zod';
import type { Config } from '../config/schema.js';

/**
 * The part of the resolved config a worker thread needs, as it travels in `workerData`
 * (structured clone, so plain JSON values only). Validated again inside the thread, because the
 * thread must not trust that the host built it right.
 */
export const workerConfigSchema = z.object({
  /** Name of this machine; ends up in the worker's registry record (placement on distinct hosts). */
  host: z.string().min(1),
  identity: z.union([
    z.literal('anonymous'),
    z.object({
      login: z.string().min(1),
      token: z.string().min(1),
      tier: z.enum(['normal', 'verified']),
    }),
  ]),
  server: z.object({ host: z.string().min(1), port: z.number().int(), secure: z.boolean() }),
  connection: z.object({
    maxChannels: z.number().int().min(1),
    pingIntervalMs: z.number().int().positive(),
    pongTimeoutMs: z.number().int().positive(),
  }),
  capacity: z.number().int().min(1),
  overLength: z.enum(['split', 'reject']),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Picks the worker-relevant parts out of the resolved config. */
export function workerConfigFrom(config: Readonly<Config>, host: string): WorkerConfig {
  const id = config.identity;
  return {
    host,
    identity: id === undefined ? 'anonymous' : { login: id.login, token: id.token, tier: id.tier },
    server: { ...config.server },
    connection: { ...config.connection },
    capacity: config.workers.capacity,
    overLength: config.say.overLength,
  };
}
