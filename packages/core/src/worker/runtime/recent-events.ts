import type { Clock } from '../../ports/clock.js';
import type { WorkerRuntimeEvent } from './options.js';

/** The newest notable runtime events, for status(), each also passed to the host's `onEvent`. */
export class RecentEvents {
  readonly #items: WorkerRuntimeEvent[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly max: number,
    private readonly listener: ((event: WorkerRuntimeEvent) => void) | undefined,
  ) {}

  add(kind: WorkerRuntimeEvent['kind'], message: string, details?: Record<string, unknown>): void {
    const event: WorkerRuntimeEvent = { at: this.clock.now(), kind, message };
    if (details !== undefined) event.details = details;
    this.#items.push(event);
    // Few events and a small cap: shifting is cheaper to read than a ring.
    if (this.#items.length > this.max) this.#items.shift();
    try {
      this.listener?.(event);
    } catch {
      // A throwing listener must not break the runtime.
    }
  }

  /** The `onTrouble` of a stream publisher: sink failures, drops and recovery, said out loud. */
  publisherTrouble(source: 'events' | 'reports') {
    return (kind: 'sink-error' | 'dropping' | 'recovered', details: Record<string, unknown>): void => {
      if (kind === 'sink-error')
        this.add('sink-error', `appending ${source} fails; buffering`, { source, ...details });
      else if (kind === 'dropping')
        this.add(`${source}-dropping`, `${source} buffer full: dropping new ${source} (counted)`, details);
      else this.add('sink-recovered', `${source} sink recovered`, { source, ...details });
    };
  }

  list(): WorkerRuntimeEvent[] {
    return [...this.#items];
  }
}
