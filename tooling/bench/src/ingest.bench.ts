import { setTimeout as sleep } from 'node:timers/promises';
import { bareSocketConsumer, type Consumer, tmiJsConsumer } from './ingest-consumers.js';
import { type SimProcess, startSimProcess } from './sim-process.js';
import type { Row } from './table.js';

const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
const CHANNELS = Array.from({ length: 20 }, (_, i) => `channel${i}`);
const BATCH = 1000;
const WINDOW = 20_000;

/** A consumer factory: connects to the sim's WebSocket or TCP port and joins the channels. */
export type ConsumerFactory = (sim: SimProcess, channels: readonly string[]) => Promise<Consumer>;

interface IngestResult {
  eventsPerSecond: number;
  eventsPerCpuSecond: number;
  p50: number;
  p99: number;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/**
 * Feeds chat through the sim (a separate process) as fast as the consumer takes it — never more
 * than WINDOW lines in flight — and measures what the consumer delivered per wall-clock second
 * and per CPU-second of this process (all its threads: the cluster's workers included).
 */
async function measure(sim: SimProcess, consumer: Consumer): Promise<IngestResult> {
  const base = consumer.received();
  consumer.latencies.length = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let injected = 0;
  while (performance.now() - t0 < DURATION_MS) {
    if (injected - (consumer.received() - base) < WINDOW) {
      await sim.inject(BATCH, CHANNELS);
      injected += BATCH;
    } else {
      await sleep(1);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const delivered = consumer.received() - base;
  // Let the tail drain so the next measurement starts clean.
  for (let i = 0; i < 2000 && consumer.received() - base < injected; i++) await sleep(5);
  const sorted = [...consumer.latencies].sort((a, b) => a - b);
  return {
    eventsPerSecond: delivered / seconds,
    eventsPerCpuSecond: delivered / ((cpu.user + cpu.system) / 1e6),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
  };
}

/**
 * End-to-end ingest (sim → consumer), each consumer against the same sim in the same run:
 * the bare socket reader (physical limit), one stock tmi.js client (the baseline), and whatever
 * extra consumers are passed (the embedded cluster).
 */
export async function ingestBench(extra: Record<string, ConsumerFactory> = {}): Promise<Row[]> {
  const factories: Record<string, ConsumerFactory> = {
    bare: (sim, channels) => bareSocketConsumer(sim.tcpPort, channels),
    tmijs: (sim, channels) => tmiJsConsumer(sim.wsPort, channels),
    ...extra,
  };
  const results = new Map<string, IngestResult>();
  const names = new Map<string, string>();
  for (const [key, factory] of Object.entries(factories)) {
    const sim = await startSimProcess(CHANNELS.length);
    const consumer = await factory(sim, CHANNELS);
    names.set(key, consumer.name);
    await measure(sim, consumer); // warm-up: JIT, buffers
    results.set(key, await measure(sim, consumer));
    await consumer.close();
    await sim.close();
  }
  const tmijs = results.get('tmijs')!;
  const bare = results.get('bare')!;
  return [...results].map(([key, r]) => ({
    consumer: names.get(key)!,
    'events/s': r.eventsPerSecond,
    'events per CPU-s': r.eventsPerCpuSecond,
    'p50 ms': r.p50,
    'p99 ms': r.p99,
    '÷ tmi.js (per CPU-s)': r.eventsPerCpuSecond / tmijs.eventsPerCpuSecond,
    '÷ bare socket (per CPU-s)': r.eventsPerCpuSecond / bare.eventsPerCpuSecond,
  }));
}
