import type { RouteContext } from '../context.js';
import { idError, Msg } from '../errors.js';
import type { IssuedUserToken } from '../grants.js';
import { json, type ParsedRequest, type Reply } from '../http.js';

/**
 * `POST /oauth2/token` — exchanges an authorization code, rotates a refresh token or hands out an
 * app token (client credentials). Parameters come from the form body or the query string.
 */
export function token(req: ParsedRequest, ctx: RouteContext): Reply {
  const p = req.params;
  const clientId = p.get('client_id');
  if (!clientId) return idError(400, Msg.missingClientId);
  const client = ctx.clients.get(clientId);
  if (!client) return idError(400, Msg.invalidClient);
  const secret = p.get('client_secret');
  if (!secret) return idError(400, Msg.missingClientSecret);
  if (secret !== client.clientSecret) return idError(403, Msg.invalidClientSecret);

  switch (p.get('grant_type')) {
    case 'authorization_code': {
      const code = p.get('code');
      if (!code) return idError(400, Msg.missingCode);
      const grant = ctx.grants.peekCode(code);
      if (!grant || grant.clientId !== clientId) return idError(400, Msg.invalidCode);
      if (p.get('redirect_uri') !== grant.redirectUri) return idError(400, Msg.redirectMismatch);
      ctx.grants.consumeCode(code);
      if (!ctx.accounts.byLogin(grant.login)) return idError(400, Msg.invalidCode);
      return userTokenReply(ctx.grants.issueUserToken(clientId, grant.login, grant.scopes));
    }
    case 'refresh_token': {
      const refreshToken = p.get('refresh_token');
      if (!refreshToken) return idError(400, Msg.missingRefreshToken);
      const issued = ctx.grants.refresh(refreshToken, clientId);
      return issued ? userTokenReply(issued) : idError(400, Msg.invalidRefreshToken, true);
    }
    case 'client_credentials': {
      const issued = ctx.grants.issueAppToken(clientId);
      return json(200, {
        access_token: issued.accessToken,
        expires_in: issued.expiresIn,
        token_type: 'bearer',
      });
    }
    case null:
    case '':
      return idError(400, Msg.missingGrantType);
    default:
      return idError(400, Msg.invalidGrantType);
  }
}

function userTokenReply(t: IssuedUserToken) {
  return json(200, {
    access_token: t.accessToken,
    expires_in: t.expiresIn,
    refresh_token: t.refreshToken,
    scope: t.scopes,
    token_type: 'bearer',
  });
}
