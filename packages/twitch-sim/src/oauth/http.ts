import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/** A request as the route handlers see it: already routed, body read and decoded. */
export interface ParsedRequest {
  method: string;
  /** Path without query and without a trailing slash, e.g. `/oauth2/token`. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Query parameters overlaid with the form (or JSON) body's, the way id.twitch.tv reads them. */
  params: URLSearchParams;
}

/** What a route answers; `body` undefined sends an empty body. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Request bodies above this are refused (after being drained) with 413. */
export const MAX_BODY_BYTES = 64 * 1024;

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers ? { status, body, headers } : { status, body };
}

/** A 302 to `location`. */
export function redirect(location: string): Reply {
  return { status: 302, headers: { Location: location } };
}

/** A reply with no body (200 unless told). */
export function empty(status = 200): Reply {
  return { status };
}

/** Splits a raw request target into a normalised path and its query. Never throws. */
export function splitTarget(target: string | undefined): { path: string; query: URLSearchParams } {
  const raw = target ?? '/';
  const q = raw.indexOf('?');
  let path = q < 0 ? raw : raw.slice(0, q);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return { path, query: new URLSearchParams(q < 0 ? '' : raw.slice(q + 1)) };
}

/** Reads the whole body; past `limit` bytes it keeps draining but returns `null`. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on('end', () => resolve(size > limit ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Decodes a body (`application/json` objects or, for anything else, x-www-form-urlencoded) and
 * overlays it on the query. Returns `null` for a JSON body that is not a JSON object.
 */
export function mergeParams(
  query: URLSearchParams,
  body: string,
  contentType: string | undefined,
): URLSearchParams | null {
  const params = new URLSearchParams(query);
  if (body.trim() === '') return params;
  if ((contentType ?? '').toLowerCase().includes('application/json')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return null;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
    for (const [k, v] of Object.entries(parsed)) {
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params.set(k, String(v));
    }
    return params;
  }
  for (const [k, v] of new URLSearchParams(body)) params.set(k, v);
  return params;
}

/**
 * The credential of an `Authorization: <scheme> <token>` header when the scheme is one of
 * `schemes` (case-insensitive); `null` when the header is absent, empty or uses another scheme.
 */
export function authToken(headers: IncomingHttpHeaders, schemes: readonly string[]): string | null {
  const header = headers.authorization;
  if (!header) return null;
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match?.[1] || !match[2]) return null;
  return schemes.includes(match[1].toLowerCase()) ? match[2] : null;
}

/** The value of a single-valued header (first one if repeated). */
export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
  const v = headers[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** Writes a reply; every reply allows any origin, as Twitch's hosts do. */
export function writeReply(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { 'Access-Control-Allow-Origin': '*', ...reply.headers };
  if (reply.body === undefined) {
    res.writeHead(reply.status, { ...headers, 'Content-Length': '0' });
    res.end();
    return;
  }
  const payload = JSON.stringify(reply.body);
  res.writeHead(reply.status, {
    ...headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(payload)),
  });
  res.end(payload);
}
