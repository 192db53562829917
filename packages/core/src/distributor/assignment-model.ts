import type {
  ChannelAssignment,
  Placement,
  PlacementKey,
  PlacementState,
  WantedChannel,
} from '../ports/assignment-store.js';

/** Join-failure reasons that are not retried automatically (the channel stays wanted and visible). */
export const PERMANENT_FAILURES: ReadonlySet<string> = new Set([
  'msg_channel_suspended',
  'msg_banned',
  'msg_channel_blocked',
  'tos_ban',
]);

const isLive = (p: Placement) => p.state !== 'failed';

/**
 * The coordinator's working copy of the assignment store, kept in step with it write by write,
 * so placement decisions read memory instead of the store. Owned by one coordinator term.
 */
export class AssignmentModel {
  readonly wanted = new Map<string, WantedChannel>();
  readonly #placements = new Map<string, Placement[]>();
  /** Every placement (any state) per worker. */
  readonly #byWorker = new Map<string, Set<string>>();
  /** Live placements (pending + confirmed) per worker: its load. */
  readonly #load = new Map<string, number>();
  readonly #states: Record<PlacementState, number> = { pending: 0, confirmed: 0, failed: 0 };

  /** Adds a record read from the store (on takeover). */
  load(item: ChannelAssignment): void {
    this.wanted.set(item.channel, item.wanted);
    for (const p of item.placements) this.upsert(item.channel, p);
  }

  placements(channel: string): readonly Placement[] {
    return this.#placements.get(channel) ?? [];
  }

  placement(channel: string, workerId: string): Placement | undefined {
    return this.#placements.get(channel)?.find((p) => p.workerId === workerId);
  }

  /** Pending and confirmed placements, confirmed first. */
  live(channel: string): Placement[] {
    return this.placements(channel)
      .filter(isLive)
      .sort((a, b) => (a.state === b.state ? 0 : a.state === 'confirmed' ? -1 : 1));
  }

  /** True when a placement failed for a reason that is not retried (banned, suspended …). */
  failedPermanently(channel: string): boolean {
    return this.placements(channel).some(
      (p) => p.state === 'failed' && PERMANENT_FAILURES.has(p.reason ?? ''),
    );
  }

  /** Live placements on the worker. */
  loadOf(workerId: string): number {
    return this.#load.get(workerId) ?? 0;
  }

  /** Channels with a placement (any state) on the worker. */
  channelsOn(workerId: string): ReadonlySet<string> {
    return this.#byWorker.get(workerId) ?? new Set();
  }

  /** Workers holding any placement. */
  workers(): IterableIterator<string> {
    return this.#byWorker.keys();
  }

  upsert(channel: string, placement: Placement): void {
    this.remove(channel, placement.workerId);
    let list = this.#placements.get(channel);
    if (list === undefined) {
      list = [];
      this.#placements.set(channel, list);
    }
    list.push({ ...placement });
    this.#count(placement, 1);
    let set = this.#byWorker.get(placement.workerId);
    if (set === undefined) {
      set = new Set();
      this.#byWorker.set(placement.workerId, set);
    }
    set.add(channel);
  }

  remove(channel: string, workerId: string): Placement | undefined {
    const list = this.#placements.get(channel);
    const i = list?.findIndex((p) => p.workerId === workerId) ?? -1;
    if (list === undefined || i < 0) return undefined;
    const [removed] = list.splice(i, 1);
    if (list.length === 0) this.#placements.delete(channel);
    this.#count(removed!, -1);
    const set = this.#byWorker.get(workerId);
    set?.delete(channel);
    if (set?.size === 0) this.#byWorker.delete(workerId);
    return removed;
  }

  /** Forgets a channel; returns the placements it had. */
  unwant(channel: string): Placement[] {
    const had = [...this.placements(channel)];
    for (const p of had) this.remove(channel, p.workerId);
    this.wanted.delete(channel);
    return had;
  }

  /** Forgets every placement of a worker; returns their channels. */
  removeWorker(workerId: string): string[] {
    const channels = [...this.channelsOn(workerId)];
    for (const channel of channels) this.remove(channel, workerId);
    return channels;
  }

  /** Pending placements whose `since` is before `before` (joins nobody confirmed or refused). */
  pendingSince(before: number): PlacementKey[] {
    const out: PlacementKey[] = [];
    if (this.#states.pending === 0) return out;
    for (const [channel, list] of this.#placements)
      for (const p of list)
        if (p.state === 'pending' && p.since < before) out.push({ channel, workerId: p.workerId });
    return out;
  }

  /** Placement totals by state, failures by reason, and channels with at least one live placement. */
  counts(): {
    states: Record<PlacementState, number>;
    failedByReason: Record<string, number>;
    placed: number;
  } {
    const failedByReason: Record<string, number> = {};
    let placed = 0;
    for (const list of this.#placements.values()) {
      if (list.some(isLive)) placed++;
      for (const p of list)
        if (p.state === 'failed')
          failedByReason[p.reason ?? 'unknown'] = (failedByReason[p.reason ?? 'unknown'] ?? 0) + 1;
    }
    return { states: { ...this.#states }, failedByReason, placed };
  }

  /** Live placements cluster-wide. */
  get liveTotal(): number {
    return this.#states.pending + this.#states.confirmed;
  }

  #count(p: Placement, delta: 1 | -1): void {
    this.#states[p.state] += delta;
    if (isLive(p)) {
      const next = (this.#load.get(p.workerId) ?? 0) + delta;
      if (next === 0) this.#load.delete(p.workerId);
      else this.#load.set(p.workerId, next);
    }
  }
}
