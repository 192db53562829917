import { MessageChannel, type ResourceLimits, Worker } from 'node:worker_threads';
import { type ExposedPorts, exposePorts } from '../bridge/expose.js';
import type { WorkerPorts } from '../bridge/spec.js';
import { BRIDGE_PORT_KEY } from '../worker-entry/worker-data.js';
import type { SupervisorToWorker, WorkerHandle, WorkerHost, WorkerSpawnOptions } from '@tmi-cluster/core';
import { HandleEvents } from './handle-events.js';

export interface ThreadWorkerHostOptions {
  /** The worker's entry module; in production the built `worker-entry/thread-entry.js`. */
  entry: URL | string;
  /**
   * The main thread's adapters, served to each worker over its own MessageChannel (the bridge).
   * Embedded mode: the in-memory streams, registry, limiter and de-dup store.
   */
  ports: Partial<WorkerPorts>;
  /** Worker config, spread into `workerData` under the ids (structured-cloneable). */
  config?: Record<string, unknown>;
  /** Node options of the thread (default: none, not the parent's). */
  execArgv?: string[];
  /** V8 heap caps: a thread over them ends with ERR_WORKER_OUT_OF_MEMORY instead of taking the process down. */
  resourceLimits?: ResourceLimits;
}

/** Starts workers as threads of this process (embedded mode). */
export class ThreadWorkerHost implements WorkerHost {
  readonly #o: ThreadWorkerHostOptions;

  constructor(options: ThreadWorkerHostOptions) {
    this.#o = options;
  }

  spawn({ workerId, supervisorId }: WorkerSpawnOptions): WorkerHandle {
    const { port1, port2 } = new MessageChannel();
    const worker = new Worker(this.#o.entry, {
      workerData: { ...this.#o.config, workerId, supervisorId, [BRIDGE_PORT_KEY]: port2 },
      transferList: [port2],
      execArgv: this.#o.execArgv ?? [],
      ...(this.#o.resourceLimits === undefined ? {} : { resourceLimits: this.#o.resourceLimits }),
    });
    return new ThreadWorkerHandle(workerId, worker, exposePorts(port1, this.#o.ports));
  }
}

class ThreadWorkerHandle implements WorkerHandle {
  readonly kind = 'thread' as const;
  readonly id: string;
  readonly #worker: Worker;
  readonly #events = new HandleEvents();

  constructor(id: string, worker: Worker, bridge: ExposedPorts) {
    this.id = id;
    this.#worker = worker;
    worker.on('message', (raw: unknown) => this.#events.received(id, raw));
    worker.on('messageerror', (err) => this.#events.error(err));
    // An uncaught exception in the thread: reported here, then `exit` with code 1 follows.
    worker.on('error', (err) => this.#events.error(err));
    worker.on('exit', (code) => {
      bridge.close();
      this.#events.exit({ code, signal: null });
    });
  }

  send(message: SupervisorToWorker): void {
    if (!this.#events.exited) this.#worker.postMessage(message);
  }

  kill(): void {
    void this.#worker.terminate();
  }

  on: WorkerHandle['on'] = (event, listener) => this.#events.on(event, listener);

  /** The isolate heap the thread last reported (Node 20 cannot read another isolate's heap). */
  async memory(): Promise<number | null> {
    return this.#events.exited ? null : this.#events.lastMemory;
  }
}
