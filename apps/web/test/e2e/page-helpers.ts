import { copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';

/** Waits until the locator's text matches, returning it; the error names what was last seen. */
export async function textMatching(locator: Locator, re: RegExp, timeoutMs = 20_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    last = (await locator.textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
    if (re.test(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${re} (last text: ${JSON.stringify(last)})`);
}

/** Uncaught page errors and console errors, minus the ones a test provokes on purpose. */
export function collectErrors(page: Page): { errors: string[] } {
  const out = { errors: [] as string[] };
  page.on('pageerror', (err) => out.errors.push(`pageerror: ${err.message}`));
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const text = msg.text();
    // The browser logs every non-2xx fetch; statuses are asserted by the tests themselves.
    if (/Failed to load resource|net::ERR_/.test(text)) return;
    out.errors.push(`console: ${text}`);
  });
  return out;
}

const docsImg = fileURLToPath(new URL('../../../../docs/img', import.meta.url));

/**
 * Screenshot into the temp dir (path returned, for a failing run to look at); with
 * TMI_UPDATE_DOCS_IMG=1 also copied to docs/img/<name> for docs/dashboard.md.
 */
export async function screenshot(page: Page, name: string): Promise<string> {
  const dir = join(tmpdir(), 'tmi-cluster-e2e');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  await page.screenshot({ path: file, fullPage: true });
  if (process.env['TMI_UPDATE_DOCS_IMG'] === '1') {
    mkdirSync(docsImg, { recursive: true });
    copyFileSync(file, join(docsImg, name));
  }
  return file;
}
