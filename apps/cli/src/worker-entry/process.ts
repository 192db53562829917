import { TmiClusterError } from '@tmi-cluster/core';
import { EXIT } from '../exit-codes.js';
import type { LifecycleChannel } from './channel.js';
import type { WorkerMain, WorkerPorts } from './contract.js';
import { runWorker } from './run.js';
import { type WorkerData, workerDataFromEnv } from './worker-data.js';

/** Opens a process worker's ports (cluster mode: Redis) from its config; `close` releases them. */
export type ProcessPortsFactory = (
  data: WorkerData,
) => Promise<{ ports: WorkerPorts; close: () => void | Promise<void> }>;

/**
 * Bootstrap of a forked worker process (cluster mode): reads its data from the environment,
 * opens its ports, runs `main` under the lifecycle protocol over IPC. When the supervisor dies
 * the IPC channel closes and the worker exits with 11 (`EXIT.workerOrphaned`) at once, so no
 * orphan keeps IRC connections open (the original had no parent-death check).
 */
export async function runProcessWorker(main: WorkerMain, openPorts: ProcessPortsFactory): Promise<void> {
  const send = process.send?.bind(process);
  let data: WorkerData;
  try {
    if (send === undefined || !process.connected) {
      throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', 'a process worker needs an IPC channel', {
        rule: 'start it through ProcessWorkerHost',
      });
    }
    data = workerDataFromEnv(process.env);
  } catch (err) {
    process.stderr.write(`tmi-cluster worker: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(EXIT.workerBadStart);
  }
  process.once('disconnect', () => process.exit(EXIT.workerOrphaned));
  const channel = ipcChannel(send);
  let opened: Awaited<ReturnType<ProcessPortsFactory>>;
  try {
    opened = await openPorts(data);
  } catch (err) {
    channel.send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    await channel.flush();
    process.exit(EXIT.workerFatal);
  }
  await runWorker({
    main,
    data,
    ports: opened.ports,
    channel,
    measureMemory: () => process.memoryUsage.rss(),
    closePorts: opened.close,
    exit: (code) => process.exit(code),
  });
}

type Send = (message: unknown, callback: (err: Error | null) => void) => boolean;

function ipcChannel(send: Send): LifecycleChannel {
  const listeners: ((raw: unknown) => void)[] = [];
  let inFlight: Promise<void> = Promise.resolve();
  return {
    send: (message) => {
      if (!process.connected) return;
      // IPC writes are asynchronous; exiting before their callback would drop them.
      const sent = new Promise<void>((resolve) => send(message, () => resolve()));
      inFlight = Promise.all([inFlight, sent]).then(() => undefined);
    },
    onMessage: (listener) => {
      listeners.push(listener);
      process.on('message', listener);
    },
    flush: () => inFlight,
    close: () => {
      for (const l of listeners) process.off('message', l);
    },
  };
}
