import { EXIT } from '../exit-codes.js';
import type { LifecycleChannel } from './channel.js';
import type { WorkerMain, WorkerPorts } from './contract.js';
import { Lifecycle } from './lifecycle.js';
import type { WorkerData } from './worker-data.js';

const DEFAULT_STATS_INTERVAL_MS = 5_000;

export interface RunWorkerOptions {
  main: WorkerMain;
  data: WorkerData;
  ports: WorkerPorts;
  channel: LifecycleChannel;
  measureMemory: () => number;
  /** Releases the ports (closes the bridge, quits Redis) before the exit. */
  closePorts: () => void | Promise<void>;
  exit: (code: number) => void;
}

/**
 * Runs `main` under the lifecycle protocol and exits exactly once: code 0 when main returned or
 * the stop handlers finished, 10 (`EXIT.workerFatal`) when main or a handler failed (after
 * sending `fatal` with the reason).
 */
export async function runWorker(options: RunWorkerOptions): Promise<void> {
  const { main, data, ports, channel } = options;
  let finished = false;
  const finish = async (code: number): Promise<void> => {
    if (finished) return;
    finished = true;
    lifecycle.dispose();
    try {
      await options.closePorts();
    } catch {
      // Exiting anyway: the ports die with the worker.
    }
    await channel.flush();
    options.exit(code);
  };
  const fail = (err: unknown): Promise<void> => {
    channel.send({ type: 'fatal', message: err instanceof Error ? (err.stack ?? err.message) : String(err) });
    return finish(EXIT.workerFatal);
  };
  const lifecycle = new Lifecycle({
    channel,
    measureMemory: options.measureMemory,
    statsIntervalMs: data.statsIntervalMs ?? DEFAULT_STATS_INTERVAL_MS,
    onFatal: (err) => void fail(err),
  });
  const ctx = { workerId: data.workerId, supervisorId: data.supervisorId, config: data, ports, lifecycle };
  void lifecycle.stopDone.then(() => finish(EXIT.ok));
  try {
    await main(ctx);
  } catch (err) {
    await fail(err);
    return;
  }
  await finish(EXIT.ok);
}
