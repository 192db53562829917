import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type AppContext, COOKIE } from '../app-context.js';
import { secretEquals } from '../auth/constant-time.js';
import { LoginThrottle } from '../auth/login-throttle.js';
import { csrfOk, operatorSession } from '../auth/guard.js';
import { token } from '../auth/sessions.js';
import { TwitchAuthError } from '../auth/twitch-oauth.js';
import { clearCookie, setCookie } from '../http/cookies.js';
import { send } from '../http/errors.js';

const SIGN_IN_WINDOW_MS = 10 * 60_000;
const loginBody = z.object({ token: z.string().min(1, 'must not be empty').max(1_000) });
export const callbackQuery = z.object({
  code: z.string().min(1).max(1_000).optional(),
  state: z.string().min(1).max(200).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(1_000).optional(),
});
const sessionReply = z.object({
  user: z.object({ login: z.string(), via: z.enum(['token', 'twitch']) }),
  csrfToken: z.string(),
});

/** Operator sign-in: the admin token, or Twitch limited to the allowlist; session and logout. */
export function authRoutes(app: FastifyInstance, ctx: AppContext): void {
  const throttle = new LoginThrottle(10, 60_000, ctx.now);
  app.post(
    '/api/auth/login',
    { schema: { tags: ['auth'], body: loginBody, response: { 200: sessionReply } } },
    async (request, reply) => {
      const { token: given } = request.body as z.infer<typeof loginBody>;
      const wait = throttle.blockedFor(request.ip);
      if (wait > 0)
        return send(reply.header('retry-after', Math.ceil(wait / 1000)), 429, {
          error: 'rate_limited',
          message: `too many failed sign-ins; try again in ${Math.ceil(wait / 1000)} s`,
        });
      const expected = ctx.config.adminToken;
      // Compare even when token login is off, so the answer takes the same time either way.
      const ok = secretEquals(given, expected ?? token()) && expected !== undefined;
      if (!ok) {
        throttle.failed(request.ip);
        return send(reply, 401, { error: 'unauthenticated', message: 'wrong token' });
      }
      throttle.succeeded(request.ip);
      const old = ctx.sessions.get(request.cookies[COOKIE.session]);
      if (old !== null) ctx.sessions.destroy(old.id);
      const session = ctx.sessions.create();
      session.user = { login: 'admin', via: 'token' };
      setCookie(ctx, reply, COOKIE.session, session.id, 'strict', ctx.config.sessionTtlMs);
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.get(
    '/api/auth/session',
    { schema: { tags: ['auth'], response: { 200: sessionReply } } },
    async (request, reply) => {
      const session = operatorSession(ctx, request);
      if (session === null) return send(reply, 401, { error: 'unauthenticated' });
      return { user: session.user, csrfToken: session.csrfToken };
    },
  );

  app.post('/api/auth/logout', { schema: { tags: ['auth'] } }, async (request, reply) => {
    const session = operatorSession(ctx, request);
    if (session === null) return send(reply, 401, { error: 'unauthenticated' });
    if (!csrfOk(request, session))
      return send(reply, 403, { error: 'csrf', message: 'missing or wrong x-csrf-token header' });
    ctx.sessions.destroy(session.id);
    clearCookie(ctx, reply, COOKIE.session);
    return reply.code(204).send();
  });

  app.get('/auth/twitch', { schema: { tags: ['auth'] } }, async (request, reply) => {
    if (ctx.twitch === null)
      return send(reply, 503, {
        error: 'unavailable',
        message: 'Twitch sign-in is not configured (web.twitch.clientId/clientSecret)',
      });
    const pending = ctx.sessions.create();
    pending.oauthState = { purpose: 'operator', state: token() };
    setCookie(ctx, reply, COOKIE.oauth, pending.id, 'lax', SIGN_IN_WINDOW_MS);
    return reply.redirect(
      ctx.twitch.authorizeLocation(pending.oauthState.state, operatorRedirect(ctx, request)),
      302,
    );
  });

  app.get(
    '/auth/twitch/callback',
    { schema: { tags: ['auth'], querystring: callbackQuery } },
    async (request, reply) => {
      const q = request.query as z.infer<typeof callbackQuery>;
      const pending = ctx.sessions.get(request.cookies[COOKIE.oauth]);
      clearCookie(ctx, reply, COOKIE.oauth);
      if (pending !== null) ctx.sessions.destroy(pending.id);
      const check = checkState(pending?.oauthState ?? null, 'operator', q);
      if (check !== null) return check(reply);
      if (ctx.twitch === null)
        return send(reply, 503, { error: 'unavailable', message: 'Twitch sign-in is not configured' });
      let login: string;
      try {
        const accessToken = await ctx.twitch.exchange(q.code!, operatorRedirect(ctx, request));
        login = (await ctx.twitch.user(accessToken)).login;
      } catch (err) {
        if (err instanceof TwitchAuthError)
          return send(reply, 502, { error: 'unavailable', message: `Twitch sign-in failed: ${err.message}` });
        throw err;
      }
      if (!ctx.config.allowlist.includes(login))
        return send(reply, 403, {
          error: 'forbidden',
          message: `${login} is not on the operator allowlist (web.allowlist)`,
        });
      const session = ctx.sessions.create();
      session.user = { login, via: 'twitch' };
      setCookie(ctx, reply, COOKIE.session, session.id, 'strict', ctx.config.sessionTtlMs);
      return reply.redirect('/', 302);
    },
  );
}

export function operatorRedirect(ctx: AppContext, request: FastifyRequest): string {
  return `${ctx.redirectBase(request)}/auth/twitch/callback`;
}

/**
 * Checks the callback against the state kept in the sign-in session (constant time); answers
 * 400 naming the field, or null when it matches and a code came back.
 */
export function checkState(
  expected: { purpose: 'operator' | 'invite'; state: string } | null,
  purpose: 'operator' | 'invite',
  q: z.infer<typeof callbackQuery>,
): ((reply: FastifyReply) => FastifyReply) | null {
  const fail = (path: string, message: string) => (reply: FastifyReply) =>
    send(reply, 400, { error: 'validation', issues: [{ path, message }] });
  if (expected === null || expected.purpose !== purpose)
    return fail('state', 'no sign-in in progress in this browser (start again)');
  if (q.state === undefined || !secretEquals(q.state, expected.state))
    return fail('state', 'does not match the sign-in this browser started');
  if (q.error !== undefined)
    return fail('error', `Twitch said ${q.error}${q.error_description ? `: ${q.error_description}` : ''}`);
  if (q.code === undefined) return fail('code', 'missing');
  return null;
}
