import { randomUUID } from 'node:crypto';
import {
  type AssignmentCounts,
  type AssignmentStore,
  type ChannelManager,
  type ChannelStore,
  type CoordinatorStatus,
  DummyChannelManager,
  encodePayload,
  type JoinResult,
  type Lease,
  type RateLimiter,
  type Registry,
  type SayResult,
  type StreamLog,
  Streams,
  type SupervisorCommand,
} from '@tmi-cluster/core';
import { ChannelIndex } from './channel-index.js';
import { ChannelSync } from './channel-sync.js';
import { ChatTail } from './chat-tail.js';
import { type ClusterSnapshot, ClusterSampler } from './cluster-sampler.js';
import { channelDetail } from './channel-detail.js';
import { LifecycleFeed } from './lifecycle-feed.js';
import { buildOverview, judge, num, supervisorItems, workerItems } from './overview.js';
import type { Tier } from './rate-limits.js';
import type {
  ChannelManagerKind,
  ChannelQuery,
  JoinOutcome,
  MetricsSample,
  SupervisorAction,
  WebBackend,
} from './types.js';

/** The client calls the backend makes (a `ClusterClient` fits). */
export interface BackendClient {
  join(
    channels: readonly string[],
    options?: { authorize?: boolean; reconnect?: boolean },
  ): Promise<JoinResult>;
  part(channels: readonly string[]): Promise<{ parted: string[]; notJoined: string[] }>;
  say(channel: string, text: string, options?: { replyTo?: string }): Promise<SayResult>;
  authorize(channels: readonly string[], options?: { reconnect?: boolean }): Promise<string[]>;
  revoke(channels: readonly string[]): Promise<string[]>;
}

/** The ports the backend reads; the same ones the cluster runs on (memory or Redis + SQL). */
export interface PortsBackendDeps {
  registry: Registry;
  store: AssignmentStore;
  streams: StreamLog;
  lease: Lease;
  limiter: RateLimiter;
  channels: ChannelManager;
  client: BackendClient;
  /** The Database manager's store: channel detail shows its authorization row and history. */
  channelStore?: ChannelStore | null;
  /**
   * This process's coordinator, if it runs one. Optional: used only while it is the active one,
   * for its exact join queue and its own lifecycle events; everything else comes from the ports.
   */
  coordinator?: { status(): CoordinatorStatus } | null;
}

export interface PortsBackendOptions {
  /** Unique per web server process (names its consumer on the event stream). Default: random. */
  instanceId?: string;
  /** How often the cluster is sampled (overview, metrics, lifecycle diffs). Default 1 s. */
  sampleMs?: number;
  /** A full channel scan at least this often, even when totals look unchanged. Default 15 s. */
  channelScanMs?: number;
  /** A channel pending this long makes the cluster degraded and not ready. Default 60 s. */
  pendingTooLongMs?: number;
  /** Events kept for `GET /api/events/log`. Default 1,000. */
  eventsCapacity?: number;
  /** The rate-limit tier of an identity (budget sizes). Default: `normal` for all. */
  tierOf?: (identity: string) => Tier;
  /** Overrides the channel manager's kind (detected: Dummy → `dummy`, with a channelStore → `database`). */
  managerKind?: ChannelManagerKind;
  now?: () => number;
  onError?: (err: unknown) => void;
}

/**
 * A {@link WebBackend} on core's ports and client. Reads go to the registry, the assignment store,
 * the lease, the limiter and the streams, so it shows the same on any host of a cluster; commands
 * go through the client (coordinator commands) or the supervisors' command streams. Sampling
 * starts with {@link start}; `close` stops it and the chat reader.
 */
export class PortsBackend implements WebBackend {
  readonly channelManagerKind: ChannelManagerKind;
  readonly index = new ChannelIndex();
  readonly sync: ChannelSync;
  readonly feed: LifecycleFeed;
  readonly tail: ChatTail;
  readonly sampler: ClusterSampler;
  readonly #d: PortsBackendDeps;
  readonly #o: Required<Omit<PortsBackendOptions, 'managerKind' | 'onError'>> &
    Pick<PortsBackendOptions, 'onError'>;
  #timer: ReturnType<typeof setInterval> | null = null;
  #closed = false;

  constructor(deps: PortsBackendDeps, options: PortsBackendOptions = {}) {
    this.#d = deps;
    this.#o = {
      instanceId: options.instanceId ?? `web-${randomUUID()}`,
      sampleMs: options.sampleMs ?? 1_000,
      channelScanMs: options.channelScanMs ?? 15_000,
      pendingTooLongMs: options.pendingTooLongMs ?? 60_000,
      eventsCapacity: options.eventsCapacity ?? 1_000,
      tierOf: options.tierOf ?? (() => 'normal'),
      now: options.now ?? Date.now,
      onError: options.onError,
    };
    this.channelManagerKind =
      options.managerKind ??
      (deps.channels instanceof DummyChannelManager ? 'dummy' : deps.channelStore ? 'database' : 'custom');
    this.sync = new ChannelSync({
      store: deps.store,
      channels: deps.channels,
      managerKind: this.channelManagerKind,
      index: this.index,
      now: this.#o.now,
      maxStaleMs: this.#o.channelScanMs,
    });
    this.feed = new LifecycleFeed(this.#o.eventsCapacity);
    this.tail = new ChatTail({
      streams: deps.streams,
      instanceId: this.#o.instanceId,
      now: this.#o.now,
      ...(this.#o.onError ? { onError: this.#o.onError } : {}),
    });
    this.sampler = new ClusterSampler({
      registry: deps.registry,
      lease: deps.lease,
      limiter: deps.limiter,
      streams: deps.streams,
      sync: this.sync,
      feed: this.feed,
      coordinator: deps.coordinator ?? null,
      tierOf: this.#o.tierOf,
      now: this.#o.now,
      onError: this.#o.onError,
    });
  }

  /** Samples now and then every `sampleMs` (a slow sample is never overlapped). */
  async start(): Promise<void> {
    if (this.#timer !== null || this.#closed) return;
    await this.sampler.sample().catch((err: unknown) => this.#o.onError?.(err));
    let busy = false;
    this.#timer = setInterval(() => {
      if (busy) return;
      busy = true;
      void this.sampler
        .sample()
        .catch((err: unknown) => this.#o.onError?.(err))
        .finally(() => {
          busy = false;
        });
    }, this.#o.sampleMs);
    this.#timer.unref?.();
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer !== null) clearInterval(this.#timer);
    this.#timer = null;
    await this.tail.close();
  }

  async #snapshot(): Promise<{ snapshot: ClusterSnapshot; counts: AssignmentCounts }> {
    // Totals are one cheap call: read them fresh, so a command's effect shows without a sample's lag.
    const [snapshot, counts] = await Promise.all([
      this.sampler.current(this.#o.sampleMs * 2),
      this.#d.store.counts(),
    ]);
    return { snapshot, counts };
  }

  #verdict(snapshot: ClusterSnapshot) {
    const pendingTooLong = this.index.pendingSince(snapshot.at - this.#o.pendingTooLongMs);
    return judge({ snapshot, pendingTooLong, pendingTooLongMs: this.#o.pendingTooLongMs });
  }

  async overview() {
    const { snapshot, counts } = await this.#snapshot();
    return buildOverview(snapshot, counts, this.#verdict(snapshot));
  }

  async readiness() {
    const { snapshot } = await this.#snapshot();
    const verdict = this.#verdict(snapshot);
    return { ready: verdict.reasons.length === 0, reasons: verdict.reasons };
  }

  async supervisors() {
    return supervisorItems((await this.#snapshot()).snapshot);
  }

  async workers() {
    return workerItems((await this.#snapshot()).snapshot);
  }

  async metrics(): Promise<MetricsSample> {
    const { snapshot, counts } = await this.#snapshot();
    const overview = buildOverview(snapshot, counts, this.#verdict(snapshot));
    const totals: Record<string, number> = {};
    for (const [k, v] of Object.entries(snapshot.totals)) if (v !== undefined) totals[k] = v;
    return {
      channels: {
        wanted: counts.wanted,
        placements: { ...counts.placements },
        failedByReason: counts.failedByReason,
      },
      workers: workerItems(snapshot),
      supervisors: supervisorItems(snapshot).map((s, i) => {
        const data = snapshot.supervisors[i]?.data ?? {};
        const restarts = data['restarts'];
        const memory = data['memory'];
        return {
          ...s,
          restarts: typeof restarts === 'number' ? num(restarts) : null,
          reportedMemory: typeof memory === 'number' ? num(memory) : null,
        };
      }),
      totals,
      commands: snapshot.commands,
      gaps: snapshot.gapsSeen,
      joinQueue: overview.joinQueue,
      rateLimits: snapshot.rateLimits,
      coordinatorTerm: snapshot.coordinator?.term ?? null,
    };
  }

  async channels(query: ChannelQuery) {
    // The first page after start waits for the first scan; later ones use the index as it is.
    if (this.index.size === 0) await this.sync.refresh();
    return this.index.query({
      search: query.search,
      filter: query.filter,
      after: query.cursor,
      limit: query.limit,
    });
  }

  channel(login: string) {
    return channelDetail(login, {
      store: this.#d.store,
      channels: this.#d.channels,
      channelStore: this.#d.channelStore ?? null,
      managerKind: this.channelManagerKind,
    });
  }

  async events(limit: number) {
    if (this.sampler.latest === null) await this.sampler.sample();
    return this.feed.list(limit);
  }

  async join(
    channels: readonly string[],
    options: { authorize?: boolean; reconnect?: boolean },
  ): Promise<JoinOutcome> {
    const result = await this.#d.client.join(channels, options);
    this.sync.invalidate();
    return {
      resolved: Object.keys(result.resolved),
      ignored: Object.keys(result.ignored),
      rejected: result.rejected,
      unauthorized: result.unauthorized,
      workers: { ...result.resolved, ...result.ignored },
    };
  }

  async part(channels: readonly string[]) {
    const result = await this.#d.client.part(channels);
    this.sync.invalidate();
    return result;
  }

  say(channel: string, text: string, replyTo?: string) {
    return this.#d.client.say(channel, text, replyTo === undefined ? {} : { replyTo });
  }

  async authorize(channels: readonly string[], options: { reconnect?: boolean }) {
    const result = await this.#d.client.authorize(channels, options);
    this.sync.invalidate();
    return result;
  }

  async revoke(channels: readonly string[]) {
    const result = await this.#d.client.revoke(channels);
    this.sync.invalidate();
    return result;
  }

  async supervisorCommand(id: string, action: SupervisorAction): Promise<boolean> {
    if ((await this.#d.registry.get('supervisor', id)) === null) return false;
    await this.#send(id, { type: action });
    return true;
  }

  async scale(workers: number, supervisorId?: string): Promise<boolean> {
    const targets =
      supervisorId === undefined
        ? (await this.#d.registry.list('supervisor')).map((s) => s.id)
        : (await this.#d.registry.get('supervisor', supervisorId)) === null
          ? []
          : [supervisorId];
    for (const id of targets) await this.#send(id, { type: 'scale', workers });
    return targets.length > 0;
  }

  async #send(supervisorId: string, command: SupervisorCommand): Promise<void> {
    await this.#d.streams.append(Streams.supervisor(supervisorId), encodePayload(command));
  }

  onLifecycle(listener: Parameters<WebBackend['onLifecycle']>[0]) {
    return this.feed.subscribe(listener);
  }

  onChat(channel: string, listener: Parameters<WebBackend['onChat']>[1]) {
    return this.tail.subscribe(channel, listener);
  }
}

/** Builds a {@link PortsBackend} and starts sampling. */
export async function createPortsBackend(
  deps: PortsBackendDeps,
  options: PortsBackendOptions = {},
): Promise<PortsBackend> {
  const backend = new PortsBackend(deps, options);
  await backend.start();
  return backend;
}
