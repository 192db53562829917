import type { WorkerToSupervisor } from '@tmi-cluster/core';

/** The worker's end of the lifecycle channel (parentPort in a thread, IPC in a process). */
export interface LifecycleChannel {
  send(message: WorkerToSupervisor): void;
  onMessage(listener: (raw: unknown) => void): void;
  /** Resolves once every message sent so far is handed over, so exiting next loses none. */
  flush(): Promise<void>;
  /** Stops listening, so the channel does not keep the worker alive. */
  close(): void;
}
