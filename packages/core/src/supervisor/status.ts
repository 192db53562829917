import type { WorkerPool } from './pool.js';
import type { SlotState } from './worker-slot.js';

/** What `tmi-cluster status` and the dashboard show about one supervisor. */
export interface SupervisorStatus {
  id: string;
  target: number;
  paused: boolean;
  terminating: boolean;
  restarts: number;
  workers: SupervisorWorkerStatus[];
}

export interface SupervisorWorkerStatus {
  id: string;
  state: SlotState;
  kind: 'thread' | 'process';
  pid?: number;
  startedAt: number;
  /** Last known bytes (RSS or heap), or null. */
  memory: number | null;
  lagMs: number | null;
  /** Why it is on its way out, when it is. */
  retireReason: string | null;
}

export function supervisorStatus(id: string, pool: WorkerPool, terminating: boolean): SupervisorStatus {
  return {
    id,
    target: pool.target,
    paused: pool.paused,
    terminating,
    restarts: pool.restarts,
    workers: [...pool.slots.values()].map((s) => ({
      id: s.id,
      state: s.state,
      kind: s.handle.kind,
      ...(s.handle.pid === undefined ? {} : { pid: s.handle.pid }),
      startedAt: s.startedAt,
      memory: s.memory,
      lagMs: s.lagMs,
      retireReason: s.retireReason ?? s.hang,
    })),
  };
}
