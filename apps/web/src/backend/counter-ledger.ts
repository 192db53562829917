/** Per-worker counters the heartbeats carry, summed cluster-wide by {@link CounterLedger}. */
export const WORKER_COUNTERS = [
  'messagesIn',
  'messagesOut',
  'reconnects',
  'gaps',
  'eventsPublished',
  'eventsDropped',
  'reportsDropped',
  'deadLettered',
  'linesIn',
  'commandsExecuted',
  'saysSent',
  'saysRejected',
  'saysRateLimited',
  'saysDuplicate',
] as const;
export type WorkerCounter = (typeof WORKER_COUNTERS)[number];

export type CounterTotals = Partial<Record<WorkerCounter, number>>;

interface Seen {
  startedAt: number;
  values: CounterTotals;
}

/** One heartbeat's view of a worker, as far as counters go. */
export interface CounterSample {
  id: string;
  startedAt: number;
  data: Record<string, unknown>;
}

/**
 * Cluster-wide counters that never go down. A worker's counters start at 0 when it restarts and
 * vanish when it dies, so summing the live heartbeats would make Prometheus see resets and lose
 * counts; instead what a worker had counted when it went away (or restarted under the same id)
 * is carried into a running total. Only counters some worker ever reported appear in
 * {@link totals}: a heartbeat without a field says nothing about it.
 */
export class CounterLedger {
  readonly #seen = new Map<string, Seen>();
  readonly #carried: CounterTotals = {};

  /** Folds in the live workers' latest heartbeats; workers absent from `samples` are gone. */
  update(samples: readonly CounterSample[]): void {
    const live = new Set<string>();
    for (const sample of samples) {
      live.add(sample.id);
      const values = countersOf(sample.data);
      const before = this.#seen.get(sample.id);
      if (before !== undefined) {
        const restarted = before.startedAt !== sample.startedAt;
        for (const key of WORKER_COUNTERS) {
          const old = before.values[key];
          if (old === undefined) continue;
          const now = values[key];
          // A counter that went backwards belongs to a new run even if startedAt looks the same.
          if (restarted || now === undefined || now < old) this.#carry(key, old);
        }
      }
      this.#seen.set(sample.id, { startedAt: sample.startedAt, values });
    }
    for (const [id, seen] of this.#seen) {
      if (live.has(id)) continue;
      for (const key of WORKER_COUNTERS) {
        const value = seen.values[key];
        if (value !== undefined) this.#carry(key, value);
      }
      this.#seen.delete(id);
    }
  }

  /** Carried totals plus every live worker's current value. */
  totals(): CounterTotals {
    const out: CounterTotals = { ...this.#carried };
    for (const seen of this.#seen.values())
      for (const key of WORKER_COUNTERS) {
        const value = seen.values[key];
        if (value !== undefined) out[key] = (out[key] ?? 0) + value;
      }
    return out;
  }

  #carry(key: WorkerCounter, value: number): void {
    this.#carried[key] = (this.#carried[key] ?? 0) + value;
  }
}

function countersOf(data: Record<string, unknown>): CounterTotals {
  const out: CounterTotals = {};
  for (const key of WORKER_COUNTERS) {
    const value = data[key];
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) out[key] = value;
  }
  return out;
}
