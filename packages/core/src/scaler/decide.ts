import type { ScalerConfig } from './config.js';
import { usage, workersFor } from './usage.js';

/** One supervisor as the scaler sees it. */
export interface SupervisorScaleState {
  id: string;
  /** Workers the supervisor was told to run. */
  target: number;
  /** Its live workers that are not draining, with their channel counts. */
  workers: readonly { id: string; assigned: number }[];
}

export interface ScaleInput {
  /**
   * Channel demand cluster-wide: live placements (pending + confirmed, including those on
   * draining workers) plus the placements queued channels still need. Counting only what is
   * placed would cap usage at the pool's capacity and hide a backlog that needs more workers.
   */
  assigned: number;
  supervisors: readonly SupervisorScaleState[];
  now: number;
  /** When the last scale-out or scale-in happened (-Infinity if never). */
  lastChangeAt: number;
  /** When a supervisor last got its initial target (-Infinity if never): holds back scale-in only. */
  lastInitialAt?: number;
}

export interface ScaleDecision {
  /** New target per supervisor whose target changes. */
  targets: Map<string, number>;
  /** Workers to drain for a scale-in (the least loaded), by supervisor. */
  drain: Map<string, string[]>;
  kind: 'none' | 'clamp' | 'scale-out' | 'scale-in';
  /** Cluster usage before the change. */
  usage: number;
}

/**
 * Decides cluster-wide: usage = assigned / (Σ targets × channelsPerWorker). Above `scaleOutAbove`
 * (strictly) it adds workers to the supervisors with the fewest; below `scaleInBelow` (strictly)
 * it removes one worker, the least loaded, but only if usage with one worker fewer stays at or
 * below `scaleOutAbove` (the check the original meant but computed with shifted denominators).
 * Targets always stay within [min, max] per supervisor; at most one scale-out or scale-in per
 * `cooldownMs` (clamping to min/max is not held back), and no scale-in within `cooldownMs` of a
 * supervisor's initial target.
 */
export function decideScale(input: ScaleInput, config: ScalerConfig): ScaleDecision {
  const targets = new Map<string, number>();
  const current = new Map(input.supervisors.map((s) => [s.id, s.target]));
  for (const s of input.supervisors) {
    const clamped = Math.min(config.max, Math.max(config.min, s.target));
    if (clamped !== s.target) targets.set(s.id, clamped);
    current.set(s.id, clamped);
  }
  const total = [...current.values()].reduce((a, b) => a + b, 0);
  const u = usage(input.assigned, total, config.channelsPerWorker);
  const decision: ScaleDecision = {
    targets,
    drain: new Map(),
    kind: targets.size > 0 ? 'clamp' : 'none',
    usage: u,
  };
  if (input.supervisors.length === 0 || input.now - input.lastChangeAt < config.cooldownMs) return decision;
  const settling = input.now - (input.lastInitialAt ?? Number.NEGATIVE_INFINITY) < config.cooldownMs;

  if (u > config.scaleOutAbove) {
    const wanted =
      config.scaleOutStep === 'one'
        ? total + 1
        : Math.max(total + 1, workersFor(input.assigned, config.channelsPerWorker, config.scaleOutAbove));
    let added = 0;
    for (let n = total; n < wanted; n++) {
      const next = fewest(current, config.max);
      if (next === undefined) break;
      current.set(next, current.get(next)! + 1);
      targets.set(next, current.get(next)!);
      added++;
    }
    if (added > 0) decision.kind = 'scale-out';
    return decision;
  }

  if (u < config.scaleInBelow && total > 0 && !settling) {
    if (usage(input.assigned, total - 1, config.channelsPerWorker) > config.scaleOutAbove) return decision;
    const victim = leastLoaded(input.supervisors, current, config.min);
    if (victim === undefined) return decision;
    targets.set(victim.supervisorId, current.get(victim.supervisorId)! - 1);
    if (victim.workerId !== undefined) decision.drain.set(victim.supervisorId, [victim.workerId]);
    decision.kind = 'scale-in';
  }
  return decision;
}

/** The supervisor with the lowest target below max (ties: lowest id), to spread new workers. */
function fewest(current: Map<string, number>, max: number): string | undefined {
  let best: string | undefined;
  for (const [id, target] of current) {
    if (target >= max) continue;
    const bestTarget = best === undefined ? Number.POSITIVE_INFINITY : current.get(best)!;
    if (target < bestTarget || (target === bestTarget && id < best!)) best = id;
  }
  return best;
}

/**
 * What to remove on scale-in: a worker a supervisor was told to run but has not started yet
 * (costs nothing), else the least-loaded live worker (fewest channels to move). Only supervisors
 * above min qualify.
 */
function leastLoaded(
  supervisors: readonly SupervisorScaleState[],
  current: Map<string, number>,
  min: number,
): { supervisorId: string; workerId?: string } | undefined {
  let best: { supervisorId: string; workerId: string; assigned: number } | undefined;
  for (const s of supervisors) {
    const target = current.get(s.id)!;
    if (target <= min) continue;
    if (s.workers.length < target) return { supervisorId: s.id };
    for (const w of s.workers) {
      if (
        best === undefined ||
        w.assigned < best.assigned ||
        (w.assigned === best.assigned && w.id < best.workerId)
      )
        best = { supervisorId: s.id, workerId: w.id, assigned: w.assigned };
    }
  }
  return best;
}
