/**
 * Runs tasks one at a time in call order: the coordinator's state has one owner even though
 * commands, reports and timers arrive concurrently.
 */
export class Serial {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task, task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}
