import { setTimeout as sleep } from 'node:timers/promises';
import { connectCluster } from 'tmi-cluster';
import { startSimProcess } from './sim-process.js';
import type { Row } from './table.js';

const CHANNELS = Number(process.env.BENCH_MEMORY_CHANNELS ?? 20_000);
const WORKERS = 2;

/** Resident set size of this process (the cluster's worker threads included), after a full GC. */
async function settledRss(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    globalThis.gc?.();
    await sleep(200);
  }
  return process.memoryUsage().rss;
}

/**
 * RSS per joined channel, amortised: an embedded cluster (2 worker threads, tmi.js connections of
 * 90 channels each) joins CHANNELS channels on the sim (a child process, limits off); the RSS
 * grown from the idle cluster to all channels confirmed, divided by CHANNELS. The idle cluster's
 * own footprint (Node, two isolates) is shown apart: it does not grow with channels.
 */
export async function memoryBench(): Promise<Row[]> {
  const sim = await startSimProcess(CHANNELS);
  const base = await settledRss();
  const { client, cluster, close } = await connectCluster({
    server: { host: '127.0.0.1', port: sim.wsPort, secure: false },
    workers: { min: WORKERS, max: WORKERS, capacity: Math.ceil(CHANNELS / WORKERS) + 100 },
    anonymous: { tier: 'verified' },
    connection: { connectSpacingMs: 50 },
    scaling: { enabled: false },
    log: { level: 'silent' },
  });
  try {
    await client.ready();
    const idle = await settledRss();
    const t0 = performance.now();
    const names = Array.from({ length: CHANNELS }, (_, i) => `channel${i}`);
    await client.join(names);
    const until = Date.now() + 600_000;
    for (;;) {
      const { placements } = (await cluster.status()).cluster.channels;
      if (placements.confirmed >= CHANNELS) break;
      if (Date.now() > until) throw new Error(`${CHANNELS} channels not confirmed within 10 min`);
      await sleep(500);
    }
    const joinSeconds = (performance.now() - t0) / 1000;
    const joined = await settledRss();
    return [
      {
        channels: CHANNELS,
        'join time s': joinSeconds,
        'process RSS before cluster MB': base / 2 ** 20,
        'idle cluster MB': (idle - base) / 2 ** 20,
        'RSS with all joined MB': joined / 2 ** 20,
        'KB per joined channel (amortised)': (joined - idle) / 1024 / CHANNELS,
      },
    ];
  } finally {
    await close();
    await sim.close();
  }
}
