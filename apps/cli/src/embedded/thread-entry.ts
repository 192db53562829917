/**
 * Where worker threads start. From the build (`dist/*.js`, every chunk at the dist root) the
 * entry is the built `dist/worker-entry/thread-entry.js`. From the TypeScript source (tests,
 * `--import tsx`), Node 20 ignores `--import` for threads, so a tiny loader registers tsx inside
 * the thread first and then imports the `.ts` entry named in workerData.
 */
export interface ThreadEntry {
  entry: URL;
  execArgv: string[];
  /** Extra workerData the entry needs (the `.ts` module for the loader). */
  data: Record<string, unknown>;
}

export function resolveThreadEntry(moduleUrl: string = import.meta.url): ThreadEntry {
  if (moduleUrl.endsWith('.ts')) {
    return {
      entry: new URL('./tsx-thread.mjs', moduleUrl),
      // `source` makes @tmi-cluster/* resolve to TypeScript source inside the thread too.
      execArgv: ['--conditions=source'],
      data: { tsEntry: new URL('../worker-entry/thread-entry.ts', moduleUrl).href },
    };
  }
  return { entry: new URL('./worker-entry/thread-entry.js', moduleUrl), execArgv: [], data: {} };
}
