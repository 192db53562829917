import type { WorkerHandle, WorkerHost, WorkerSpawnOptions } from '@tmi-cluster/core';

/**
 * Wraps a WorkerHost and remembers the live handles, so the embedded cluster can kill one worker
 * hard (operators and failover tests) without reaching into the supervisor's private pool.
 */
export class TrackingHost implements WorkerHost {
  readonly #inner: WorkerHost;
  readonly #handles = new Map<string, WorkerHandle>();

  constructor(inner: WorkerHost) {
    this.#inner = inner;
  }

  spawn(options: WorkerSpawnOptions): WorkerHandle {
    const handle = this.#inner.spawn(options);
    this.#handles.set(handle.id, handle);
    handle.on('exit', () => {
      if (this.#handles.get(handle.id) === handle) this.#handles.delete(handle.id);
    });
    return handle;
  }

  /** Ids of workers whose thread or process has not exited. */
  get ids(): string[] {
    return [...this.#handles.keys()];
  }

  /** Kills one worker at once (no drain, no stop); false when it is unknown or gone. */
  kill(workerId: string): boolean {
    const handle = this.#handles.get(workerId);
    if (handle === undefined) return false;
    handle.kill();
    return true;
  }
}
