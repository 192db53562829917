import { getHeapStatistics } from 'node:v8';
import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { TmiClusterError } from '@tmi-cluster/core';
import { connectPorts } from '../bridge/connect.js';
import type { LifecycleChannel } from './channel.js';
import type { WorkerMain } from './contract.js';
import { runWorker } from './run.js';
import { BRIDGE_PORT_KEY, readWorkerData } from './worker-data.js';

/**
 * Bootstrap of a worker thread (embedded mode): reads `workerData`, connects the bridge to the
 * main thread's adapters, runs `main` under the lifecycle protocol, and ends the thread with the
 * exit code (`process.exit` in a worker ends only the thread).
 */
export async function runThreadWorker(main: WorkerMain): Promise<void> {
  const port = parentPort;
  if (port === null) {
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', 'runThreadWorker must run in a worker thread', {
      rule: 'start it through ThreadWorkerHost',
    });
  }
  const data = readWorkerData(workerData);
  const bridgePort = data[BRIDGE_PORT_KEY] as MessagePort | undefined;
  if (bridgePort === undefined) {
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `worker data has no ${BRIDGE_PORT_KEY}`, {
      key: BRIDGE_PORT_KEY,
      rule: 'give ThreadWorkerHost the ports to expose',
    });
  }
  const ports = connectPorts(bridgePort);
  const listeners: ((raw: unknown) => void)[] = [];
  const channel: LifecycleChannel = {
    send: (message) => port.postMessage(message),
    onMessage: (listener) => {
      listeners.push(listener);
      port.on('message', listener);
    },
    // Messages posted before process.exit() in a thread still reach the parent.
    flush: async () => {},
    close: () => {
      for (const l of listeners) port.off('message', l);
    },
  };
  await runWorker({
    main,
    data,
    ports,
    channel,
    measureMemory: () => getHeapStatistics().used_heap_size,
    closePorts: () => ports.close(),
    exit: (code) => process.exit(code),
  });
}
