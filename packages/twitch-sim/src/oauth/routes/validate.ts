import type { RouteContext } from '../context.js';
import { idError, Msg } from '../errors.js';
import { authToken, json, type ParsedRequest, type Reply } from '../http.js';

/**
 * `GET /oauth2/validate` with `Authorization: OAuth <token>` (Bearer accepted too). User tokens
 * answer `{client_id, login, scopes, user_id, expires_in}`; app tokens leave out login/user_id.
 */
export function validate(req: ParsedRequest, ctx: RouteContext): Reply {
  const token = authToken(req.headers, ['oauth', 'bearer']);
  if (!token) return idError(401, Msg.missingAuthorization);
  const grant = ctx.grants.lookup(token);
  if (!grant) return idError(401, Msg.invalidAccessToken);
  const expiresIn = ctx.grants.expiresIn(grant);
  if (grant.login === null) {
    return json(200, { client_id: grant.clientId, scopes: grant.scopes, expires_in: expiresIn });
  }
  const account = ctx.accounts.byLogin(grant.login);
  if (!account) return idError(401, Msg.invalidAccessToken);
  return json(200, {
    client_id: grant.clientId,
    login: account.login,
    scopes: grant.scopes,
    user_id: account.userId,
    expires_in: expiresIn,
  });
}
