import {
  type CoordinatorStatus,
  decodePayload,
  gapRecordSchema,
  type Lease,
  Leases,
  type MemberRecord,
  type RateLimiter,
  type Registry,
  type StreamLog,
  Streams,
} from '@tmi-cluster/core';
import type { ChannelSync } from './channel-sync.js';
import { CounterLedger, type CounterTotals } from './counter-ledger.js';
import type { LifecycleFeed } from './lifecycle-feed.js';
import { probeRateLimits, type Tier } from './rate-limits.js';
import { StreamCursor } from './stream-cursor.js';
import type { RateLimitUse } from './types.js';

/** Where the rates are measured over: long enough to smooth 2 s heartbeats. */
const RATE_WINDOW_MS = 10_000;

/** The cluster at one moment, as the web server shows it. */
export interface ClusterSnapshot {
  at: number;
  workers: MemberRecord[];
  supervisors: MemberRecord[];
  coordinator: { id: string; term: number } | null;
  /** This process's coordinator, when it runs the active one (exact queue and events). */
  localCoordinator: CoordinatorStatus | null;
  totals: CounterTotals;
  /** Commands appended to the coordinator's stream since this server started. */
  commands: number;
  rates: { messagesIn: number; messagesOut: number; commands: number };
  rateLimits: RateLimitUse[];
  gapsSeen: number;
}

export interface ClusterSamplerDeps {
  registry: Registry;
  lease: Lease;
  limiter: RateLimiter;
  streams: StreamLog;
  sync: ChannelSync;
  feed: LifecycleFeed;
  coordinator: { status(): CoordinatorStatus } | null;
  tierOf(identity: string): Tier;
  now(): number;
  onError?: ((err: unknown) => void) | undefined;
}

interface RateSample {
  at: number;
  messagesIn: number;
  messagesOut: number;
  commands: number;
}

/**
 * Takes one sample of the whole cluster per tick: membership and heartbeats (counters folded into
 * a {@link CounterLedger}), the coordinator lease, rate-limit budgets, the commands and gaps
 * streams, the channel index (through {@link ChannelSync}) and the lifecycle diff. Everything the
 * overview, the metrics and the events log show comes from the newest sample.
 */
export class ClusterSampler {
  readonly #d: ClusterSamplerDeps;
  readonly #ledger = new CounterLedger();
  readonly #rates: RateSample[] = [];
  readonly #commands: StreamCursor;
  readonly #gaps: StreamCursor;
  #commandCount = 0;
  #gapsSeen = 0;
  #latest: ClusterSnapshot | null = null;
  #running: Promise<ClusterSnapshot> | null = null;

  constructor(deps: ClusterSamplerDeps) {
    this.#d = deps;
    const start = deps.now();
    this.#commands = new StreamCursor(deps.streams, Streams.coordinator, start);
    this.#gaps = new StreamCursor(deps.streams, Streams.gaps, start);
  }

  get latest(): ClusterSnapshot | null {
    return this.#latest;
  }

  /** The newest sample if younger than `maxAgeMs`, else a fresh one. */
  async current(maxAgeMs: number): Promise<ClusterSnapshot> {
    const latest = this.#latest;
    if (latest !== null && this.#d.now() - latest.at <= maxAgeMs) return latest;
    return this.sample();
  }

  /** Takes a sample; concurrent callers share it. */
  sample(): Promise<ClusterSnapshot> {
    this.#running ??= this.#sample().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #sample(): Promise<ClusterSnapshot> {
    const d = this.#d;
    const [workers, supervisors, grant] = await Promise.all([
      d.registry.list('worker'),
      d.registry.list('supervisor'),
      d.lease.current(Leases.coordinator),
    ]);
    const at = d.now();
    workers.sort(byId);
    supervisors.sort(byId);
    this.#ledger.update(workers.map((w) => ({ id: w.id, startedAt: w.startedAt, data: w.data })));
    const totals = this.#ledger.totals();
    this.#commandCount += await this.#countNew(this.#commands);
    await this.#readGaps();
    const coordinator = grant === null ? null : { id: grant.holder, term: grant.token };
    d.feed.observe({ workers, supervisors, coordinator }, at);
    const local = d.coordinator?.status() ?? null;
    const localCoordinator = local?.active === true ? local : null;
    if (local !== null) d.feed.observeCoordinator(local.recentEvents);
    // Not awaited: a scan of 250,000 channels takes a while, and the overview must not wait for it.
    void d.sync.refresh().catch((err: unknown) => d.onError?.(err));
    const rateLimits = await probeRateLimits(d.limiter, workers, d.tierOf);
    const snapshot: ClusterSnapshot = {
      at,
      workers,
      supervisors,
      coordinator,
      localCoordinator,
      totals,
      commands: this.#commandCount,
      rates: this.#rate(at, totals),
      rateLimits,
      gapsSeen: this.#gapsSeen,
    };
    this.#latest = snapshot;
    return snapshot;
  }

  async #countNew(cursor: StreamCursor): Promise<number> {
    let n = 0;
    for (;;) {
      const batch = await cursor.read(1_000);
      n += batch.length;
      if (batch.length < 1_000) return n;
    }
  }

  async #readGaps(): Promise<void> {
    for (;;) {
      const batch = await this.#gaps.read(500);
      for (const entry of batch) {
        const gap = decodePayload(entry.fields, gapRecordSchema);
        if (!gap.ok) continue;
        this.#gapsSeen++;
        const g = gap.value;
        this.#d.feed.add(
          'gap',
          `#${g.channel} may have missed chat for ${Math.max(0, g.to - g.from)} ms (${g.cause} on ${g.workerId})`,
          g.to,
          { ...g },
        );
      }
      if (batch.length < 500) return;
    }
  }

  #rate(at: number, totals: CounterTotals): ClusterSnapshot['rates'] {
    const sample = {
      at,
      messagesIn: totals.messagesIn ?? 0,
      messagesOut: totals.messagesOut ?? 0,
      commands: this.#commandCount,
    };
    this.#rates.push(sample);
    while (this.#rates.length > 2 && at - this.#rates[0]!.at > RATE_WINDOW_MS) this.#rates.shift();
    const first = this.#rates[0]!;
    const seconds = (at - first.at) / 1000;
    if (seconds <= 0) return { messagesIn: 0, messagesOut: 0, commands: 0 };
    const per = (key: 'messagesIn' | 'messagesOut' | 'commands') =>
      Math.max(0, (sample[key] - first[key]) / seconds);
    return { messagesIn: per('messagesIn'), messagesOut: per('messagesOut'), commands: per('commands') };
  }
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
