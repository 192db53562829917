import type { Clock, TimerHandle } from '../ports/clock.js';
import type { StreamEntry } from '../ports/stream-log.js';

interface BlockedRead {
  /** Tries the read again; a non-empty result ends the wait. */
  attempt(): StreamEntry[];
  resolve(entries: StreamEntry[]): void;
  reject(error: Error): void;
  timer: TimerHandle;
}

/**
 * Readers waiting on streams with `blockMs`. An append wakes them synchronously, first come first
 * served, so two readers of one group never both get the same entry and a reader that finds
 * nothing left keeps waiting (Redis does the same). Only the timeout uses the clock; the wakeup
 * does not, so a reader on a ManualClock is still woken by an append.
 */
export class BlockedReaders {
  readonly #clock: Clock;
  readonly #byStream = new Map<string, Set<BlockedRead>>();

  constructor(clock: Clock) {
    this.#clock = clock;
  }

  /** Waits until an append makes `attempt` return entries, or `blockMs` pass (then []). */
  wait(stream: string, blockMs: number, attempt: () => StreamEntry[]): Promise<StreamEntry[]> {
    return new Promise((resolve, reject) => {
      let waiters = this.#byStream.get(stream);
      if (waiters === undefined) {
        waiters = new Set();
        this.#byStream.set(stream, waiters);
      }
      const read: BlockedRead = {
        attempt,
        resolve,
        reject,
        timer: this.#clock.setTimeout(() => this.#finish(stream, read, []), blockMs),
      };
      waiters.add(read);
    });
  }

  /** Called after every append to `stream`. */
  wake(stream: string): void {
    const waiters = this.#byStream.get(stream);
    if (waiters === undefined) return;
    for (const read of waiters) {
      const entries = read.attempt();
      if (entries.length > 0) this.#finish(stream, read, entries);
    }
  }

  /** Ends every wait on `stream` with `error` (the stream was destroyed). */
  fail(stream: string, error: Error): void {
    const waiters = this.#byStream.get(stream);
    if (waiters === undefined) return;
    this.#byStream.delete(stream);
    for (const read of waiters) {
      read.timer.cancel();
      read.reject(error);
    }
  }

  /** Ends every wait with [] (used on close). */
  releaseAll(): void {
    for (const [stream, waiters] of this.#byStream)
      for (const read of waiters) this.#finish(stream, read, []);
  }

  #finish(stream: string, read: BlockedRead, entries: StreamEntry[]): void {
    const waiters = this.#byStream.get(stream);
    if (waiters?.delete(read) !== true) return;
    if (waiters.size === 0) this.#byStream.delete(stream);
    read.timer.cancel();
    read.resolve(entries);
  }
}
