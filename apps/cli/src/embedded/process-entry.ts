import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** Where process workers start, and the Node options they need. */
export interface ProcessEntry {
  entry: URL;
  execArgv: string[];
}

/**
 * From the build, the built `dist/worker-entry/process-entry.js`; from the TypeScript source
 * (tests, `--import tsx`), the `.ts` entry run through tsx with `@tmi-cluster/*` resolved to
 * source, so a child runs exactly the code its supervisor runs.
 */
export function resolveProcessEntry(moduleUrl: string = import.meta.url): ProcessEntry {
  if (moduleUrl.endsWith('.ts')) {
    const tsx = pathToFileURL(createRequire(moduleUrl).resolve('tsx')).href;
    return {
      entry: new URL('../worker-entry/process-entry.ts', moduleUrl),
      execArgv: ['--conditions=source', '--import', tsx],
    };
  }
  return { entry: new URL('./worker-entry/process-entry.js', moduleUrl), execArgv: [] };
}
