import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The dashboard's client-side routes, answered with index.html (history routing). */
export const SPA_ROUTES = ['/', '/workers', '/channels', '/events', '/settings', '/invite'] as const;

const MISSING =
  'The dashboard is not built: run `pnpm --filter @tmi-cluster/web build` (the API under /api works without it).\n';

/** Where the Vite build puts the dashboard: `dist/public`, seen from the bundle (`dist/index.js`) or from this source file. */
export function defaultPublicDir(): string | null {
  for (const rel of ['./public', '../../dist/public']) {
    const dir = fileURLToPath(new URL(rel, import.meta.url));
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  return null;
}

/**
 * Serves the built SPA: hashed assets under `/assets/` cached for a year, index.html for every
 * dashboard route and `/invite` (never cached, so a deploy shows at once). Without a build, those
 * routes answer 503 with one line saying how to build it.
 */
export async function spaRoutes(app: FastifyInstance, publicDir: string | null): Promise<void> {
  if (publicDir === null) {
    for (const route of SPA_ROUTES)
      app.get(route, { schema: { hide: true } }, async (_request, reply) =>
        reply.code(503).type('text/plain').send(MISSING),
      );
    return;
  }
  await app.register(fastifyStatic, {
    root: publicDir,
    prefix: '/',
    index: false,
    wildcard: true,
    cacheControl: false,
    setHeaders(res, path) {
      const asset = path.includes(`${sep}assets${sep}`);
      res.header('cache-control', asset ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const route of SPA_ROUTES)
    app.get(route, { schema: { hide: true } }, async (_request, reply) =>
      reply.header('cache-control', 'no-cache').sendFile('index.html'),
    );
}
