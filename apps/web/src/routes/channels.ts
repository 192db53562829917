import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { notFound, send } from '../http/errors.js';
import {
  authorizeBody,
  channelsBody,
  channelsQuery,
  decodeCursor,
  encodeCursor,
  joinBody,
  loginParams,
  sayBody,
  scaleBody,
  supervisorParams,
} from './schemas.js';

/** Channel list and detail, and every command (operators only; mutations need CSRF). */
export function channelRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { backend } = ctx;
  app.get(
    '/api/channels',
    { schema: { tags: ['channels'], querystring: channelsQuery } },
    async (request, reply) => {
      const q = request.query as z.infer<typeof channelsQuery>;
      const after = decodeCursor(q.cursor);
      if (after === undefined)
        return send(reply, 400, {
          error: 'validation',
          issues: [{ path: 'cursor', message: 'is not a cursor this server issued' }],
        });
      const page = await backend.channels({
        search: q.search,
        filter: q.filter,
        cursor: after,
        limit: q.limit,
      });
      return { ...page, nextCursor: encodeCursor(page.nextCursor) };
    },
  );

  app.get(
    '/api/channels/:login',
    { schema: { tags: ['channels'], params: loginParams } },
    async (request, reply) => {
      const { login } = request.params as z.infer<typeof loginParams>;
      const detail = await backend.channel(login);
      if (detail === null) return notFound(reply, `the cluster does not know #${login}`);
      return detail;
    },
  );

  app.post('/api/channels/join', { schema: { tags: ['commands'], body: joinBody } }, async (request) => {
    const b = request.body as z.infer<typeof joinBody>;
    return backend.join(b.channels, b.authorize === undefined ? {} : { authorize: b.authorize });
  });
  app.post('/api/channels/part', { schema: { tags: ['commands'], body: channelsBody } }, async (request) =>
    backend.part((request.body as z.infer<typeof channelsBody>).channels),
  );
  app.post('/api/channels/say', { schema: { tags: ['commands'], body: sayBody } }, async (request) => {
    const b = request.body as z.infer<typeof sayBody>;
    return backend.say(b.channel, b.text, b.replyTo);
  });
  app.post(
    '/api/channels/authorize',
    { schema: { tags: ['commands'], body: authorizeBody } },
    async (request) => {
      const b = request.body as z.infer<typeof authorizeBody>;
      return {
        authorized: await backend.authorize(
          b.channels,
          b.reconnect === undefined ? {} : { reconnect: b.reconnect },
        ),
      };
    },
  );
  app.post(
    '/api/channels/revoke',
    { schema: { tags: ['commands'], body: channelsBody } },
    async (request) => ({
      revoked: await backend.revoke((request.body as z.infer<typeof channelsBody>).channels),
    }),
  );

  app.post(
    '/api/supervisors/:id/:action',
    { schema: { tags: ['commands'], params: supervisorParams } },
    async (request, reply) => {
      const { id, action } = request.params as z.infer<typeof supervisorParams>;
      if (!(await backend.supervisorCommand(id, action))) return notFound(reply, `no live supervisor ${id}`);
      return { ok: true, supervisor: id, action };
    },
  );
  app.post('/api/scale', { schema: { tags: ['commands'], body: scaleBody } }, async (request, reply) => {
    const b = request.body as z.infer<typeof scaleBody>;
    if (!(await backend.scale(b.workers, b.supervisor)))
      return notFound(
        reply,
        b.supervisor === undefined ? 'no live supervisor' : `no live supervisor ${b.supervisor}`,
      );
    return { ok: true, workers: b.workers, supervisor: b.supervisor ?? null };
  });
}
