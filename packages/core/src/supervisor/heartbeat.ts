import type { MemberRecord } from '../ports/registry.js';
import type { WorkerPool } from './pool.js';

export interface SupervisorRecordInput {
  id: string;
  host: string;
  pid: number | null;
  startedAt: number;
  pool: WorkerPool;
  terminating: boolean;
  memory: number | null;
}

/**
 * The supervisor's registry record. `state` is `running`, `paused` or `terminating`; `data`
 * carries what the coordinator and status pages read: `workers` (active workers), `target`,
 * `paused`, `host`, `pid`, `memory` (own bytes or null), `restarts`, `retiring` (workers on
 * their way out) and `workerIds` (active ones).
 */
export function supervisorRecord(input: SupervisorRecordInput): MemberRecord {
  const { pool } = input;
  const active: string[] = [];
  let retiring = 0;
  for (const slot of pool.slots.values()) {
    if (slot.active) active.push(slot.id);
    else retiring++;
  }
  const state = input.terminating ? 'terminating' : pool.paused ? 'paused' : 'running';
  return {
    kind: 'supervisor',
    id: input.id,
    host: input.host,
    state,
    startedAt: input.startedAt,
    data: {
      workers: active.length,
      target: pool.target,
      paused: pool.paused,
      host: input.host,
      pid: input.pid,
      memory: input.memory,
      restarts: pool.restarts,
      retiring,
      workerIds: active,
    },
  };
}
