import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { redact } from '../http/redact.js';
import { eventsQuery } from './schemas.js';

/** Read-only views of the cluster (operators only). */
export function clusterRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { backend } = ctx;
  app.get('/api/overview', { schema: { tags: ['cluster'] } }, () => backend.overview());
  app.get('/api/supervisors', { schema: { tags: ['cluster'] } }, async () => ({
    items: await backend.supervisors(),
  }));
  app.get('/api/workers', { schema: { tags: ['cluster'] } }, async () => ({
    items: await backend.workers(),
  }));
  app.get('/api/events/log', { schema: { tags: ['cluster'], querystring: eventsQuery } }, async (request) => {
    const { limit } = request.query as z.infer<typeof eventsQuery>;
    return { items: await backend.events(limit) };
  });
  app.get('/api/config', { schema: { tags: ['cluster'] } }, async () => redact(ctx.clusterConfig));
}
