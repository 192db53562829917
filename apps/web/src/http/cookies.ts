import type { FastifyReply } from 'fastify';
import type { AppContext } from '../app-context.js';

export function setCookie(
  ctx: AppContext,
  reply: FastifyReply,
  name: string,
  value: string,
  sameSite: 'strict' | 'lax',
  maxAgeMs: number,
): void {
  reply.setCookie(name, value, {
    path: '/',
    httpOnly: true,
    sameSite,
    secure: ctx.config.secureCookies,
    maxAge: Math.floor(maxAgeMs / 1000),
  });
}

export function clearCookie(ctx: AppContext, reply: FastifyReply, name: string): void {
  reply.clearCookie(name, { path: '/', httpOnly: true, secure: ctx.config.secureCookies });
}
