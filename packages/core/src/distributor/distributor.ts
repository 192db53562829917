import type { AssignmentStore, Fence, PlacementWrite } from '../ports/assignment-store.js';
import type { Clock } from '../ports/clock.js';
import type { AssignmentModel } from './assignment-model.js';
import type { JoinBudget } from './join-budget.js';
import { JoinQueue } from './join-queue.js';
import { type PlacementRequest, type PlacementWorker, planPlacements } from './placement.js';
import type { WorkerView } from './worker-view.js';

/** Where placed channels go: one `join` command per worker (the coordinator's outbox). */
export interface JoinSender {
  join(workerId: string, identity: string, channels: readonly string[]): Promise<void>;
}

export interface DistributorOptions {
  /** Channels an identity may sit in at once (Twitch: 100 unless moderator); null = no limit. */
  maxChannelsFor: (identity: string) => number | null;
  /** Channels the identity sits in as a sender (seats, see SeatBook): they count toward its limit too. */
  seatsUsed?: (identity: string) => number;
  /** Back-off after a failed join: base × 2^(attempts − 1), capped. */
  retryBaseMs: number;
  retryMaxMs: number;
}

export interface DistributorDeps {
  store: AssignmentStore;
  fence: Fence;
  model: AssignmentModel;
  view: WorkerView;
  budget: JoinBudget;
  sender: JoinSender;
  clock: Clock;
  options: DistributorOptions;
  /** Told after each drain that placed something (for the coordinator's event log). */
  onPlaced?: (placed: ReadonlyMap<string, string[]>) => void;
}

/**
 * The join queue and its drain: takes due channels in order, places them least-loaded within the
 * JOIN budget and channel limits, records the placements (pending) in the store first, then sends
 * one join command per worker. What does not fit stays queued for the next drain.
 */
export class ChannelDistributor {
  readonly queue = new JoinQueue();
  /** Channels per identity where it is moderator/broadcaster/VIP: exempt from the channel limit. */
  readonly privileged = new Map<string, Set<string>>();
  readonly #d: DistributorDeps;

  constructor(deps: DistributorDeps) {
    this.#d = deps;
  }

  /** Workers the channel still needs: redundancy minus live placements on workers not draining. */
  deficit(channel: string): number {
    const wanted = this.#d.model.wanted.get(channel);
    if (wanted === undefined || this.#d.model.failedPermanently(channel)) return 0;
    const holding = this.#d.model.live(channel).filter((p) => this.#holds(p.workerId)).length;
    return Math.max(0, wanted.redundancy - holding);
  }

  /** Queues the channel again after a failed attempt, later each time. */
  retryLater(channel: string): void {
    const { retryBaseMs, retryMaxMs } = this.#d.options;
    const failures = this.queue.failed(channel);
    const delay = Math.min(retryMaxMs, retryBaseMs * 2 ** Math.min(failures - 1, 30));
    this.queue.add(channel, this.#d.clock.now() + delay);
  }

  /** One drain pass; returns the workers each channel was placed on now. */
  async drain(): Promise<Map<string, string[]>> {
    const { model, view, budget, clock } = this.#d;
    if (this.queue.size === 0) return new Map();
    const workers: PlacementWorker[] = view.eligible().map((w) => ({ ...w, load: model.loadOf(w.id) }));
    const free = workers.reduce((n, w) => n + Math.max(0, w.capacity - w.load), 0);
    if (free === 0) return new Map();
    const joinBudget = await budget.available(new Set(workers.map((w) => w.identity)));
    const channelRoom = this.#channelRoom(joinBudget.keys());
    let cap = free;
    let budgetTotal = 0;
    for (const [identity, n] of joinBudget) budgetTotal += Math.min(n, channelRoom.get(identity) ?? n);
    cap = Math.min(cap, budgetTotal);
    if (cap <= 0) return new Map();

    const now = clock.now();
    const requests: PlacementRequest[] = [];
    let slots = 0;
    for (const [channel, notBefore] of this.queue.entries()) {
      if (notBefore > now) continue;
      const need = this.deficit(channel);
      if (need <= 0) {
        this.queue.delete(channel);
        continue;
      }
      const holders = model
        .live(channel)
        .map((p) => ({ workerId: p.workerId, host: view.get(p.workerId)?.host ?? '' }));
      requests.push({ channel, need, holders });
      slots += need;
      if (slots >= cap) break;
    }
    if (requests.length === 0) return new Map();
    const plan = planPlacements(requests, workers, { joinBudget, channelRoom });
    return this.#commit(plan.byWorker, now);
  }

  /** Takes the JOIN budget, writes the placements, then sends the commands. */
  async #commit(byWorker: Map<string, string[]>, now: number): Promise<Map<string, string[]>> {
    const { store, fence, model, view, budget, sender } = this.#d;
    const perIdentity = new Map<string, number>();
    for (const [workerId, channels] of byWorker) {
      const identity = view.get(workerId)!.identity;
      perIdentity.set(identity, (perIdentity.get(identity) ?? 0) + channels.length);
    }
    const granted = new Map<string, number>();
    for (const [identity, n] of perIdentity) granted.set(identity, await budget.take(identity, n));

    const writes: PlacementWrite[] = [];
    const sends: [string, string, string[]][] = [];
    const placed = new Map<string, string[]>();
    for (const [workerId, channels] of byWorker) {
      const identity = view.get(workerId)!.identity;
      const left = granted.get(identity)!;
      // A competing taker may have shrunk the budget: the channels beyond it stay queued.
      const kept = channels.slice(0, left);
      granted.set(identity, left - kept.length);
      if (kept.length === 0) continue;
      sends.push([workerId, identity, kept]);
      for (const channel of kept) {
        writes.push({ channel, workerId, state: 'pending', since: now });
        placed.set(channel, [...(placed.get(channel) ?? []), workerId]);
      }
    }
    if (writes.length === 0) return placed;
    await store.place(fence, writes);
    for (const { channel, ...placement } of writes) model.upsert(channel, placement);
    for (const channel of placed.keys()) if (this.deficit(channel) <= 0) this.queue.delete(channel);
    for (const [workerId, identity, channels] of sends) await sender.join(workerId, identity, channels);
    this.#d.onPlaced?.(placed);
    return placed;
  }

  /**
   * Channels placed on workers reading as `identity` that count toward its concurrent-channel
   * limit (those where it is moderator/broadcaster do not).
   */
  readerUse(identity: string): number {
    const workerIds = new Set(
      this.#d.view
        .all()
        .filter((w) => w.identity === identity)
        .map((w) => w.id),
    );
    let used = 0;
    for (const id of workerIds) used += this.#d.model.loadOf(id);
    for (const channel of this.privileged.get(identity) ?? []) {
      if (this.#d.model.live(channel).some((p) => workerIds.has(p.workerId))) used--;
    }
    return used;
  }

  /** Room left under each identity's concurrent-channel limit (absent when unlimited). */
  #channelRoom(identities: Iterable<string>): Map<string, number> {
    const room = new Map<string, number>();
    for (const identity of identities) {
      const max = this.#d.options.maxChannelsFor(identity);
      if (max === null) continue;
      const used = this.readerUse(identity) + (this.#d.options.seatsUsed?.(identity) ?? 0);
      room.set(identity, Math.max(0, max - used));
    }
    return room;
  }

  /** A live placement counts toward redundancy unless its worker is gone or draining. */
  #holds(workerId: string): boolean {
    return this.#d.view.isLive(workerId) && !this.#d.view.isDraining(workerId);
  }
}
