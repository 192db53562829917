import { z } from 'zod';

const login = z.string().regex(/^[a-z0-9_]{1,25}$/, 'must be a lowercase Twitch login (1-25 of a-z, 0-9, _)');
const url = z.url('must be an absolute URL');

/**
 * Twitch OAuth for operator sign-in and the invite screen. The base URLs default to Twitch's own;
 * tests point them at twitch-sim's OAuth/Helix fakes. Without `clientId` and `clientSecret`,
 * Twitch sign-in and invites are off (the admin token still works).
 */
export const twitchAuthSchema = z.strictObject({
  authorizeUrl: url.default('https://id.twitch.tv/oauth2/authorize'),
  tokenUrl: url.default('https://id.twitch.tv/oauth2/token'),
  helixUrl: url.default('https://api.twitch.tv/helix'),
  clientId: z.string().min(1).optional(),
  clientSecret: z.string().min(1).optional(),
  /**
   * The app's OAuth redirect base, e.g. `https://ops.example.com` (the server appends
   * `/auth/twitch/callback` and `/invite/callback`); default: the address the server listens on.
   */
  redirectUri: url.optional(),
});

/**
 * The `web` section of the configuration: where the dashboard listens and who may use it. Every
 * key has a default; docs/web.md explains each.
 */
export const webConfigSchema = z.strictObject({
  /** Start the web server with `tmi-cluster start` (embedded mode); `--no-web` overrides. */
  enabled: z.boolean().default(true),
  /** Loopback by default: exposing the dashboard is a decision, not an accident. */
  host: z.string().min(1).default('127.0.0.1'),
  port: z.number().int().min(0).max(65535).default(8080),
  /** The operator token for `POST /api/auth/login` (at least 16 characters). Unset: token login is off. */
  adminToken: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Twitch logins that may sign in as operators with Twitch. */
  allowlist: z.array(login).default([]),
  /** When set, `/metrics` needs `Authorization: Bearer <metricsToken>`. */
  metricsToken: z.string().min(1).optional(),
  /** Sessions end this long after their last use (8 h: a working day). */
  sessionTtlMs: z
    .number()
    .int()
    .min(60_000)
    .default(8 * 3_600_000),
  /** Mark cookies `Secure` (behind HTTPS). Default false: the default listener is plain HTTP on loopback. */
  secureCookies: z.boolean().default(false),
  twitch: twitchAuthSchema.prefault({}),
});

export type WebConfig = z.output<typeof webConfigSchema>;
export type WebConfigInput = z.input<typeof webConfigSchema>;
