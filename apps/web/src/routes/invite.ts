import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { type AppContext, COOKIE } from '../app-context.js';
import { csrfOk } from '../auth/guard.js';
import { type Session, type Streamer, token } from '../auth/sessions.js';
import { TwitchAuthError } from '../auth/twitch-oauth.js';
import { setCookie } from '../http/cookies.js';
import { send } from '../http/errors.js';
import { callbackQuery, checkState } from './auth.js';

const BOT_PROFILE_TTL_MS = 10 * 60_000;

/**
 * The invite screen's API: a streamer signs in with Twitch (identity only) in a session of its
 * own, sees the bot and whether it is in their chat, and authorizes (join now, and re-join
 * whenever nobody holds it) or revokes (part now). Needs a channel manager that keeps a list:
 * with the Dummy one every channel is allowed anyway, so the actions answer 409.
 */
export function inviteRoutes(app: FastifyInstance, ctx: AppContext): void {
  const bot = botProfile(ctx);

  app.get('/api/invite', { schema: { tags: ['invite'] } }, async (request, reply) => {
    const session = inviteSession(ctx, request, reply);
    const streamer = session.streamer;
    const detail = streamer === null ? null : await ctx.backend.channel(streamer.login);
    const off = disabledReason(ctx);
    return {
      enabled: off === null,
      ...(off === null ? {} : { message: off }),
      bot: await bot(),
      streamer,
      authorized:
        detail?.authorization?.authorized ??
        (detail !== null && detail.state !== 'parted' && detail.authorized === true),
      joined: detail?.state === 'confirmed',
      csrfToken: session.csrfToken,
    };
  });

  app.get('/invite/login', { schema: { tags: ['invite'] } }, async (request, reply) => {
    const off = disabledReason(ctx);
    if (off !== null || ctx.twitch === null)
      return send(reply, 409, {
        error: 'invites_disabled',
        message: off ?? 'Twitch sign-in is not configured',
      });
    const session = inviteSession(ctx, request, reply);
    session.oauthState = { purpose: 'invite', state: token() };
    return reply.redirect(
      ctx.twitch.authorizeLocation(session.oauthState.state, inviteRedirect(ctx, request)),
      302,
    );
  });

  app.get(
    '/invite/callback',
    { schema: { tags: ['invite'], querystring: callbackQuery } },
    async (request, reply) => {
      const q = request.query as z.infer<typeof callbackQuery>;
      const session = ctx.sessions.get(request.cookies[COOKIE.invite]);
      const expected = session?.oauthState ?? null;
      if (session !== null) session.oauthState = null;
      const check = checkState(expected, 'invite', q);
      if (check !== null) return check(reply);
      if (ctx.twitch === null)
        return send(reply, 409, { error: 'invites_disabled', message: 'Twitch sign-in is not configured' });
      let streamer: Streamer;
      try {
        streamer = await ctx.twitch.user(await ctx.twitch.exchange(q.code!, inviteRedirect(ctx, request)));
      } catch (err) {
        if (err instanceof TwitchAuthError)
          return send(reply, 502, { error: 'unavailable', message: `Twitch sign-in failed: ${err.message}` });
        throw err;
      }
      // New rights, new id: a session id planted before sign-in is worth nothing after it.
      const fresh = ctx.sessions.rotate(session!);
      fresh.streamer = streamer;
      setCookie(ctx, reply, COOKIE.invite, fresh.id, 'lax', ctx.config.sessionTtlMs);
      return reply.redirect('/invite', 302);
    },
  );

  const action =
    (run: (login: string) => Promise<unknown>) => async (request: FastifyRequest, reply: FastifyReply) => {
      const session = ctx.sessions.get(request.cookies[COOKIE.invite]);
      if (session === null || session.streamer === null)
        return send(reply, 401, { error: 'unauthenticated', message: 'sign in with Twitch first' });
      if (!csrfOk(request, session))
        return send(reply, 403, { error: 'csrf', message: 'missing or wrong x-csrf-token header' });
      const off = disabledReason(ctx);
      if (off !== null) return send(reply, 409, { error: 'invites_disabled', message: off });
      return run(session.streamer.login);
    };

  app.post(
    '/api/invite/authorize',
    { schema: { tags: ['invite'] } },
    action(async (login) => {
      const authorized = await ctx.backend.authorize([login], { reconnect: true });
      const join = await ctx.backend.join([login], {});
      return { login, authorized: authorized.includes(login), join };
    }),
  );

  app.post(
    '/api/invite/revoke',
    { schema: { tags: ['invite'] } },
    action(async (login) => {
      const revoked = await ctx.backend.revoke([login]);
      const part = await ctx.backend.part([login]);
      return { login, revoked: revoked.includes(login), part };
    }),
  );
}

function disabledReason(ctx: AppContext): string | null {
  if (ctx.backend.channelManagerKind === 'dummy')
    return 'Invites are off: the cluster allows every channel (no database channel list is configured).';
  if (ctx.twitch === null)
    return 'Invites are off: no Twitch app is configured (web.twitch.clientId and clientSecret).';
  return null;
}

/** The invite session named by the cookie, or a new one (cookie set). */
function inviteSession(ctx: AppContext, request: FastifyRequest, reply: FastifyReply): Session {
  const existing = ctx.sessions.get(request.cookies[COOKIE.invite]);
  if (existing !== null) return existing;
  const session = ctx.sessions.create();
  setCookie(ctx, reply, COOKIE.invite, session.id, 'lax', ctx.config.sessionTtlMs);
  return session;
}

function inviteRedirect(ctx: AppContext, request: FastifyRequest): string {
  return `${ctx.redirectBase(request)}/invite/callback`;
}

/** The bot's Helix profile (app token), cached; its login alone when Twitch cannot be asked. */
function botProfile(ctx: AppContext): () => Promise<Streamer> {
  let cached: { at: number; profile: Streamer } | null = null;
  return async () => {
    const login = ctx.botLogin ?? 'anonymous';
    const fallback = { login, displayName: login, avatarUrl: null };
    if (ctx.twitch === null || ctx.botLogin === null) return fallback;
    if (cached !== null && ctx.now() - cached.at < BOT_PROFILE_TTL_MS) return cached.profile;
    try {
      const profile = await ctx.twitch.user(await ctx.twitch.appToken(), ctx.botLogin);
      cached = { at: ctx.now(), profile };
      return profile;
    } catch {
      return fallback;
    }
  };
}
