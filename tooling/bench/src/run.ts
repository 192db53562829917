import os from 'node:os';
import { clusterConsumer } from './cluster-consumer.js';
import { ingestBench } from './ingest.bench.js';
import { memoryBench } from './memory.bench.js';
import { redisBench } from './redis.bench.js';
import { simEmitBench } from './sim-emit.bench.js';
import { printTable } from './table.js';

/**
 * `pnpm bench`: every benchmark, each printed as a table with its baseline measured in the same
 * run. BENCH_RUNS (default 3) repetitions, medians reported; BENCH_DURATION_MS per measurement.
 */
async function main(): Promise<void> {
  const only = process.argv[2];
  process.stdout.write(
    `tmi-cluster benchmarks — node ${process.version}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB\n`,
  );
  if (!only || only === 'sim') {
    printTable('twitch-sim: lines/s delivered to TCP clients in one channel (median)', await simEmitBench());
  }
  if (!only || only === 'ingest') {
    printTable(
      'Ingest: chat events delivered to the application (20 channels)',
      await ingestBench({ cluster: (sim, channels) => clusterConsumer(sim.wsPort, channels) }),
    );
  }
  if (!only || only === 'redis') {
    printTable('Redis event path: lines delivered to handlers (batches of 500 lines)', await redisBench());
  }
  if (!only || only === 'memory') {
    printTable('Memory: RSS per joined channel (embedded cluster, 2 worker threads)', await memoryBench());
  }
}

await main();
