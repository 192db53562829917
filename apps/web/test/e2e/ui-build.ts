import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const web = fileURLToPath(new URL('../..', import.meta.url));
const ui = join(web, 'ui');
export const PUBLIC_DIR = join(web, 'dist', 'public');

function newest(dir: string): number {
  let max = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    max = Math.max(max, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

/**
 * The browser tests need the built SPA. `pnpm test` builds it first; a targeted `vitest run`
 * may not have, so build it here when it is missing or older than its sources.
 */
export function ensureUiBuilt(): string {
  const index = join(PUBLIC_DIR, 'index.html');
  if (existsSync(index) && statSync(index).mtimeMs >= newest(ui)) return PUBLIC_DIR;
  execFileSync(
    process.execPath,
    [join(web, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
    {
      cwd: web,
      stdio: ['ignore', 'inherit', 'inherit'],
      timeout: 120_000,
    },
  );
  return PUBLIC_DIR;
}
