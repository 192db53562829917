import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../..', import.meta.url));
const ui = join(web, 'ui');
export const PUBLIC_DIR = join(web, 'dist', 'public');
const INDEX = join(PUBLIC_DIR, 'index.html');
const LOCK = join(web, 'dist', '.ui-build.lock');

function newest(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

const fresh = () => existsSync(INDEX) && statSync(INDEX).mtimeMs >= newest(ui);

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * The browser tests need the built SPA. `pnpm test` builds it first; a targeted `vitest run`
 * may not have, so build it here when it is missing or older than its sources. Test files run
 * in parallel workers: a lock directory makes one of them build while the others wait for it.
 */
export function ensureUiBuilt(): string {
  const deadline = Date.now() + 180_000;
  while (!fresh()) {
    mkdirSync(join(web, 'dist'), { recursive: true });
    try {
      mkdirSync(LOCK);
    } catch {
      // Someone else is building; a lock left by a killed run goes after five minutes.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 300_000)
        rmSync(LOCK, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for another dashboard build (${LOCK})`);
      sleep(250);
      continue;
    }
    try {
      execFileSync(
        process.execPath,
        [join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
        {
          cwd: web,
          // vitest sets NODE_ENV=test, which would give Svelte's development build.
          env: { ...process.env, NODE_ENV: 'production' },
          stdio: ['ignore', 'inherit', 'inherit'],
          timeout: 120_000,
        },
      );
    } finally {
      rmSync(LOCK, { recursive: true, force: true });
    }
  }
  return PUBLIC_DIR;
}
