import type { SimAccount } from '../../sim/accounts.js';
import type { RouteContext } from '../context.js';
import { helixError, Msg } from '../errors.js';
import type { AccessGrant } from '../grants.js';
import { authToken, header, json, type ParsedRequest, type Reply } from '../http.js';

/** Helix's cap on `id` + `login` parameters per request. */
export const MAX_USERS_PER_REQUEST = 100;

/**
 * Checks Helix's `Authorization: Bearer <token>` and `Client-Id` headers; answers the grant, or the
 * 401 reply to send.
 */
export function helixAuth(req: ParsedRequest, ctx: RouteContext): AccessGrant | Reply {
  const token = authToken(req.headers, ['bearer']);
  if (!token) return helixError(401, Msg.oauthTokenMissing);
  const grant = ctx.grants.lookup(token);
  if (!grant) return helixError(401, Msg.invalidOAuthToken);
  const clientId = header(req.headers, 'client-id');
  if (!clientId) return helixError(401, Msg.clientIdMissing);
  if (clientId !== grant.clientId) return helixError(401, Msg.clientIdMismatch);
  return grant;
}

/**
 * `GET /helix/users[?id=..][&login=..]` — up to 100 users by id and/or login (unknown ones are left
 * out); with neither, the user the token belongs to.
 */
export function users(req: ParsedRequest, ctx: RouteContext): Reply {
  const auth = helixAuth(req, ctx);
  if ('status' in auth) return auth;
  const ids = req.query.getAll('id');
  const logins = req.query.getAll('login');
  if (ids.length + logins.length > MAX_USERS_PER_REQUEST) return helixError(400, Msg.tooManyUsers);

  const found: SimAccount[] = [];
  if (ids.length === 0 && logins.length === 0) {
    const self = auth.login === null ? undefined : ctx.accounts.byLogin(auth.login);
    if (!self) return helixError(400, Msg.needIdOrLogin);
    found.push(self);
  } else {
    for (const id of ids) pushNew(found, ctx.accounts.byUserId(id));
    for (const login of logins) pushNew(found, ctx.accounts.byLogin(login));
  }
  return json(200, { data: found.map(helixUser) }, rateLimitHeaders(ctx.grants.now()));
}

function pushNew(list: SimAccount[], account: SimAccount | undefined): void {
  if (account && !list.includes(account)) list.push(account);
}

/** An account as Helix's Get Users returns it (no `email`: the sim has none). */
export function helixUser(a: SimAccount) {
  return {
    id: a.userId,
    login: a.login,
    display_name: a.displayName,
    type: '',
    broadcaster_type: '',
    description: '',
    profile_image_url: a.profileImageUrl,
    offline_image_url: '',
    view_count: 0,
    created_at: createdAt(a.userId),
  };
}

/** A stable, plausible account creation time derived from the user id. */
function createdAt(userId: string): string {
  const n = Number.parseInt(userId, 10);
  const offsetSeconds = Number.isFinite(n) ? n % 300_000_000 : 0;
  return new Date(Date.UTC(2012, 0, 1) + offsetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Helix's rate-limit headers; the fake never limits, so the bucket always looks full. */
function rateLimitHeaders(now: number): Record<string, string> {
  return {
    'Ratelimit-Limit': '800',
    'Ratelimit-Remaining': '799',
    'Ratelimit-Reset': String(Math.ceil(now / 1000) + 60),
  };
}
