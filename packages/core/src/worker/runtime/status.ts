import type { PoolStatus } from '../types.js';
import type { WorkerRuntimeEvent } from './options.js';
import type { RuntimeStats } from './stats.js';
import type { PublisherStatus } from './stream-publisher.js';

/** `ready` and `draining` are what the registry shows (the coordinator's WorkerView reads them). */
export type WorkerRuntimeState = 'idle' | 'ready' | 'draining' | 'stopping' | 'stopped';

/** A snapshot for dashboards and tests. */
export interface WorkerRuntimeStatus {
  workerId: string;
  state: WorkerRuntimeState;
  /** The login it reads as. */
  identity: string;
  /** The login says go out as (a separate sender, or `identity`); null when it cannot send. */
  sender: string | null;
  anonymous: boolean;
  startedAt: number | null;
  pool: PoolStatus;
  stats: RuntimeStats;
  events: PublisherStatus;
  reports: PublisherStatus;
  commands: { inFlight: number; highestFence: number };
  /** The newest notable events, oldest first. */
  recent: WorkerRuntimeEvent[];
}
