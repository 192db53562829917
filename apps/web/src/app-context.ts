import type { FastifyReply, FastifyRequest } from 'fastify';
import type { SessionStore } from './auth/sessions.js';
import type { TwitchOAuth } from './auth/twitch-oauth.js';
import type { WebBackend } from './backend/types.js';
import type { ClusterMetrics } from './metrics/cluster-metrics.js';
import type { WebConfig } from './options.js';

/** What every route module gets. */
export interface AppContext {
  backend: WebBackend;
  config: WebConfig;
  sessions: SessionStore;
  /** Null when no Twitch app is configured (no client id/secret). */
  twitch: TwitchOAuth | null;
  metrics: ClusterMetrics;
  /** The bot account invites are for; null when the cluster reads anonymously only. */
  botLogin: string | null;
  /** The resolved cluster configuration, for `GET /api/config` (redacted there). */
  clusterConfig: unknown;
  /** Built dashboard files, or null when there are none. */
  publicDir: string | null;
  /** Overview push interval of `/api/live`. */
  liveIntervalMs: number;
  /** Base of the OAuth redirect URIs for this request. */
  redirectBase(request: FastifyRequest): string;
  now(): number;
}

export const COOKIE = {
  /** The operator session (httpOnly, SameSite=Strict). */
  session: 'tmi_session',
  /** A sign-in in progress (SameSite=Lax: it must come back on Twitch's redirect). */
  oauth: 'tmi_oauth',
  /** The invite screen's session (SameSite=Lax for the same reason; it only manages one's own channel). */
  invite: 'tmi_invite',
} as const;

export type Handler = (request: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
