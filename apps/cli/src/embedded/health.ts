import type { EmbeddedStatus } from './cluster.js';

/** Verdict of `tmi-cluster health`: healthy, or the reasons it is not. */
export interface HealthReport {
  healthy: boolean;
  reasons: string[];
  workers: { running: number; target: number };
  channels: { wanted: number; confirmed: number };
}

/**
 * Judges an embedded cluster: the coordinator must be active, the supervisor not shutting down,
 * and (with `atLeastOne`) at least one worker ready to take channels. Running fewer workers than
 * the target is reported but not unhealthy by itself (restarts back off on purpose).
 */
export function judgeHealth(status: EmbeddedStatus, atLeastOne: boolean): HealthReport {
  const reasons: string[] = [];
  const { supervisor, coordinator, cluster } = status;
  if (!status.leader || !coordinator.active) reasons.push('no active coordinator');
  if (supervisor.terminating) reasons.push('the supervisor is shutting down');
  const ready = cluster.workers.filter((w) => w.state === 'ready').length;
  if (atLeastOne && ready === 0) reasons.push('no worker is ready');
  return {
    healthy: reasons.length === 0,
    reasons,
    workers: { running: ready, target: supervisor.target },
    channels: { wanted: cluster.channels.wanted, confirmed: cluster.channels.placements.confirmed },
  };
}
