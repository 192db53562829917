import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureUiBuilt } from './e2e/ui-build.js';

/** The issue's budget: the dashboard's JavaScript, gzipped, stays under 150 KB. */
const BUDGET = 150 * 1024;

describe('dashboard bundle', () => {
  let dir = '';
  beforeAll(() => {
    dir = ensureUiBuilt();
  }, 120_000);

  it('serves hashed assets from /assets/ and stays within the gzip budget', () => {
    const index = readFileSync(join(dir, 'index.html'), 'utf8');
    expect(index).toMatch(/<script type="module" crossorigin src="\/assets\/index-[\w-]+\.js"><\/script>/);
    const assets = readdirSync(join(dir, 'assets'));
    const js = assets.filter((f) => f.endsWith('.js'));
    // The invite screen is its own chunk: a streamer never downloads the dashboard's charts.
    expect(js.some((f) => f.startsWith('Invite-'))).toBe(true);
    const sizes = js.map((f) => ({
      f,
      gz: gzipSync(readFileSync(join(dir, 'assets', f)), { level: 9 }).length,
    }));
    const total = sizes.reduce((n, s) => n + s.gz, 0);
    console.log(
      `dashboard JS gzipped: ${sizes.map((s) => `${s.f} ${(s.gz / 1024).toFixed(1)} KB`).join(', ')}`,
    );
    expect(total).toBeLessThan(BUDGET);
  });
});
