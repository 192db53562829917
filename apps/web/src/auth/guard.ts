import type { FastifyReply, FastifyRequest } from 'fastify';
import { type AppContext, COOKIE } from '../app-context.js';
import { send } from '../http/errors.js';
import { secretEquals } from './constant-time.js';
import type { Session } from './sessions.js';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

declare module 'fastify' {
  interface FastifyRequest {
    /** The operator session, set by {@link requireOperator}. */
    operator: Session | null;
  }
}

/** The operator session the request's cookie names, if it is signed in. */
export function operatorSession(ctx: AppContext, request: FastifyRequest): Session | null {
  const session = ctx.sessions.get(request.cookies[COOKIE.session]);
  return session?.user ? session : null;
}

/** CSRF: a mutation must carry the session's token in `x-csrf-token` (a header no form can set). */
export function csrfOk(request: FastifyRequest, session: Session): boolean {
  if (!MUTATING.has(request.method)) return true;
  const header = request.headers['x-csrf-token'];
  return typeof header === 'string' && secretEquals(header, session.csrfToken);
}

/** onRequest hook of the operator API: 401 without a session, 403 on a mutation without CSRF. */
export function requireOperator(ctx: AppContext) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = operatorSession(ctx, request);
    if (session === null) return send(reply, 401, { error: 'unauthenticated' });
    if (!csrfOk(request, session))
      return send(reply, 403, { error: 'csrf', message: 'missing or wrong x-csrf-token header' });
    request.operator = session;
  };
}
