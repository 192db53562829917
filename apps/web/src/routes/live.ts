import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import type { AppContext } from '../app-context.js';
import { openSse } from '../http/sse.js';
import { loginParams } from './schemas.js';

/**
 * Live updates over SSE (operators only): `/api/live` pushes the overview every second and each
 * lifecycle event as it happens; `/api/channels/:login/chat` pushes one channel's chat lines.
 */
export function liveRoutes(app: FastifyInstance, ctx: AppContext): void {
  const { backend } = ctx;
  app.get('/api/live', { schema: { tags: ['live'] } }, async (request, reply) => {
    const sse = openSse(request, reply);
    let busy = false;
    const push = async () => {
      if (busy || sse.closed) return;
      busy = true;
      try {
        sse.send('overview', await backend.overview());
      } catch (err) {
        request.log.warn({ err }, 'overview for /api/live failed');
      } finally {
        busy = false;
      }
    };
    const timer = setInterval(() => void push(), ctx.liveIntervalMs);
    sse.onClose(() => clearInterval(timer));
    sse.onClose(backend.onLifecycle((event) => sse.send('lifecycle', event)));
    await push();
  });

  app.get(
    '/api/channels/:login/chat',
    { schema: { tags: ['live'], params: loginParams } },
    async (request, reply) => {
      const { login } = request.params as z.infer<typeof loginParams>;
      const sse = openSse(request, reply);
      sse.onClose(backend.onChat(login, (line) => sse.send('message', line)));
    },
  );
}
