import type { RouteContext } from '../context.js';
import { idError, Msg } from '../errors.js';
import { empty, type ParsedRequest, type Reply } from '../http.js';

/**
 * `POST /oauth2/revoke` with `client_id` and `token` — 200 with no body; the token then fails
 * everywhere, IRC logins included.
 */
export function revoke(req: ParsedRequest, ctx: RouteContext): Reply {
  const clientId = req.params.get('client_id');
  if (!clientId) return idError(400, Msg.missingClientId);
  if (!ctx.clients.has(clientId)) return idError(404, Msg.clientDoesNotExist);
  const token = req.params.get('token');
  if (!token) return idError(400, Msg.missingToken);
  return ctx.grants.revoke(token, clientId) ? empty(200) : idError(400, Msg.invalidToken);
}
