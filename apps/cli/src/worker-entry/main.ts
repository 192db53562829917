import { TmiClusterError } from '@tmi-cluster/core';
import type { WorkerMain } from './contract.js';
import type { ProcessPortsFactory } from './process.js';

/**
 * THE plug-in point for the real worker. Until the integrator replaces this body with the
 * WorkerRuntime, it is an idle worker that follows the protocol (ready, drained at once, exits
 * on stop). The replacement, in outline:
 *
 *     const runtime = new WorkerRuntime({ ...ports, clock: systemClock, … }, config.runtime);
 *     await runtime.start();
 *     lifecycle.ready();
 *     lifecycle.onDrain(() => runtime.drain());
 *     // Also when the coordinator drained it by itself (scale-in): the supervisor then stops it.
 *     void runtime.drained.then(() => lifecycle.drained());
 *     lifecycle.onStop(() => runtime.stop());
 *     await lifecycle.stopped;
 */
export const workerMain: WorkerMain = async ({ lifecycle }) => {
  lifecycle.ready();
  await lifecycle.stopped;
};

/**
 * THE plug-in point for a process worker's ports (cluster mode: the Redis adapter built from
 * `data`). Not wired yet: a process worker started now fails with a clear error.
 */
export const processPorts: ProcessPortsFactory = async () => {
  throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', 'process workers need cluster-mode ports (Redis)', {
    rule: 'wire processPorts in apps/cli/src/worker-entry/main.ts',
  });
};
