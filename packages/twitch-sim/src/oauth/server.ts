import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AccountTable } from '../sim/accounts.js';
import type { RegisteredClient, RouteContext } from './context.js';
import { helixError, idError, Msg } from './errors.js';
import { GrantStore } from './grants.js';
import {
  header,
  mergeParams,
  type ParsedRequest,
  type Reply,
  readBody,
  splitTarget,
  writeReply,
} from './http.js';
import { authorize } from './routes/authorize.js';
import { revoke } from './routes/revoke.js';
import { token } from './routes/token.js';
import { users } from './routes/users.js';
import { validate } from './routes/validate.js';

/** Options of {@link startOAuthFake}. */
export interface OAuthFakeOptions {
  /** Interface to listen on (default `127.0.0.1`). */
  host?: string;
  /** Port to listen on (default 0: any free port). */
  port?: number;
  /** The sim's accounts; user tokens issued here are registered in it and so work on IRC. */
  accounts: AccountTable;
  /** Registered apps. The first one is also the client that seeded IRC tokens are attributed to. */
  clients: RegisteredClient[];
  /** Login signed in on the fake authorize page (see also {@link OAuthFake.setSignedInUser}). */
  autoApproveAs?: string;
  /** Lifetime of user access tokens (default 14400 s, like Twitch's ~4 h). */
  tokenTtlSeconds?: number;
  /** Lifetime of app access tokens (default 5184000 s = 60 days). */
  appTokenTtlSeconds?: number;
  /** Lifetime of authorization codes (default 600 s). */
  codeTtlSeconds?: number;
  /** Time source in epoch ms (default `Date.now`); tests pass a manual clock to expire tokens. */
  clock?: () => number;
}

/** A running OAuth/Helix fake. Point a Twitch client's id and Helix base URLs at it. */
export interface OAuthFake {
  /** Server root, e.g. `http://127.0.0.1:PORT`. */
  readonly url: string;
  /** Stand-in for `https://id.twitch.tv/oauth2` (append `/authorize`, `/token`, `/validate`, `/revoke`). */
  readonly idBaseUrl: string;
  /** Stand-in for `https://api.twitch.tv/helix` (append `/users`). */
  readonly helixBaseUrl: string;
  readonly port: number;
  /** The next authorize request is answered as if the user clicked "Cancel" (`error=access_denied`). */
  denyNext(): void;
  /** Who is signed in on the fake authorize page (`null`: nobody, authorize then answers 400). */
  setSignedInUser(login: string | null): void;
  /** Ends expired tokens now (they also end lazily on use and at every request). */
  sweepExpired(): void;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

type Handler = (req: ParsedRequest, ctx: RouteContext) => Reply;

const ROUTES: Record<string, { method: 'GET' | 'POST'; handler: Handler }> = {
  '/oauth2/authorize': { method: 'GET', handler: authorize },
  '/oauth2/token': { method: 'POST', handler: token },
  '/oauth2/validate': { method: 'GET', handler: validate },
  '/oauth2/revoke': { method: 'POST', handler: revoke },
  '/helix/users': { method: 'GET', handler: users },
};

const PREFLIGHT: Reply = {
  status: 204,
  headers: {
    'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
    'Access-Control-Allow-Headers': 'Authorization, Client-Id, Content-Type',
    'Access-Control-Max-Age': '600',
  },
};

/**
 * Starts Twitch-compatible fakes of id.twitch.tv's OAuth endpoints (authorization-code, refresh and
 * client-credentials grants, validate, revoke) and Helix's Get Users, on one HTTP server.
 */
export async function startOAuthFake(options: OAuthFakeOptions): Promise<OAuthFake> {
  const { accounts } = options;
  const clients = new Map(options.clients.map((c) => [c.clientId, c]));
  const grants = new GrantStore(accounts, {
    clock: options.clock ?? Date.now,
    userTokenTtlSeconds: options.tokenTtlSeconds ?? 14_400,
    appTokenTtlSeconds: options.appTokenTtlSeconds ?? 5_184_000,
    codeTtlSeconds: options.codeTtlSeconds ?? 600,
    seededTokenClientId: options.clients[0]?.clientId ?? '',
  });
  let signedIn: string | null = options.autoApproveAs ?? null;
  let denials = 0;
  const ctx: RouteContext = {
    accounts,
    grants,
    clients,
    signedInUser: () => (signedIn === null ? undefined : accounts.byLogin(signedIn)),
    takeDeny: () => {
      if (denials === 0) return false;
      denials--;
      return true;
    },
  };

  const server = createServer((req, res) => {
    void respond(req, res, ctx);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url,
    idBaseUrl: `${url}/oauth2`,
    helixBaseUrl: `${url}/helix`,
    port,
    denyNext: () => {
      denials++;
    },
    setSignedInUser: (login) => {
      signedIn = login;
    },
    sweepExpired: () => grants.sweep(),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function respond(req: IncomingMessage, res: ServerResponse, ctx: RouteContext): Promise<void> {
  try {
    writeReply(res, await dispatch(req, ctx));
  } catch {
    if (res.headersSent) res.destroy();
    else writeReply(res, idError(500, Msg.internal));
  }
}

async function dispatch(req: IncomingMessage, ctx: RouteContext): Promise<Reply> {
  const method = req.method ?? 'GET';
  const { path, query } = splitTarget(req.url);
  const body = method === 'GET' || method === 'HEAD' ? '' : await readBody(req);
  if (body === null) return idError(413, Msg.bodyTooLarge);
  if (method === 'OPTIONS') return PREFLIGHT;
  const route = ROUTES[path];
  // Twitch answers 404 to a known path asked with the wrong method (e.g. GET /oauth2/token).
  if (!route || route.method !== method)
    return path.startsWith('/helix') ? helixError(404, Msg.notFound) : idError(404, Msg.notFound);
  ctx.grants.sweep();
  const params = mergeParams(query, body, header(req.headers, 'content-type'));
  if (!params) return idError(400, Msg.invalidJson);
  return route.handler({ method, path, query, headers: req.headers, params }, ctx);
}
