import { createTrafficGenerator, startTwitchSim } from '@tmi-cluster/twitch-sim';
import { startBaselineServer } from './baseline-server.js';
import { measureThroughput } from './closed-loop.js';
import { startLineCounter } from './line-counter.js';
import { median, type Row } from './table.js';

const CHANNEL = 'channel0';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const DURATION_MS = Number(process.env.BENCH_DURATION_MS ?? 2000);

/** Realistic lines for one channel, built once, so every server writes the same bytes. */
function buildLines(): string[] {
  const gen = createTrafficGenerator({ seed: 7, channels: [{ login: CHANNEL, roomId: '1000' }] });
  const lines: string[] = [];
  for (let i = 0; i < 5000; i++) lines.push(gen.next(1_700_000_000_000 + i).line);
  return lines;
}

/**
 * Lines/s twitch-sim delivers to 1 and to 50 TCP clients joined to one channel, against a bare
 * `net` server writing the same pre-built lines (naive: one write per line; batched: one write per
 * batch) with the same clients and the same closed-loop driver, in the same run.
 */
export async function simEmitBench(): Promise<Row[]> {
  const lines = buildLines();
  const rows: Row[] = [];
  for (const clients of [1, 50]) {
    const sim = await startTwitchSim({
      wsPort: false,
      channels: [{ login: CHANNEL }],
      limits: { enabled: false },
    });
    const baseline = await startBaselineServer();
    const simCounter = await startLineCounter({
      host: '127.0.0.1',
      port: sim.tcpPort!,
      connections: clients,
      register: true,
      channel: CHANNEL,
    });
    const baseCounter = await startLineCounter({
      host: '127.0.0.1',
      port: baseline.port,
      connections: clients,
      register: false,
    });
    let cursor = 0;
    const simEmit = (n: number) => {
      for (let i = 0; i < n; i++) {
        sim.inject(CHANNEL, lines[cursor]!);
        cursor = (cursor + 1) % lines.length;
      }
    };
    const results = { sim: [] as number[], naive: [] as number[], batched: [] as number[] };
    for (let run = 0; run < RUNS; run++) {
      const fanOut = clients;
      results.naive.push(
        (
          await measureThroughput({
            emit: (n) => baseline.writeEach(lines, n),
            counter: baseCounter,
            fanOut,
            durationMs: DURATION_MS,
          })
        ).linesPerSecond,
      );
      results.batched.push(
        (
          await measureThroughput({
            emit: (n) => baseline.writeBatched(lines, n),
            counter: baseCounter,
            fanOut,
            durationMs: DURATION_MS,
          })
        ).linesPerSecond,
      );
      results.sim.push(
        (await measureThroughput({ emit: simEmit, counter: simCounter, fanOut, durationMs: DURATION_MS }))
          .linesPerSecond,
      );
    }
    await simCounter.close();
    await baseCounter.close();
    await sim.close();
    await baseline.close();
    const simRate = median(results.sim);
    const naive = median(results.naive);
    const batched = median(results.batched);
    rows.push({
      clients,
      'twitch-sim lines/s': simRate,
      'bare net, write per line': naive,
      'bare net, batched writes': batched,
      'sim ÷ per-line': simRate / naive,
      'sim ÷ batched': simRate / batched,
    });
  }
  return rows;
}
