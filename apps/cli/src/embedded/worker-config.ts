import { drainTimeouts } from '@tmi-cluster/core';
import { z } from 'zod';
import type { Config } from '../config/schema.js';

const account = z.object({
  login: z.string().min(1),
  token: z.string().min(1),
  tier: z.enum(['normal', 'verified']),
});

/**
 * The part of the resolved config a worker thread needs, as it travels in `workerData`
 * (structured clone, so plain JSON values only). Validated again inside the thread, because the
 * thread must not trust that the host built it right.
 */
export const workerConfigSchema = z.object({
  /** Name of this machine; ends up in the worker's registry record (placement on distinct hosts). */
  host: z.string().min(1),
  identity: z.union([z.literal('anonymous'), account]),
  /** The bot that sends while anonymous connections read (`readers: 'anonymous'`); null otherwise. */
  sender: account.nullable(),
  anonymousTier: z.enum(['normal', 'verified']),
  server: z.object({ host: z.string().min(1), port: z.number().int(), secure: z.boolean() }),
  connection: z.object({
    maxChannels: z.number().int().min(1),
    pingIntervalMs: z.number().int().positive(),
    pongTimeoutMs: z.number().int().positive(),
    connectSpacingMs: z.number().int().min(0),
  }),
  capacity: z.number().int().min(1),
  /** The worker's share of `supervisor.drainTimeoutMs` (see drainTimeouts). */
  drainTimeoutMs: z.number().int().min(1),
  overLength: z.enum(['split', 'reject']),
});
export type WorkerConfig = z.infer<typeof workerConfigSchema>;

/** Picks the worker-relevant parts out of the resolved config. */
export function workerConfigFrom(config: Readonly<Config>, host: string): WorkerConfig {
  const id = config.identity;
  const bot = id === undefined ? null : { login: id.login, token: id.token, tier: id.tier };
  const botReads = bot !== null && config.readers === 'bot';
  return {
    host,
    identity: botReads ? bot : 'anonymous',
    sender: botReads ? null : bot,
    anonymousTier: config.anonymous.tier,
    server: { ...config.server },
    connection: { ...config.connection },
    capacity: config.workers.capacity,
    drainTimeoutMs: drainTimeouts(config.supervisor.drainTimeoutMs).workerMs,
    overLength: config.say.overLength,
  };
}
