import { fileURLToPath } from 'node:url';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';

const ui = fileURLToPath(new URL('./ui', import.meta.url));
const out = fileURLToPath(new URL('./dist/public', import.meta.url));
/** Where `vite dev` proxies the API to: a running `tmi-cluster web`. */
const api = process.env['TMI_CLUSTER_WEB_URL'] ?? 'http://127.0.0.1:8080';

/**
 * The dashboard and invite screen: one SPA built from `ui/` into `dist/public`, which the Fastify
 * app serves at `/` (assets under `/assets/`). tsup cleans `dist/` first, so the package's build
 * runs tsup before vite.
 */
export default defineConfig({
  root: ui,
  base: '/',
  plugins: [svelte({ configFile: false })],
  build: {
    outDir: out,
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2022',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // `vite dev`: the SPA from vite with hot reload, everything the server answers proxied to it.
    proxy: { '/api': api, '/auth': api, '/invite/login': api, '/invite/callback': api },
  },
});
