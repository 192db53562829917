import { Counter, Gauge, Registry } from 'prom-client';
import type { MetricsSample } from '../backend/types.js';

/** Heartbeat counters exported as Prometheus counters: name, help, labels. */
const COUNTERS = {
  messagesIn: ['tmi_cluster_messages_total', { direction: 'in', command: 'PRIVMSG' }],
  messagesOut: ['tmi_cluster_messages_total', { direction: 'out', command: 'PRIVMSG' }],
  reconnects: ['tmi_cluster_reconnects_total', {}],
  gaps: ['tmi_cluster_gaps_reported_total', {}],
  eventsPublished: ['tmi_cluster_events_published_total', {}],
  eventsDropped: ['tmi_cluster_events_dropped_total', {}],
  reportsDropped: ['tmi_cluster_reports_dropped_total', {}],
  deadLettered: ['tmi_cluster_dead_letters_total', {}],
  saysRateLimited: ['tmi_cluster_rate_limit_refusals_total', { kind: 'privmsg' }],
} as const;

/**
 * The cluster's Prometheus metrics, on a registry of their own (not prom-client's global one, so
 * two servers in one process do not collide). Each scrape takes one {@link MetricsSample}: gauges
 * are set from it (per-member series of members that went away disappear), counters advance by
 * the growth of the backend's monotonic totals, so a worker restart never shows as a reset.
 * Counters the workers never reported are not exported at all (no placeholder zeros).
 */
export class ClusterMetrics {
  readonly registry = new Registry();
  readonly #exported = new Map<string, number>();
  readonly #g;
  readonly #c;

  constructor() {
    const r = [this.registry];
    const gauge = (name: string, help: string, labelNames: string[] = []) =>
      new Gauge({ name, help, labelNames, registers: r });
    this.#g = {
      wanted: gauge('tmi_cluster_channels_wanted', 'Channels the cluster wants joined'),
      placements: gauge('tmi_cluster_channel_placements', 'Channel placements by state', ['state']),
      failures: gauge('tmi_cluster_channel_failures', 'Failed placements by reason', ['reason']),
      workers: gauge('tmi_cluster_workers', 'Live workers by state', ['state']),
      supervisors: gauge('tmi_cluster_supervisors', 'Live supervisors by state', ['state']),
      connections: gauge('tmi_cluster_connections', 'Open IRC connections per worker', ['worker']),
      workerChannels: gauge('tmi_cluster_worker_channels', 'Channels confirmed per worker', ['worker']),
      lag: gauge('tmi_cluster_event_loop_lag_seconds', 'Event-loop lag per worker', ['worker']),
      workerMemory: gauge('tmi_cluster_worker_memory_bytes', 'Memory per worker', ['worker']),
      supervisorMemory: gauge('tmi_cluster_supervisor_memory_bytes', 'Memory per supervisor process', [
        'supervisor',
      ]),
      restarts: gauge(
        'tmi_cluster_supervisor_worker_restarts',
        'Worker restarts per supervisor (since it started)',
        ['supervisor'],
      ),
      queue: gauge('tmi_cluster_join_queue', 'Channels waiting for a worker'),
      used: gauge('tmi_cluster_rate_limit_used', 'Actions taken in the current window', ['identity', 'kind']),
      limit: gauge('tmi_cluster_rate_limit_limit', 'Actions allowed per window', ['identity', 'kind']),
      term: gauge('tmi_cluster_coordinator_term', 'Fencing token of the active coordinator'),
    };
    this.#c = {
      messages: new Counter({
        name: 'tmi_cluster_messages_total',
        help: 'Chat messages received (in) and sent (out), cluster-wide',
        labelNames: ['direction', 'command'],
        registers: [],
      }),
      commands: new Counter({
        name: 'tmi_cluster_coordinator_commands_total',
        help: 'Commands sent to the coordinator (since this server started)',
        registers: [],
      }),
      gapRecords: new Counter({
        name: 'tmi_cluster_gap_records_total',
        help: 'Gap records published by the coordinator (since this server started)',
        registers: [],
      }),
    };
    this.#generic = new Map();
  }

  readonly #generic: Map<string, Counter<string>>;

  /** Sets every metric from one sample and returns the exposition text. */
  async render(sample: MetricsSample): Promise<string> {
    this.#set(sample);
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  #set(s: MetricsSample): void {
    const g = this.#g;
    for (const gauge of Object.values(g)) gauge.reset();
    g.wanted.set(s.channels.wanted);
    for (const [state, n] of Object.entries(s.channels.placements)) g.placements.set({ state }, n);
    for (const [reason, n] of Object.entries(s.channels.failedByReason)) g.failures.set({ reason }, n);
    for (const w of s.workers) {
      g.workers.inc({ state: w.state });
      g.connections.set({ worker: w.id }, w.connections);
      g.workerChannels.set({ worker: w.id }, w.channels);
      g.workerMemory.set({ worker: w.id }, w.memoryBytes);
      if (w.eventLoopLagMs !== null) g.lag.set({ worker: w.id }, w.eventLoopLagMs / 1000);
    }
    for (const sup of s.supervisors) {
      g.supervisors.inc({ state: sup.state });
      if (sup.reportedMemory !== null) g.supervisorMemory.set({ supervisor: sup.id }, sup.reportedMemory);
      if (sup.restarts !== null) g.restarts.set({ supervisor: sup.id }, sup.restarts);
    }
    g.queue.set(s.joinQueue);
    for (const r of s.rateLimits) {
      g.used.set({ identity: r.identity, kind: r.kind }, r.used);
      g.limit.set({ identity: r.identity, kind: r.kind }, r.limit);
    }
    if (s.coordinatorTerm !== null) g.term.set(s.coordinatorTerm);
    this.#advance('commands', s.commands, () => this.#c.commands.inc(s.commands - this.#last('commands')));
    this.#counter(this.#c.commands);
    this.#advance('gapRecords', s.gaps, () => this.#c.gapRecords.inc(s.gaps - this.#last('gapRecords')));
    this.#counter(this.#c.gapRecords);
    for (const [key, [name, fixed]] of Object.entries(COUNTERS)) {
      const labels: Record<string, string> = fixed;
      const total = s.totals[key];
      if (total === undefined) continue;
      const counter =
        name === 'tmi_cluster_messages_total'
          ? this.#c.messages
          : this.#genericCounter(name, Object.keys(labels));
      this.#counter(counter);
      this.#advance(key, total, () => counter.inc(labels, total - this.#last(key)));
    }
  }

  /** Registers a counter on first use: one with no value yet is not exported. */
  #counter(counter: Counter<string>): void {
    const name = (counter as unknown as { name: string }).name;
    if (this.registry.getSingleMetric(name) === undefined) this.registry.registerMetric(counter);
  }

  #genericCounter(name: string, labelNames: string[]): Counter<string> {
    let counter = this.#generic.get(name);
    if (counter === undefined) {
      counter = new Counter({ name, help: HELP[name] ?? name, labelNames, registers: [] });
      this.#generic.set(name, counter);
    }
    return counter;
  }

  #last(key: string): number {
    return this.#exported.get(key) ?? 0;
  }

  /** Increments by the growth since the last scrape; a total never goes down, so neither does the counter. */
  #advance(key: string, total: number, inc: () => void): void {
    if (total > this.#last(key)) {
      inc();
      this.#exported.set(key, total);
    }
  }
}

const HELP: Record<string, string> = {
  tmi_cluster_reconnects_total: 'IRC reconnects (Twitch RECONNECT and lost connections), cluster-wide',
  tmi_cluster_gaps_reported_total: 'Gaps workers reported (channels that may have missed chat)',
  tmi_cluster_events_published_total: 'Event-stream entries workers published',
  tmi_cluster_events_dropped_total: 'Events workers dropped because the stream refused them too long',
  tmi_cluster_reports_dropped_total: 'Reports workers dropped',
  tmi_cluster_dead_letters_total: 'Invalid commands workers moved to the dead-letter stream',
  tmi_cluster_rate_limit_refusals_total: 'Actions refused by the cluster-wide rate limiter',
};
