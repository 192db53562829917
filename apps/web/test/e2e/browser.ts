import { accessSync, constants } from 'node:fs';
import { type Browser, chromium } from 'playwright-core';

/** Debian's chromium (installed by .ci/run); CHROMIUM_PATH overrides it. */
export const CHROMIUM_PATH = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

/**
 * Whether the browser tests can run. In CI a missing chromium is an error (the suite must not
 * pass by skipping); elsewhere the suite skips with one line saying why.
 */
export function chromiumPresent(): boolean {
  try {
    accessSync(CHROMIUM_PATH, constants.X_OK);
    return true;
  } catch {
    if (process.env['CI'] === 'true') {
      throw new Error(
        `CI=true but no chromium at ${CHROMIUM_PATH}: .ci/run installs it (apt-get install chromium)`,
      );
    }
    console.warn(
      `skipping dashboard e2e: no chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH or install chromium)`,
    );
    return false;
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ARGS });
}
