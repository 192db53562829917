import { setImmediate as tick } from 'node:timers/promises';
import type { LineCounter } from './line-counter.js';

/** Result of one closed-loop run. */
export interface ThroughputResult {
  /** Lines received by all clients together, per second. */
  linesPerSecond: number;
  received: number;
  seconds: number;
}

/**
 * Pushes lines as fast as the receivers take them: keeps at most `window` lines in flight
 * (emitted × fan-out − received), so neither the server under test nor a baseline can win by
 * buffering without bound, and measures the lines the clients actually received.
 */
export async function measureThroughput(options: {
  emit: (count: number) => void;
  counter: LineCounter;
  fanOut: number;
  durationMs: number;
  batch?: number;
  window?: number;
}): Promise<ThroughputResult> {
  const batch = options.batch ?? 256;
  const window = options.window ?? 50_000;
  const base = await options.counter.count();
  let sent = 0;
  const start = performance.now();
  let received = 0;
  while (performance.now() - start < options.durationMs) {
    received = (await options.counter.count()) - base;
    while (sent * options.fanOut - received < window) {
      options.emit(batch);
      sent += batch;
    }
    await tick();
  }
  received = (await options.counter.count()) - base;
  const seconds = (performance.now() - start) / 1000;
  return { linesPerSecond: received / seconds, received, seconds };
}
