import type { Fence, PlacementState } from '../ports/assignment-store.js';
import type { LifecycleEvent } from './event-log.js';
import type { GapRecord, Term } from './term.js';

/** What `tmi-cluster status` and the dashboard show about channel assignment. */
export interface CoordinatorStatus {
  active: boolean;
  fence: Fence | null;
  /** When the current term started (epoch ms). */
  since: number | null;
  wanted: number;
  /** Channels waiting for a worker (including those backing off after a failure). */
  queued: number;
  /** Channels with at least one live placement. */
  placed: number;
  placements: Record<PlacementState, number>;
  failedByReason: Record<string, number>;
  /** Channels each sender account sits in that count toward its 100 (moderated ones excluded). */
  seats: Record<string, number>;
  workers: WorkerStatus[];
  /** Worker targets per supervisor as the scaler last set them. */
  scaleTargets: Record<string, number>;
  recentEvents: LifecycleEvent[];
  recentGaps: GapRecord[];
}

export interface WorkerStatus {
  id: string;
  host: string;
  identity: string;
  state: string;
  capacity: number;
  /** Live placements (pending + confirmed). */
  load: number;
  supervisorId?: string;
}

/** Status of an active term (counts come from memory: no store round trip). */
export function termStatus(
  term: Term,
): Pick<
  CoordinatorStatus,
  'wanted' | 'queued' | 'placed' | 'placements' | 'failedByReason' | 'seats' | 'workers'
> {
  const counts = term.model.counts();
  return {
    wanted: term.model.wanted.size,
    queued: term.distributor.queue.size,
    placed: counts.placed,
    placements: counts.states,
    failedByReason: counts.failedByReason,
    seats: term.seats.countsByIdentity(),
    workers: term.view.all().map((w) => ({ ...w, load: term.model.loadOf(w.id) })),
  };
}
