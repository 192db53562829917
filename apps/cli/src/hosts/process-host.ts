import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { WORKER_DATA_ENV } from '../worker-entry/worker-data.js';
import type { SupervisorToWorker, WorkerHandle, WorkerHost, WorkerSpawnOptions } from '@tmi-cluster/core';
import { HandleEvents } from './handle-events.js';
import { readRss } from './proc-memory.js';

/** After `exit`, IPC messages still in the pipe get this long to arrive (a `fatal` among them). */
const IPC_DRAIN_MS = 1_000;

export interface ProcessWorkerHostOptions {
  /** The worker's entry module; in production the built `worker-entry/process-entry.js`. */
  entry: URL | string;
  /** Worker config, passed as JSON in TMI_CLUSTER_WORKER_DATA together with the ids. */
  config?: Record<string, unknown>;
  /** Node options of the child (default: none, not the parent's). */
  execArgv?: string[];
  /** Environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** Pipe the child's stdout/stderr instead of sharing this process's (default false). */
  silent?: boolean;
}

/** Starts workers as forked child processes with an IPC channel (cluster mode). */
export class ProcessWorkerHost implements WorkerHost {
  readonly #o: ProcessWorkerHostOptions;

  constructor(options: ProcessWorkerHostOptions) {
    this.#o = options;
  }

  spawn({ workerId, supervisorId }: WorkerSpawnOptions): WorkerHandle {
    const { entry, config, execArgv, env, cwd, silent } = this.#o;
    const data = JSON.stringify({ ...config, workerId, supervisorId });
    const child = fork(entry instanceof URL ? fileURLToPath(entry) : entry, [], {
      execArgv: execArgv ?? [],
      env: { ...(env ?? process.env), [WORKER_DATA_ENV]: data },
      ...(cwd === undefined ? {} : { cwd }),
      silent: silent ?? false,
    });
    return new ProcessWorkerHandle(workerId, child);
  }
}

class ProcessWorkerHandle implements WorkerHandle {
  readonly kind = 'process' as const;
  readonly id: string;
  readonly #child: ChildProcess;
  readonly #events = new HandleEvents();

  constructor(id: string, child: ChildProcess) {
    this.id = id;
    this.#child = child;
    child.on('message', (raw: unknown) => this.#events.received(id, raw));
    child.on('error', (err) => {
      this.#events.error(err);
      // Could not be started at all: no `exit` would ever come.
      if (child.pid === undefined) setImmediate(() => this.#events.exit({ code: null, signal: null }));
    });
    child.on('exit', (code, signal) => {
      const done = () => this.#events.exit({ code, signal });
      if (!child.connected) return done();
      const timer = setTimeout(done, IPC_DRAIN_MS);
      child.once('disconnect', () => {
        clearTimeout(timer);
        done();
      });
    });
  }

  get pid(): number | undefined {
    return this.#child.pid;
  }

  send(message: SupervisorToWorker): void {
    if (this.#events.exited || !this.#child.connected) return;
    // A write racing the child's death fails with EPIPE; its `exit` follows, nothing to do.
    this.#child.send(message, () => {});
  }

  kill(): void {
    this.#child.kill('SIGKILL');
  }

  on: WorkerHandle['on'] = (event, listener) => this.#events.on(event, listener);

  /** RSS from /proc (Linux), else what the worker last reported. */
  async memory(): Promise<number | null> {
    const pid = this.#child.pid;
    if (this.#events.exited || pid === undefined) return null;
    return (await readRss(pid)) ?? this.#events.lastMemory;
  }
}
