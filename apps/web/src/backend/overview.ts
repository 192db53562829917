import type { AssignmentCounts, MemberRecord } from '@tmi-cluster/core';
import type { ClusterSnapshot } from './cluster-sampler.js';
import type { ClusterHealth, Overview, SupervisorItem, WorkerItem } from './types.js';

/** What makes the cluster down or degraded, worst first; `fatal` ones make it down. */
export interface Verdict {
  status: ClusterHealth;
  reasons: string[];
}

export interface VerdictInput {
  snapshot: ClusterSnapshot;
  /** Channels pending for longer than `pendingTooLongMs`. */
  pendingTooLong: number;
  pendingTooLongMs: number;
}

/**
 * Down: nothing can join or read chat (no coordinator, or no worker ready). Degraded: it works
 * but something needs a look (channels stuck pending, every supervisor paused, events dropped).
 */
export function judge(input: VerdictInput): Verdict {
  const { snapshot } = input;
  const fatal: string[] = [];
  const warn: string[] = [];
  if (snapshot.coordinator === null) fatal.push('no coordinator holds the lease');
  const ready = snapshot.workers.filter((w) => w.state === 'ready').length;
  if (snapshot.workers.length === 0) fatal.push('no live worker');
  else if (ready === 0) fatal.push('no worker is ready');
  if (snapshot.supervisors.length === 0) fatal.push('no live supervisor');
  else if (snapshot.supervisors.every((s) => s.state === 'paused')) warn.push('every supervisor is paused');
  if (input.pendingTooLong > 0)
    warn.push(
      `${input.pendingTooLong} channel(s) pending for more than ${Math.round(input.pendingTooLongMs / 1000)} s`,
    );
  const dropped = snapshot.workers.filter((w) => num(w.data['eventsDropped']) > 0).length;
  if (dropped > 0) warn.push(`${dropped} worker(s) dropped events (event stream unavailable or too slow)`);
  const status: ClusterHealth = fatal.length > 0 ? 'down' : warn.length > 0 ? 'degraded' : 'operational';
  return { status, reasons: [...fatal, ...warn] };
}

export function buildOverview(
  snapshot: ClusterSnapshot,
  counts: AssignmentCounts,
  verdict: Verdict,
): Overview {
  const queue =
    snapshot.localCoordinator?.queued ??
    // Without the coordinator's own queue: wanted channels that have no live placement.
    Math.max(0, counts.wanted - counts.placements.pending - counts.placements.confirmed);
  return {
    status: verdict.status,
    reasons: verdict.reasons,
    at: snapshot.at,
    rates: snapshot.rates,
    channels: {
      wanted: counts.wanted,
      confirmed: counts.placements.confirmed,
      pending: counts.placements.pending,
      failed: counts.placements.failed,
    },
    workers: { total: snapshot.workers.length, byState: byState(snapshot.workers) },
    supervisors: { total: snapshot.supervisors.length, byState: byState(snapshot.supervisors) },
    connections: snapshot.workers.reduce((n, w) => n + num(w.data['connections']), 0),
    memory: { rssBytes: clusterMemory(snapshot) },
    joinQueue: queue,
    rateLimits: snapshot.rateLimits,
    coordinator: { id: snapshot.coordinator?.id ?? null, term: snapshot.coordinator?.term ?? null },
  };
}

/** Supervisors report their process's memory; workers in their own processes add theirs. */
export function clusterMemory(snapshot: ClusterSnapshot): number {
  let total = 0;
  for (const s of snapshot.supervisors) total += num(s.data['memory']);
  if (total > 0) return total;
  for (const w of snapshot.workers) total += num(w.data['memory']);
  return total;
}

export function supervisorItems(snapshot: ClusterSnapshot): SupervisorItem[] {
  return snapshot.supervisors.map((s) => {
    const mine = snapshot.workers.filter((w) => w.supervisorId === s.id);
    return {
      id: s.id,
      host: s.host,
      state: s.state,
      workers: num(s.data['workers']) || mine.length,
      channels: mine.reduce((n, w) => n + num(w.data['channels']), 0),
      memoryBytes: num(s.data['memory']),
      lastHeartbeatAt: s.lastSeenAt ?? null,
    };
  });
}

export function workerItems(snapshot: ClusterSnapshot): WorkerItem[] {
  return snapshot.workers.map((w) => ({
    id: w.id,
    supervisorId: w.supervisorId ?? '',
    state: w.state,
    channels: num(w.data['channels']),
    connections: num(w.data['connections']),
    memoryBytes: num(w.data['memory']),
    eventLoopLagMs: typeof w.data['eventLoopLagMs'] === 'number' ? w.data['eventLoopLagMs'] : null,
    messagesIn: num(w.data['messagesIn']),
    messagesOut: num(w.data['messagesOut']),
    lastHeartbeatAt: w.lastSeenAt ?? null,
  }));
}

export function byState(members: readonly MemberRecord[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const m of members) out[m.state] = (out[m.state] ?? 0) + 1;
  return out;
}

/** Heartbeat fields are JSON from another process: anything but a finite number counts 0. */
export function num(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}
