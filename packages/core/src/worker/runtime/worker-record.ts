import type { MemberRecord, Registry } from '../../ports/registry.js';
import type { PoolStatus } from '../types.js';
import type { PublisherStatus } from './stream-publisher.js';
import type { RuntimeStats } from './stats.js';

/** What one heartbeat says; gathered by the runtime at each beat. */
export interface WorkerRecordInput {
  workerId: string;
  supervisorId: string;
  host: string;
  state: 'ready' | 'draining';
  startedAt: number;
  capacity: number;
  identity: string;
  sender: string | null;
  /** Channels the sender sits in (or was granted), for a new coordinator term's seat count. */
  seats: string[];
  pool: PoolStatus;
  stats: RuntimeStats;
  events: PublisherStatus;
  reportsDropped: number;
  memory: number;
  eventLoopLagMs: number;
  fence: number;
}

/**
 * The registry record of a worker. `data.capacity`, `data.identity` and `data.host` are what the
 * coordinator's WorkerView places by; `data.sender` is where clients route says, `data.seats` the
 * sender's channels; the rest is for dashboards and alerts (dropped events above
 * all). `data.fence` lets a restarted worker keep ignoring a deposed coordinator.
 */
export function workerRecord(r: WorkerRecordInput): MemberRecord {
  return {
    kind: 'worker',
    id: r.workerId,
    supervisorId: r.supervisorId,
    host: r.host,
    state: r.state,
    startedAt: r.startedAt,
    data: {
      capacity: r.capacity,
      identity: r.identity,
      sender: r.sender,
      seats: r.seats,
      host: r.host,
      channels: r.pool.confirmed,
      wanted: r.pool.wanted,
      connections: r.pool.connections.length,
      messagesIn: r.stats.messagesIn,
      messagesOut: r.stats.messagesOut,
      eventsPublished: r.events.published,
      eventsDropped: r.events.dropped,
      eventsBuffered: r.events.buffered,
      reportsDropped: r.reportsDropped,
      memory: r.memory,
      eventLoopLagMs: r.eventLoopLagMs,
      reconnects: r.stats.reconnects,
      gaps: r.stats.gaps,
      deadLettered: r.stats.deadLettered,
      fence: r.fence,
    },
  };
}

/** The isolate's heap in bytes (in a worker thread, that thread's heap); 0 off Node. */
export function heapUsed(): number {
  return typeof process === 'undefined' ? 0 : process.memoryUsage().heapUsed;
}

/** Calls an injected gauge; a throwing or non-finite one reads as 0 rather than break the beat. */
export function gauge(read: () => number): number {
  try {
    const value = read();
    return Number.isFinite(value) ? value : 0;
  } catch {
    return 0;
  }
}

/**
 * The newest coordinator fence a previous run of this worker id saw (kept in its record), so a
 * restarted worker keeps ignoring a deposed coordinator; 0 when unknown.
 */
export async function previousFence(registry: Registry, workerId: string): Promise<number> {
  try {
    const fence = (await registry.get('worker', workerId))?.data.fence;
    return typeof fence === 'number' && Number.isSafeInteger(fence) ? fence : 0;
  } catch {
    return 0;
  }
}
