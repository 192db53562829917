import type { JoinResult, PartResult, SayResult } from '@tmi-cluster/core';
import type { EmbeddedStatus } from '../embedded/cluster.js';
import type { HealthReport } from '../embedded/health.js';

/** Join results in the original's groups, each with its channel names (and the worker when placed). */
export function formatJoin(r: JoinResult): string[] {
  const lines: string[] = [];
  const group = (title: string, names: string[]) => {
    if (names.length > 0) lines.push(`${title} (${names.length}): ${names.join(', ')}`);
  };
  group(
    'resolved',
    Object.entries(r.resolved).map(([c, w]) => `${c} → ${w}`),
  );
  group(
    'ignored, already joined',
    Object.entries(r.ignored).map(([c, w]) => `${c} (${w})`),
  );
  group('rejected, no free worker yet (queued, retried)', r.rejected);
  group('unauthorized', r.unauthorized);
  return lines.length > 0 ? lines : ['nothing to join'];
}

export function formatPart(r: PartResult): string[] {
  const lines: string[] = [];
  if (r.parted.length > 0) lines.push(`parted (${r.parted.length}): ${r.parted.join(', ')}`);
  if (r.notJoined.length > 0) lines.push(`not joined (${r.notJoined.length}): ${r.notJoined.join(', ')}`);
  return lines.length > 0 ? lines : ['nothing to part'];
}

export function formatSay(r: SayResult): string {
  const detail = Object.entries(r)
    .filter(([k]) => k !== 'status' && k !== 'channel')
    .map(([k, v]) => `${k} ${String(v)}`)
    .join(', ');
  return `${r.status}${detail ? ` (${detail})` : ''}`;
}

const mib = (bytes: unknown) => (typeof bytes === 'number' ? `${Math.round(bytes / 1024 / 1024)} MiB` : '-');

/** `list` / `status`: supervisors, workers with state, channels, connections, memory; channel counts. */
export function formatStatus(s: EmbeddedStatus): string[] {
  const { cluster, supervisor, coordinator } = s;
  const lines = [
    `coordinator ${coordinator.active ? `active (token ${coordinator.fence?.token ?? '?'})` : 'inactive'}`,
    `channels    ${cluster.channels.wanted} wanted, ${cluster.channels.placements.confirmed} confirmed, ` +
      `${cluster.channels.placements.pending} pending, ${cluster.channels.placements.failed} failed, ` +
      `${coordinator.queued} queued`,
    'supervisors',
  ];
  for (const sup of cluster.supervisors) {
    lines.push(`  ${sup.id}  ${sup.state}  host ${sup.host}  workers ${sup.workers}/${sup.target ?? '?'}`);
  }
  lines.push('workers');
  const memory = new Map(supervisor.workers.map((w) => [w.id, w.memory]));
  for (const w of cluster.workers) {
    lines.push(
      `  ${w.id}  ${w.state}  channels ${w.channels}/${w.wanted}  connections ${w.connections}  ` +
        `memory ${mib(memory.get(w.id) ?? w.data['memory'])}  identity ${w.identity ?? '-'}`,
    );
  }
  if (cluster.workers.length === 0) lines.push('  (none registered yet)');
  return lines;
}

export function formatHealth(h: HealthReport): string[] {
  return [
    h.healthy ? 'healthy' : 'unhealthy',
    ...h.reasons.map((r) => `  - ${r}`),
    `  workers ${h.workers.running}/${h.workers.target}, channels ${h.channels.confirmed}/${h.channels.wanted} confirmed`,
  ];
}
