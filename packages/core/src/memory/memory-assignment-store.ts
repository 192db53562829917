import { TmiClusterError } from '../errors/index.js';
import type {
  AssignmentCounts,
  AssignmentPage,
  AssignmentStore,
  ChannelAssignment,
  Fence,
  Placement,
  PlacementKey,
  PlacementState,
  PlacementWrite,
  WantWrite,
} from '../ports/assignment-store.js';
import { assertInteger } from './validate.js';

interface WantedRecord {
  since: number;
  redundancy: number;
  /** Position in {@link MemoryAssignmentStore} scan order; a re-wanted channel gets a new one. */
  seq: number;
  placements: Placement[];
}

const STATES: readonly PlacementState[] = ['pending', 'confirmed', 'failed'];

/**
 * The in-memory AssignmentStore of embedded mode (see the port's TSDoc). Counts are kept
 * incrementally so status calls cost nothing at 250,000 channels; scans follow an append-only
 * order with numeric cursors, so a page resumes exactly even after deletions.
 */
export class MemoryAssignmentStore implements AssignmentStore {
  readonly #highest = new Map<string, number>();
  readonly #wanted = new Map<string, WantedRecord>();
  /** Channels in scan order; entries whose seq no longer matches are dead and compacted away. */
  #order: { seq: number; channel: string }[] = [];
  #nextSeq = 1;
  readonly #byWorker = new Map<string, Set<string>>();
  readonly #states: Record<PlacementState, number> = { pending: 0, confirmed: 0, failed: 0 };
  readonly #failedByReason = new Map<string, number>();
  readonly #load = new Map<string, number>();

  async claimFence(fence: Fence): Promise<void> {
    this.#check(fence);
  }

  async want(fence: Fence, channels: readonly WantWrite[]): Promise<string[]> {
    for (const w of channels) assertInteger('redundancy', w.redundancy, 1);
    this.#check(fence);
    const added: string[] = [];
    for (const w of channels) {
      if (this.#wanted.has(w.channel)) continue;
      const seq = this.#nextSeq++;
      this.#wanted.set(w.channel, { since: w.since, redundancy: w.redundancy, seq, placements: [] });
      this.#order.push({ seq, channel: w.channel });
      added.push(w.channel);
    }
    return added;
  }

  async unwant(fence: Fence, channels: readonly string[]): Promise<ChannelAssignment[]> {
    this.#check(fence);
    const removed: ChannelAssignment[] = [];
    for (const channel of channels) {
      const record = this.#wanted.get(channel);
      if (record === undefined) continue;
      removed.push(view(channel, record));
      for (const p of [...record.placements]) this.#drop(channel, record, p.workerId);
      this.#wanted.delete(channel);
    }
    if (this.#order.length > 2 * this.#wanted.size + 1024) this.#compact();
    return removed;
  }

  async place(fence: Fence, placements: readonly PlacementWrite[]): Promise<number> {
    for (const p of placements) {
      if (!STATES.includes(p.state)) invalid('state', `must be one of ${STATES.join(', ')}`, p.state);
    }
    this.#check(fence);
    let written = 0;
    for (const { channel, ...placement } of placements) {
      const record = this.#wanted.get(channel);
      if (record === undefined) continue;
      this.#drop(channel, record, placement.workerId);
      const copy: Placement = {
        workerId: placement.workerId,
        state: placement.state,
        since: placement.since,
      };
      if (placement.reason !== undefined) copy.reason = placement.reason;
      record.placements.push(copy);
      this.#count(copy, 1);
      let set = this.#byWorker.get(copy.workerId);
      if (set === undefined) {
        set = new Set();
        this.#byWorker.set(copy.workerId, set);
      }
      set.add(channel);
      written++;
    }
    return written;
  }

  async unplace(fence: Fence, keys: readonly PlacementKey[]): Promise<number> {
    this.#check(fence);
    let removed = 0;
    for (const { channel, workerId } of keys) {
      const record = this.#wanted.get(channel);
      if (record !== undefined && this.#drop(channel, record, workerId)) removed++;
    }
    return removed;
  }

  async removeWorker(fence: Fence, workerId: string): Promise<string[]> {
    this.#check(fence);
    const channels = [...(this.#byWorker.get(workerId) ?? [])];
    for (const channel of channels) {
      const record = this.#wanted.get(channel);
      if (record !== undefined) this.#drop(channel, record, workerId);
    }
    return channels;
  }

  async get(channels: readonly string[]): Promise<ChannelAssignment[]> {
    const found: ChannelAssignment[] = [];
    for (const channel of channels) {
      const record = this.#wanted.get(channel);
      if (record !== undefined) found.push(view(channel, record));
    }
    return found;
  }

  async list(cursor: string | null, limit: number): Promise<AssignmentPage> {
    assertInteger('limit', limit, 1);
    const after = cursor === null ? 0 : Number(cursor);
    if (!Number.isSafeInteger(after) || after < 0) invalid('cursor', 'must be a cursor from list', cursor);
    // First order entry with seq > after: the order is sorted by seq, so binary search.
    let lo = 0;
    let hi = this.#order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#order[mid]!.seq <= after) lo = mid + 1;
      else hi = mid;
    }
    const items: ChannelAssignment[] = [];
    let last = after;
    for (let i = lo; i < this.#order.length && items.length < limit; i++) {
      const { seq, channel } = this.#order[i]!;
      last = seq;
      const record = this.#wanted.get(channel);
      if (record?.seq === seq) items.push(view(channel, record));
    }
    const done = this.#order.length === 0 || last >= this.#order[this.#order.length - 1]!.seq;
    return { items, cursor: done ? null : String(last) };
  }

  async channelsOf(workerId: string): Promise<string[]> {
    return [...(this.#byWorker.get(workerId) ?? [])];
  }

  async counts(): Promise<AssignmentCounts> {
    return {
      wanted: this.#wanted.size,
      placements: { ...this.#states },
      failedByReason: Object.fromEntries(this.#failedByReason),
      perWorker: Object.fromEntries(this.#load),
    };
  }

  /** Refuses a stale token; accepts an equal or higher one and remembers the highest. */
  #check(fence: Fence): void {
    assertInteger('fence.token', fence.token, 1);
    const highest = this.#highest.get(fence.lease) ?? 0;
    if (fence.token < highest) {
      throw new TmiClusterError(
        'TMI_ERR_LEASE_LOST',
        `fencing token ${fence.token} of lease "${fence.lease}" is older than ${highest}`,
        { lease: fence.lease, token: fence.token, highest },
      );
    }
    this.#highest.set(fence.lease, fence.token);
  }

  /** Removes one placement and its index/count entries; false if there was none. */
  #drop(channel: string, record: WantedRecord, workerId: string): boolean {
    const i = record.placements.findIndex((p) => p.workerId === workerId);
    if (i < 0) return false;
    const [placement] = record.placements.splice(i, 1);
    this.#count(placement!, -1);
    const set = this.#byWorker.get(workerId);
    set?.delete(channel);
    if (set?.size === 0) this.#byWorker.delete(workerId);
    return true;
  }

  #count(p: Placement, delta: 1 | -1): void {
    this.#states[p.state] += delta;
    if (p.state === 'failed') bump(this.#failedByReason, p.reason ?? 'unknown', delta);
    else bump(this.#load, p.workerId, delta);
  }

  #compact(): void {
    this.#order = this.#order.filter(({ seq, channel }) => this.#wanted.get(channel)?.seq === seq);
  }
}

function bump(map: Map<string, number>, key: string, delta: number): void {
  const next = (map.get(key) ?? 0) + delta;
  if (next === 0) map.delete(key);
  else map.set(key, next);
}

/** A copy, so callers cannot change the store by mutating what they got (as with Redis). */
function view(channel: string, record: WantedRecord): ChannelAssignment {
  return {
    channel,
    wanted: { since: record.since, redundancy: record.redundancy },
    placements: record.placements.map((p) => ({ ...p })),
  };
}

function invalid(field: string, rule: string, value: unknown): never {
  throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `${field} ${rule}, got ${String(value)}`, {
    field,
    rule,
    value,
  });
}
