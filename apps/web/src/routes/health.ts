import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../app-context.js';
import { secretEquals } from '../auth/constant-time.js';
import { send } from '../http/errors.js';

/** Public probes (no channel names in them) and the Prometheus endpoint. */
export function healthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/health', { schema: { tags: ['health'] } }, async () => ({ status: 'ok' }));

  app.get('/health/ready', { schema: { tags: ['health'] } }, async (request, reply) => {
    try {
      const r = await ctx.backend.readiness();
      return reply.code(r.ready ? 200 : 503).send(r);
    } catch (err) {
      request.log.warn({ err }, 'readiness check failed');
      return reply.code(503).send({
        ready: false,
        reasons: ['the cluster state cannot be read (registry or store unreachable)'],
      });
    }
  });

  app.get('/metrics', { schema: { tags: ['health'] } }, async (request, reply) => {
    const expected = ctx.config.metricsToken;
    if (expected !== undefined) {
      const header = request.headers.authorization ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!secretEquals(given, expected)) {
        reply.header('www-authenticate', 'Bearer realm="metrics"');
        return send(reply, 401, {
          error: 'unauthenticated',
          message: 'metrics need Authorization: Bearer <metricsToken>',
        });
      }
    }
    const text = await ctx.metrics.render(await ctx.backend.metrics());
    return reply.type(ctx.metrics.contentType).send(text);
  });
}
