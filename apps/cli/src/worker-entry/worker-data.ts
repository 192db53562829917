import { TmiClusterError } from '@tmi-cluster/core';

/** Environment variable carrying a process worker's {@link WorkerData} as JSON. */
export const WORKER_DATA_ENV = 'TMI_CLUSTER_WORKER_DATA';

/** Key of the bridge's MessagePort in a thread worker's `workerData`. */
export const BRIDGE_PORT_KEY = 'bridgePort';

/**
 * What a worker starts with: its ids plus the host's `config` (spread in, JSON-safe for
 * processes, structured-cloneable for threads). `statsIntervalMs` sets how often the bootstrap
 * reports stats (default 5 s; the supervisor's silence timeout relies on them).
 */
export interface WorkerData {
  workerId: string;
  supervisorId: string;
  statsIntervalMs?: number;
  [key: string]: unknown;
}

/** Validates worker data; throws TMI_ERR_INVALID_CONFIG when the worker was not started by a host. */
export function readWorkerData(raw: unknown): WorkerData {
  const data = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  for (const key of ['workerId', 'supervisorId']) {
    const value = data[key];
    if (typeof value !== 'string' || value.length === 0) {
      const rule = 'must be a non-empty string (start workers through a WorkerHost)';
      throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker data ${key} ${rule}`, { key, rule });
    }
  }
  const interval = data['statsIntervalMs'];
  if (interval !== undefined && !(typeof interval === 'number' && interval > 0)) {
    const rule = 'must be a number > 0';
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker data statsIntervalMs ${rule}`, {
      key: 'statsIntervalMs',
      rule,
    });
  }
  return data as WorkerData;
}

/** Reads a process worker's data from its environment. */
export function workerDataFromEnv(env: NodeJS.ProcessEnv): WorkerData {
  const json = env[WORKER_DATA_ENV];
  let raw: unknown;
  try {
    raw = json === undefined ? undefined : JSON.parse(json);
  } catch {
    raw = undefined;
  }
  return readWorkerData(raw);
}
