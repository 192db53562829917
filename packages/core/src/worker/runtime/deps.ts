import { TmiClusterError } from '../../errors/index.js';
import type { Clock } from '../../ports/clock.js';
import type { DedupStore } from '../../ports/dedup-store.js';
import type { IrcConnectionFactory } from '../../ports/irc-connection.js';
import type { RateLimiter } from '../../ports/rate-limiter.js';
import type { Registry } from '../../ports/registry.js';
import type { StreamLog } from '../../ports/stream-log.js';

/** The ports and names of one worker; the host (worker thread or child process) wires them. */
export interface WorkerRuntimeDeps {
  /** Unique in the cluster; names the command stream, the consumer and every receiver id. */
  workerId: string;
  supervisorId: string;
  host: string;
  streams: StreamLog;
  registry: Registry;
  limiter: RateLimiter;
  dedup: DedupStore;
  clock: Clock;
  connections: IrcConnectionFactory;
}

/** The one method each port must have, checked at construction so a wiring mistake fails early. */
const PORTS: readonly [keyof WorkerRuntimeDeps, string][] = [
  ['streams', 'appendMany'],
  ['registry', 'heartbeat'],
  ['limiter', 'take'],
  ['dedup', 'claim'],
  ['clock', 'setTimeout'],
  ['connections', 'create'],
];

/** Throws TMI_ERR_INVALID_CONFIG naming the first bad dependency. */
export function checkDeps(deps: WorkerRuntimeDeps): void {
  if (typeof deps !== 'object' || deps === null) bad('deps', 'must be an object');
  for (const field of ['workerId', 'supervisorId', 'host'] as const) {
    const value: unknown = deps[field];
    // Ids end up in stream names and receiver ids: no white space, bounded length.
    if (typeof value !== 'string' || !/^\S{1,200}$/.test(value))
      bad(field, 'must be a non-empty string without white space (≤ 200 characters)');
  }
  for (const [field, method] of PORTS) {
    const port = deps[field] as unknown as Record<string, unknown> | undefined;
    if (typeof port?.[method] !== 'function') bad(field, `must have ${method}()`);
  }
}

function bad(field: string, rule: string): never {
  throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker runtime dependency ${field} ${rule}`, {
    field,
    rule,
  });
}
