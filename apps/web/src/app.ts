import fastifyCookie from '@fastify/cookie';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AppContext } from './app-context.js';
import { requireOperator } from './auth/guard.js';
import { SessionStore } from './auth/sessions.js';
import { TwitchOAuth } from './auth/twitch-oauth.js';
import type { WebBackend } from './backend/types.js';
import { installErrorHandler } from './http/errors.js';
import { toOpenApi, useZod } from './http/validation.js';
import { ClusterMetrics } from './metrics/cluster-metrics.js';
import { type WebConfig, type WebConfigInput, webConfigSchema } from './options.js';
import { authRoutes } from './routes/auth.js';
import { channelRoutes } from './routes/channels.js';
import { clusterRoutes } from './routes/cluster.js';
import { healthRoutes } from './routes/health.js';
import { inviteRoutes } from './routes/invite.js';
import { liveRoutes } from './routes/live.js';
import { defaultPublicDir, spaRoutes } from './routes/spa.js';

/** What {@link buildWebApp} needs. */
export interface WebAppOptions {
  backend: WebBackend;
  /** The `web` configuration section (validated here when given raw). */
  config?: WebConfigInput | WebConfig;
  /** The whole resolved cluster configuration, shown (redacted) at `GET /api/config`. */
  clusterConfig?: unknown;
  /** The bot account streamers invite; null/absent when the cluster only reads anonymously. */
  botLogin?: string | null;
  /** Built dashboard files; default `dist/public` when it exists; null serves none. */
  publicDir?: string | null;
  /** Overview push interval of `/api/live` (default 1 s). */
  liveIntervalMs?: number;
  /** Fastify's logger option (default off). */
  logger?: FastifyServerOptions['logger'];
  now?: () => number;
}

/** A built app with the session store it owns (closed with the app). */
export type WebApp = FastifyInstance;

/**
 * The web server as a Fastify instance, not listening yet (tests use `inject`): the JSON API
 * under `/api` (zod-validated, documented at `/openapi.json`), SSE live updates, `/metrics`,
 * `/health`, the invite flow and the dashboard's files. Closing the app ends the sessions; the
 * backend belongs to the caller.
 */
export async function buildWebApp(options: WebAppOptions): Promise<WebApp> {
  const config = webConfigSchema.parse(options.config ?? {});
  const app = Fastify({ logger: options.logger ?? false, trustProxy: false, bodyLimit: 1_048_576 });
  app.decorateRequest('operator', null);
  useZod(app);
  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'tmi-cluster web API', version: '1.0.0', description: 'See docs/web.md' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'tmi_session' } } },
    },
    transform: ({ schema, url }) => ({ schema: toOpenApi(schema) ?? {}, url }),
  });

  const sessions = new SessionStore(config.sessionTtlMs, options.now);
  const t = config.twitch;
  const ctx: AppContext = {
    backend: options.backend,
    config,
    sessions,
    twitch:
      t.clientId !== undefined && t.clientSecret !== undefined
        ? new TwitchOAuth({ ...t, clientId: t.clientId, clientSecret: t.clientSecret })
        : null,
    metrics: new ClusterMetrics(),
    botLogin: options.botLogin ?? null,
    clusterConfig: options.clusterConfig ?? { web: config },
    publicDir: options.publicDir === undefined ? defaultPublicDir() : options.publicDir,
    liveIntervalMs: options.liveIntervalMs ?? 1_000,
    redirectBase: (request) => (t.redirectUri ?? `${request.protocol}://${request.host}`).replace(/\/$/, ''),
    now: options.now ?? Date.now,
  };
  app.addHook('onClose', async () => sessions.close());
  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'same-origin');
    reply.header('x-frame-options', 'DENY');
    return payload;
  });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  healthRoutes(app, ctx);
  authRoutes(app, ctx);
  inviteRoutes(app, ctx);
  await app.register(async (operator) => {
    operator.addHook('onRequest', requireOperator(ctx));
    clusterRoutes(operator, ctx);
    channelRoutes(operator, ctx);
    liveRoutes(operator, ctx);
  });
  await spaRoutes(app, ctx.publicDir);
  return app;
}
