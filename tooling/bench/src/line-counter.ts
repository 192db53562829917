import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

/** Lines received so far by all connections of a {@link LineCounter}. */
export interface LineCounter {
  count(): Promise<number>;
  close(): Promise<void>;
}

/**
 * Starts a worker thread with `connections` TCP clients against host:port. With `register`, each
 * logs in anonymously and joins `channel` first; the promise resolves once every client is ready.
 */
export async function startLineCounter(options: {
  host: string;
  port: number;
  connections: number;
  register: boolean;
  channel?: string;
}): Promise<LineCounter> {
  const worker = new Worker(new URL('./workers/line-counter.mjs', import.meta.url), { workerData: options });
  await waitFor(worker, 'ready');
  return {
    async count() {
      worker.postMessage('count');
      const msg = (await waitFor(worker, 'count')) as { lines: number };
      return msg.lines;
    },
    async close() {
      worker.postMessage('close');
      await waitFor(worker, 'closed');
      await worker.terminate();
    },
  };
}

async function waitFor(worker: Worker, type: string): Promise<unknown> {
  for (;;) {
    const [msg] = (await once(worker, 'message')) as [{ type: string }];
    if (msg.type === type) return msg;
  }
}
