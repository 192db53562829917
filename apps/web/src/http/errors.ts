import { isTmiClusterError } from '@tmi-cluster/core';
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { ValidationError } from './validation.js';

/** The JSON error bodies of the HTTP contract. */
export type ErrorBody =
  | { error: 'validation'; issues: { path: string; message: string }[] }
  | { error: 'unauthenticated'; message?: string }
  | {
      error:
        | 'csrf'
        | 'forbidden'
        | 'not_found'
        | 'invites_disabled'
        | 'unavailable'
        | 'rate_limited'
        | 'internal';
      message: string;
    }
  | { error: 'cluster'; code: string; message: string };

export function send(reply: FastifyReply, status: number, body: ErrorBody): FastifyReply {
  return reply.code(status).type('application/json').send(body);
}

export const notFound = (reply: FastifyReply, message: string) =>
  send(reply, 404, { error: 'not_found', message });

/**
 * Maps thrown errors to the contract: validation → 400 with issues, the cluster's own input
 * errors (bad channel name …) → 400 naming the field, timeouts → 504, other cluster errors → 502,
 * anything else → 500 without internals.
 */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err instanceof ValidationError) return send(reply, 400, { error: 'validation', issues: err.issues });
    if (isTmiClusterError(err)) {
      const details = err.details as Record<string, unknown> | undefined;
      if (
        err.code === 'TMI_ERR_INVALID_CHANNEL' ||
        err.code === 'TMI_ERR_INVALID_ARGUMENT' ||
        err.code === 'TMI_ERR_INVALID_COMMAND'
      ) {
        const field = typeof details?.['field'] === 'string' ? details['field'] : '(root)';
        return send(reply, 400, { error: 'validation', issues: [{ path: field, message: err.message }] });
      }
      const status = err.code === 'TMI_ERR_TIMEOUT' ? 504 : 502;
      return send(reply, status, { error: 'cluster', code: err.code, message: err.message });
    }
    if (
      err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' ||
      err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ||
      err.statusCode === 400 ||
      err.statusCode === 413 ||
      err.statusCode === 415
    ) {
      return send(reply, err.statusCode ?? 400, {
        error: 'validation',
        issues: [{ path: '(body)', message: err.message }],
      });
    }
    request.log.error({ err }, 'request failed');
    return send(reply, 500, { error: 'internal', message: 'internal error (see the server log)' });
  });
  app.setNotFoundHandler((request, reply) =>
    notFound(reply, `no route ${request.method} ${request.url.split('?')[0]}`),
  );
}
