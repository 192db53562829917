import { z } from 'zod';
import { webConfigSchema } from '@tmi-cluster/web';
import { databaseSectionSchema } from './database.js';

const login = z.string().regex(/^[a-z0-9_]{1,25}$/, 'must be a lowercase Twitch login (1-25 of a-z, 0-9, _)');
const positiveMs = z.number().int().positive();

/**
 * The bot account the cluster logs in as. Without one, the cluster reads chat anonymously
 * (`justinfan…`) and cannot send.
 */
export const identitySchema = z.object({
  login,
  /** OAuth access token with chat scopes, with or without the `oauth:` prefix. */
  token: z.string().min(1, 'must not be empty'),
  /** `verified` only for bots Twitch verified: it raises JOIN/AUTH/PRIVMSG limits (twitch-irc.md §2). */
  tier: z.enum(['normal', 'verified']).default('normal'),
});

/** Where the Twitch chat servers are; the default is Twitch's own, tests point it at twitch-sim. */
export const serverSchema = z.object({
  host: z.string().min(1).default('irc-ws.chat.twitch.tv'),
  port: z.number().int().min(1).max(65535).default(443),
  /** tmi.js forces port 443 when secure, so a plain-ws test server needs `secure: false`. */
  secure: z.boolean().default(true),
});

/**
 * Everything `tmi-cluster` reads from `tmi-cluster.config.{ts,js,json}` and `TMI_CLUSTER_*`
 * environment variables, validated once and frozen. Every key has a default except `identity`
 * (optional). docs/configuration.md documents each key and why its default is what it is.
 */
export const configSchema = z
  .object({
    identity: identitySchema.optional(),
    /**
     * Who reads chat: `anonymous` (default) reads on `justinfan…` connections, which Twitch does not
     * cap at 100 channels, and the bot joins a channel only to send there, within its 100
     * concurrent channels counted cluster-wide (least recently used ones are parted to make room;
     * moderator/broadcaster channels do not count). `bot` reads as the bot too: then the cluster
     * holds at most 100 channels (plus moderated ones) per bot account.
     */
    readers: z.enum(['anonymous', 'bot']).default('anonymous'),
    anonymous: z
      .object({
        /**
         * The JOIN/AUTH budgets anonymous readers take (per worker: each has its own login).
         * Twitch documents no limit for `justinfan…`; `normal` (20 per 10 s) is the safe guess,
         * `verified` (2,000 JOINs, 200 AUTHs) joins thousands of channels in seconds.
         */
        tier: z.enum(['normal', 'verified']).default('normal'),
      })
      .prefault({}),
    server: serverSchema.prefault({}),
    connection: z
      .object({
        /** Channels per IRC connection (twitch-irc-rs and dank-twitch-irc use 90; Twitch documents no cap). */
        maxChannels: z.number().int().min(1).max(1000).default(90),
        /** Client PING interval, answered within pongTimeoutMs or the connection is replaced. */
        pingIntervalMs: positiveMs.default(30_000),
        pongTimeoutMs: positiveMs.default(10_000),
        /** Least time between two connection attempts of one identity on one worker (each costs AUTH budget). */
        connectSpacingMs: z.number().int().min(0).default(2_000),
      })
      .prefault({}),
    workers: z
      .object({
        /** Hard cap of channels one worker holds (connections × maxChannels); placement never exceeds it. */
        capacity: z.number().int().min(1).default(900),
        min: z.number().int().min(0).default(1),
        max: z.number().int().min(1).default(4),
        /** A worker above this many MiB of memory is drained and replaced. */
        memoryLimitMb: z.number().int().min(16).default(512),
      })
      .prefault({})
      .refine((w) => w.min <= w.max, { message: 'min must not exceed max', path: ['min'] }),
    scaling: z
      .object({
        enabled: z.boolean().default(true),
        scaleOutAbove: z.number().gt(0).lt(1).default(0.7),
        scaleInBelow: z.number().gt(0).lt(1).default(0.5),
        cooldownMs: z.number().int().min(0).default(60_000),
      })
      .prefault({})
      .refine((s) => s.scaleInBelow < s.scaleOutAbove, {
        message: 'scaleInBelow must be below scaleOutAbove',
        path: ['scaleInBelow'],
      }),
    supervisor: z
      .object({
        /** The supervisor terminates gracefully above this many MiB. */
        memoryLimitMb: z.number().int().min(16).default(256),
        /** How long a graceful stop waits for workers to hand their channels over. */
        drainTimeoutMs: z.number().int().min(0).default(30_000),
      })
      .prefault({}),
    coordinator: z
      .object({
        /** A dead coordinator is replaced within about this long. */
        leaseTtlMs: z.number().int().min(1000).default(10_000),
        /** Each channel is joined by this many workers (on distinct hosts when possible). */
        redundancy: z.number().int().min(1).max(10).default(1),
      })
      .prefault({}),
    say: z
      .object({
        /** Messages over Twitch's 500 characters: split at word boundaries, or refuse. */
        overLength: z.enum(['split', 'reject']).default('split'),
      })
      .prefault({}),
    /** The channel list (Database channel manager); absent = every channel allowed. See database.ts. */
    database: databaseSectionSchema.optional(),
    /**
     * Cluster mode: every node (`tmi-cluster start` on each host) points at the same Redis with
     * the same prefix; ports live there and workers run as child processes (docs/redis.md).
     * Absent: embedded mode, in memory.
     */
    redis: z
      .strictObject({
        url: z.string().min(1, 'must not be empty').optional(),
        prefix: z.string().min(1, 'must not be empty').optional(),
      })
      .optional(),
    /** The dashboard, API, /metrics and invite screen (docs/web.md). */
    web: webConfigSchema.prefault({}),
    /** Channels joined when the cluster starts. */
    channels: z.array(login).default([]),
    log: z
      .object({
        level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
      })
      .prefault({}),
  })
  .strict();

/** The validated, frozen configuration. */
export type Config = z.infer<typeof configSchema>;
/** What a config file may contain: every key optional. */
export type ConfigInput = z.input<typeof configSchema>;
