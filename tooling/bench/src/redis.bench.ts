import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClusterClient, encodeEventEntries, Streams, systemClock } from '@tmi-cluster/core';
import { createRedisPorts, KeySpace, type RedisPorts } from '@tmi-cluster/redis';
import type { Redis } from 'ioredis';
import type { Row } from './table.js';

const URL = process.env.TMI_CLUSTER_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 3000);
/** Lines per appended batch: the worker's `eventBatchSize` default. */
const BATCH = 500;
const WINDOW = 20_000;

interface PathResult {
  eventsPerSecond: number;
  p50: number;
  p99: number;
  commandsPerEvent: number;
}

let seq = 0;
function batchOfLines(now: number) {
  const lines = [];
  for (let i = 0; i < BATCH; i++) {
    const n = seq++;
    const channel = `channel${n % 20}`;
    lines.push({
      line: `@badge-info=;badges=;color=#1E90FF;display-name=Viewer${n % 97};emotes=;first-msg=0;flags=;id=00000000-0000-4000-8000-${String(n).padStart(12, '0')};mod=0;room-id=1000;subscriber=0;tmi-sent-ts=${now};turbo=0;user-id=${1000 + (n % 97)};user-type= :viewer${n % 97}!viewer${n % 97}@viewer${n % 97}.tmi.twitch.tv PRIVMSG #${channel} :this is a fairly ordinary chat line number ${n} Kappa`,
      receiverId: 'bench-w1/c1',
      receivedAt: now,
      channel,
      command: 'PRIVMSG',
      id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    });
  }
  return lines;
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Total commands Redis has executed (all clients): INFO commandstats summed. */
async function commandCount(redis: Redis): Promise<number> {
  const info = await redis.info('commandstats');
  let total = 0;
  for (const m of info.matchAll(/calls=(\d+)/g)) total += Number(m[1]);
  return total;
}

/**
 * Pushes batches as the worker's publisher does (one MULTI of XADDs per 500 lines) while the
 * consumer under test drains them, never more than WINDOW lines in flight; measures lines
 * delivered per second, receive-to-handler latency and Redis commands per line.
 */
async function drive(ports: RedisPorts, received: () => number, latencies: number[]): Promise<PathResult> {
  const base = received();
  const c0 = await commandCount(ports.redis);
  const t0 = performance.now();
  let sent = 0;
  while (performance.now() - t0 < DURATION_MS) {
    if (sent - (received() - base) < WINDOW) {
      await ports.streams.appendMany(Streams.events, encodeEventEntries(batchOfLines(Date.now())));
      sent += BATCH;
    } else await sleep(1);
  }
  const seconds = (performance.now() - t0) / 1000;
  const delivered = received() - base;
  const c1 = await commandCount(ports.redis);
  for (let i = 0; i < 2000 && received() - base < sent; i++) await sleep(5);
  const sorted = [...latencies].sort((a, b) => a - b);
  latencies.length = 0;
  return {
    eventsPerSecond: delivered / seconds,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    commandsPerEvent: (c1 - c0) / Math.max(1, delivered),
  };
}

/** The bare loop: XREADGROUP COUNT 100 BLOCK + XACK, counting the lines of each entry. */
async function bareConsumer(ports: RedisPorts, stream: string) {
  const redis = ports.redis.duplicate();
  const group = 'bare';
  await redis.xgroup('CREATE', stream, group, '$', 'MKSTREAM');
  let count = 0;
  const latencies: number[] = [];
  let stop = false;
  const loop = (async () => {
    while (!stop) {
      const res = (await redis.xreadgroup(
        'GROUP',
        group,
        'c1',
        'COUNT',
        100,
        'BLOCK',
        200,
        'STREAMS',
        stream,
        '>',
      )) as [string, [string, string[]][]][] | null;
      if (res === null) continue;
      const entries = res[0]![1];
      for (const [, fields] of entries) {
        const n = Number(fields[fields.indexOf('n') + 1]);
        count += n;
        const h = fields[fields.indexOf('h') + 1]!;
        if ((count & 63) === 0) latencies.push(Date.now() - Number(h.slice(0, h.indexOf(' '))));
      }
      await redis.xack(stream, group, ...entries.map(([id]) => id));
    }
  })();
  return {
    received: () => count,
    latencies,
    async close() {
      stop = true;
      await loop;
      redis.disconnect();
    },
  };
}

/**
 * The Redis event path (worker publisher → Redis stream → client consumer group → de-dup →
 * typed parse → handler), against a bare XADD/XREADGROUP/XACK loop over the same batch entries.
 * The IRC side is measured by the ingest benchmark; this isolates what Redis adds.
 */
export async function redisBench(): Promise<Row[]> {
  const rows: Row[] = [];
  const results = new Map<string, PathResult>();
  for (const path of ['bare', 'cluster'] as const) {
    const ports = await createRedisPorts({
      url: URL,
      prefix: `tmi-bench:${randomBytes(4).toString('hex')}:`,
    });
    try {
      let consumer: { received: () => number; latencies: number[]; close: () => Promise<void> };
      if (path === 'bare')
        consumer = await bareConsumer(ports, new KeySpace(ports.prefix).stream(Streams.events));
      else {
        const client = createClusterClient({ ...ports, clock: systemClock });
        let count = 0;
        const latencies: number[] = [];
        client.on('message', (event) => {
          count++;
          if ((count & 63) === 0) latencies.push(Date.now() - event.receivedAt);
        });
        await client.ready();
        consumer = { received: () => count, latencies, close: () => client.close() };
      }
      await drive(ports, consumer.received, consumer.latencies); // warm-up
      results.set(path, await drive(ports, consumer.received, consumer.latencies));
      await consumer.close();
      const keys = await ports.redis.keys(`${ports.prefix}*`);
      for (let i = 0; i < keys.length; i += 1000) await ports.redis.unlink(...keys.slice(i, i + 1000));
    } finally {
      await ports.close();
    }
  }
  const bare = results.get('bare')!;
  for (const [path, r] of results) {
    rows.push({
      path:
        path === 'bare'
          ? 'bare XADD (MULTI) → XREADGROUP + XACK, same entries'
          : 'tmi-cluster: publisher → stream → client (de-dup, typed events)',
      'events/s': r.eventsPerSecond,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      'Redis commands per event': r.commandsPerEvent,
      '÷ bare': r.eventsPerSecond / bare.eventsPerSecond,
    });
  }
  return rows;
}
