import { connectCluster } from 'tmi-cluster';
import type { Consumer } from './ingest-consumers.js';

const SAMPLE_MASK = 63;

/**
 * The embedded cluster as an application sees it: `connectCluster` with worker threads reading
 * the sim anonymously, and a `message` handler in the application's own thread.
 */
export async function clusterConsumer(wsPort: number, channels: readonly string[]): Promise<Consumer> {
  const { client, cluster, close } = await connectCluster({
    server: { host: '127.0.0.1', port: wsPort, secure: false },
    workers: { min: 1, max: 1 },
    scaling: { enabled: false },
    log: { level: 'silent' },
  });
  const latencies: number[] = [];
  let count = 0;
  client.on('message', (event) => {
    count++;
    if ((count & SAMPLE_MASK) === 0 && event.sentAt !== null) latencies.push(Date.now() - event.sentAt);
  });
  await client.ready();
  await client.join([...channels]);
  const until = Date.now() + 60_000;
  while ((await cluster.status()).cluster.channels.placements.confirmed < channels.length) {
    if (Date.now() > until) throw new Error('channels not confirmed within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    name: 'tmi-cluster embedded (1 worker thread, typed events)',
    received: () => count,
    latencies,
    async close() {
      await close();
    },
  };
}
