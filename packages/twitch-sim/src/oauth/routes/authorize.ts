import type { RouteContext } from '../context.js';
import { idError, Msg } from '../errors.js';
import { type ParsedRequest, type Reply, redirect } from '../http.js';

/**
 * `GET /oauth2/authorize` — the authorization-code grant's first leg. A bad client or redirect URI
 * gets a 400 JSON body and no redirect; otherwise the signed-in user "clicks Authorize" (or
 * "Cancel" after `denyNext()`) and the browser is sent back to `redirect_uri`.
 *
 * Fake-only: a `login` query parameter picks who is signed in for this one request.
 */
export function authorize(req: ParsedRequest, ctx: RouteContext): Reply {
  const q = req.query;
  const clientId = q.get('client_id');
  if (!clientId) return idError(400, Msg.missingClientId);
  const client = ctx.clients.get(clientId);
  if (!client) return idError(400, Msg.invalidClient);
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!client.redirectUris.includes(redirectUri)) return idError(400, Msg.redirectMismatch);
  if (q.get('response_type') !== 'code') return idError(400, Msg.invalidResponseType);

  const state = q.get('state');
  const back = (params: Record<string, string>): Reply => {
    const url = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    if (state !== null) url.searchParams.set('state', state);
    return redirect(url.toString());
  };

  if (ctx.takeDeny()) {
    return back({ error: 'access_denied', error_description: 'The user denied you access' });
  }
  const loginParam = q.get('login');
  const user = loginParam !== null ? ctx.accounts.byLogin(loginParam) : ctx.signedInUser();
  if (!user) return idError(400, Msg.noSignedInUser);
  const scopes = (q.get('scope') ?? '').split(' ').filter((s) => s !== '');
  const code = ctx.grants.issueCode({ clientId, redirectUri, login: user.login, scopes });
  return back({ code, scope: scopes.join(' ') });
}
