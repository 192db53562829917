import { systemClock, TmiClusterError, WorkerRuntime } from '@tmi-cluster/core';
import { workerConfigSchema } from '../embedded/worker-config.js';
import { tmiConnectionFactory } from '../irc/tmi-factory.js';
import type { WorkerMain } from './contract.js';
import type { ProcessPortsFactory } from './process.js';
import { redisProcessPorts } from './redis-ports.js';

/**
 * THE plug-in point for the real worker: a WorkerRuntime on the ports the host gave it (the
 * bridge to the main thread's adapters in embedded mode) and tmi.js connections to the
 * configured server. The worker-relevant config arrives in workerData (see embedded/worker-config).
 */
export const workerMain: WorkerMain = async ({ workerId, supervisorId, config, ports, lifecycle }) => {
  const parsed = workerConfigSchema.safeParse(config['worker']);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker data: ${issues.join('; ')}`, { issues });
  }
  const c = parsed.data;
  const runtime = new WorkerRuntime(
    {
      workerId,
      supervisorId,
      host: c.host,
      ...ports,
      clock: systemClock,
      connections: tmiConnectionFactory({
        host: c.server.host,
        port: c.server.port,
        secure: c.server.secure,
      }),
    },
    {
      identity: c.identity,
      sender: c.sender,
      anonymousTier: c.anonymousTier,
      capacity: c.capacity,
      drainTimeoutMs: c.drainTimeoutMs,
      overLength: c.overLength,
      pool: c.connection,
    },
  );
  await runtime.start();
  lifecycle.ready();
  lifecycle.onDrain(() => runtime.drain());
  // Also when the coordinator drained it by itself (scale-in): the supervisor then stops it.
  void runtime.drained.then(() => lifecycle.drained());
  lifecycle.onStop(() => runtime.stop());
  await lifecycle.stopped;
};

/**
 * THE plug-in point for a process worker's ports: cluster mode, on the Redis the supervisor
 * names in the worker data (`redis.url`, `redis.prefix`).
 */
export const processPorts: ProcessPortsFactory = redisProcessPorts;
