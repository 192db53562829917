import type { ScalerConfig } from './config.js';
import { decideScale } from './decide.js';
import { initialTarget } from './usage.js';

/** A supervisor and its live workers, as the coordinator sees them. */
export interface ScalerSupervisor {
  id: string;
  workers: readonly { id: string; assigned: number; draining: boolean }[];
}

/** A change to send as supervisor command `{type:'scale', workers, drain?}`. */
export interface ScaleAction {
  supervisorId: string;
  workers: number;
  /** Workers retired by this scale-in: the coordinator sends each `drain`. */
  drain?: string[];
  kind: 'initial' | 'clamp' | 'scale-out' | 'scale-in';
}

/**
 * The scaler's state between steps: the target each supervisor was told and when the last
 * scale-out/in happened. Lives in the coordinator, so it runs once for the whole cluster.
 */
export class AutoScaler {
  readonly #config: ScalerConfig;
  readonly #targets = new Map<string, number>();
  #lastChangeAt = Number.NEGATIVE_INFINITY;
  /** When a supervisor last got its initial target: scale-in waits a cooldown after it, scale-out does not. */
  #lastInitialAt = Number.NEGATIVE_INFINITY;

  constructor(config: ScalerConfig) {
    this.#config = config;
  }

  /** Current targets (for status pages). */
  get targets(): ReadonlyMap<string, number> {
    return this.#targets;
  }

  /**
   * One scaling pass over the supervisors that take work (the caller leaves paused and
   * terminating ones out); `assigned` is the channel demand (placed plus waiting for room).
   * Returns the commands to send (empty when nothing changes).
   */
  step(now: number, assigned: number, supervisors: readonly ScalerSupervisor[]): ScaleAction[] {
    const actions: ScaleAction[] = [];
    const present = new Set(supervisors.map((s) => s.id));
    for (const id of this.#targets.keys()) if (!present.has(id)) this.#targets.delete(id);
    for (const s of supervisors) {
      if (this.#targets.has(s.id)) continue;
      const running = s.workers.filter((w) => !w.draining).length;
      if (running > 0) {
        // Taken over from a previous coordinator: adopt what runs; decideScale clamps it.
        this.#targets.set(s.id, running);
      } else {
        const workers = initialTarget([...this.#targets.values()], this.#config.min, this.#config.max);
        this.#targets.set(s.id, workers);
        actions.push({ supervisorId: s.id, workers, kind: 'initial' });
        // Its initial workers must not be taken back in the same breath (scale-in waits a
        // cooldown), but a cluster that booted into a mass join must not wait to grow: the
        // supervisor's first workers register a moment after it, so at boot this always runs.
        this.#lastInitialAt = now;
      }
    }
    const decision = decideScale(
      {
        assigned,
        now,
        lastChangeAt: this.#lastChangeAt,
        lastInitialAt: this.#lastInitialAt,
        supervisors: supervisors.map((s) => ({
          id: s.id,
          target: this.#targets.get(s.id)!,
          workers: s.workers.filter((w) => !w.draining),
        })),
      },
      this.#config,
    );
    if (decision.kind === 'scale-out' || decision.kind === 'scale-in') this.#lastChangeAt = now;
    for (const [supervisorId, workers] of decision.targets) {
      this.#targets.set(supervisorId, workers);
      const drain = decision.drain.get(supervisorId);
      const kind = decision.kind === 'none' ? 'clamp' : decision.kind;
      const existing = actions.find((a) => a.supervisorId === supervisorId);
      if (existing !== undefined) existing.workers = workers;
      else actions.push({ supervisorId, workers, kind, ...(drain === undefined ? {} : { drain }) });
    }
    return actions;
  }
}
