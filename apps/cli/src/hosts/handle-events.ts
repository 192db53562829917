import type { WorkerExit, WorkerHandleEvents, WorkerToSupervisor } from '@tmi-cluster/core';
import { parseWorkerMessage } from '@tmi-cluster/core';

type Listeners = { [E in keyof WorkerHandleEvents]: ((...args: WorkerHandleEvents[E]) => void)[] };

/**
 * The event side of a WorkerHandle, shared by both hosts: validates what the worker sends,
 * keeps the last `stats`, and guarantees exactly one `exit` with nothing after it.
 */
export class HandleEvents {
  readonly #listeners: Listeners = { message: [], error: [], exit: [] };
  #exited = false;
  /** Bytes from the worker's last `stats`. */
  lastMemory: number | null = null;

  get exited(): boolean {
    return this.#exited;
  }

  on<E extends keyof WorkerHandleEvents>(event: E, listener: (...args: WorkerHandleEvents[E]) => void): void {
    this.#listeners[event].push(listener);
  }

  /** A raw message from the worker: emitted if valid, reported as `error` if not. */
  received(workerId: string, raw: unknown): void {
    if (this.#exited) return;
    const parsed = parseWorkerMessage(raw);
    if (!parsed.ok) {
      this.error(new Error(`worker ${workerId} sent an invalid lifecycle message: ${parsed.reason}`));
      return;
    }
    const message: WorkerToSupervisor = parsed.value;
    if (message.type === 'stats') this.lastMemory = message.memory;
    for (const listener of this.#listeners.message) listener(message);
  }

  error(err: Error): void {
    if (this.#exited) return;
    for (const listener of this.#listeners.error) listener(err);
  }

  exit(exit: WorkerExit): void {
    if (this.#exited) return;
    this.#exited = true;
    for (const listener of this.#listeners.exit) listener(exit);
  }
}
