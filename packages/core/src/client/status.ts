import type { AssignmentCounts, AssignmentStore } from '../ports/assignment-store.js';
import type { MemberRecord, Registry } from '../ports/registry.js';
import type { EventStats } from './event-stats.js';

/** One worker as its last heartbeat describes it. */
export interface WorkerSummary {
  id: string;
  supervisorId: string | null;
  host: string;
  state: string;
  startedAt: number;
  lastSeenAt: number | null;
  /** The account its connections log in as (`justinfan…` when anonymous). */
  identity: string | null;
  /** Channels confirmed joined (Twitch echoed the JOIN). */
  channels: number;
  /** Channels it was asked to hold. */
  wanted: number;
  connections: number;
  /** Everything else the worker reported (memory, lag, counters), as sent. */
  data: Record<string, unknown>;
}

/** One supervisor (one host's daemon). */
export interface SupervisorSummary {
  id: string;
  host: string;
  /** `running`, `paused` or `terminating`. */
  state: string;
  startedAt: number;
  lastSeenAt: number | null;
  /** Active workers. */
  workers: number;
  /** Pool size the scaler asked for; null when not reported. */
  target: number | null;
  data: Record<string, unknown>;
}

/** What this client itself is doing. */
export interface ClientSummary {
  clientId: string;
  application: string;
  closed: boolean;
  /** Requests sent and not answered yet. */
  pendingRequests: number;
  /** Replies that arrived for no waiting request (timed out before). */
  lateReplies: number;
  /** True once an event subscription started the consumer loop. */
  consuming: boolean;
  events: EventStats;
  /** Handler or loop errors that found no `error` handler. */
  unreportedErrors: number;
}

/** `status()`: the cluster as the registry and the assignment store see it, plus this client. */
export interface ClusterStatus {
  at: number;
  workers: WorkerSummary[];
  supervisors: SupervisorSummary[];
  /** Wanted channels and placements by state, failures by reason, load per worker. */
  channels: AssignmentCounts;
  client: ClientSummary;
}

/** Reads membership and channel totals in parallel (three calls, none listing channels). */
export async function readClusterStatus(
  registry: Registry,
  store: AssignmentStore,
  now: number,
  client: ClientSummary,
): Promise<ClusterStatus> {
  const [workers, supervisors, channels] = await Promise.all([
    registry.list('worker'),
    registry.list('supervisor'),
    store.counts(),
  ]);
  return {
    at: now,
    workers: workers.map(workerSummary).sort(byId),
    supervisors: supervisors.map(supervisorSummary).sort(byId),
    channels,
    client,
  };
}

function workerSummary(r: MemberRecord): WorkerSummary {
  return {
    ...common(r),
    supervisorId: r.supervisorId ?? null,
    identity: typeof r.data['identity'] === 'string' ? r.data['identity'] : null,
    channels: count(r.data['channels']),
    wanted: count(r.data['wanted']),
    connections: count(r.data['connections']),
  };
}

function supervisorSummary(r: MemberRecord): SupervisorSummary {
  const target = r.data['target'];
  return {
    ...common(r),
    workers: count(r.data['workers']),
    target: typeof target === 'number' && Number.isFinite(target) ? target : null,
  };
}

function common(r: MemberRecord) {
  return {
    id: r.id,
    host: r.host,
    state: r.state,
    startedAt: r.startedAt,
    lastSeenAt: r.lastSeenAt ?? null,
    data: r.data,
  };
}

/** Heartbeat fields are JSON from another process: anything but a finite number counts 0. */
function count(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
