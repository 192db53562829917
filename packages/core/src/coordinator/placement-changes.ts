import type { AssignmentModel } from '../distributor/assignment-model.js';
import type {
  AssignmentStore,
  Fence,
  Placement,
  PlacementKey,
  PlacementWrite,
} from '../ports/assignment-store.js';

/**
 * Placement changes made while handling a batch (of reports, of a sweep): applied to the model at
 * once, so later items of the batch see them, and written to the store in two bulk calls at the
 * end. The last change per (channel, worker) wins, so the order of the two calls does not matter.
 * If the write fails, the term is rebuilt from the store and the batch is handled again.
 */
export class PlacementChanges {
  readonly #model: AssignmentModel;
  readonly #ops = new Map<string, { channel: string; workerId: string; placement: Placement | null }>();

  constructor(model: AssignmentModel) {
    this.#model = model;
  }

  set(channel: string, placement: Placement): void {
    this.#model.upsert(channel, placement);
    this.#ops.set(`${channel}\n${placement.workerId}`, { channel, workerId: placement.workerId, placement });
  }

  remove(channel: string, workerId: string): void {
    this.#model.remove(channel, workerId);
    this.#ops.set(`${channel}\n${workerId}`, { channel, workerId, placement: null });
  }

  async commit(store: AssignmentStore, fence: Fence): Promise<void> {
    const writes: PlacementWrite[] = [];
    const removals: PlacementKey[] = [];
    for (const { channel, workerId, placement } of this.#ops.values()) {
      if (placement === null) removals.push({ channel, workerId });
      else writes.push({ channel, ...placement });
    }
    this.#ops.clear();
    if (writes.length > 0) await store.place(fence, writes);
    if (removals.length > 0) await store.unplace(fence, removals);
  }
}

/** Channels to part, grouped per worker, sent after the store write. */
export class PartBatch {
  readonly #byWorker = new Map<string, string[]>();

  add(workerId: string, channel: string): void {
    let list = this.#byWorker.get(workerId);
    if (list === undefined) {
      list = [];
      this.#byWorker.set(workerId, list);
    }
    list.push(channel);
  }

  async send(outbox: { part(workerId: string, channels: readonly string[]): Promise<void> }): Promise<void> {
    for (const [workerId, channels] of this.#byWorker) await outbox.part(workerId, channels);
    this.#byWorker.clear();
  }
}
