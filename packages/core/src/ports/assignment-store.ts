/**
 * The coordinator's durable state: which channels the cluster wants and where each one is
 * placed, so a coordinator that takes over after a failover resumes where the last one stopped.
 * Every adapter passes `assignmentStoreContract` from `@tmi-cluster/core/testing`.
 *
 * Fencing: every write carries the writer's lease {@link Fence}. A write whose token is lower than
 * the highest token ever used with that lease name is refused with TMI_ERR_LEASE_LOST and changes
 * nothing; an equal or higher token is accepted (a higher one becomes the new highest). So a
 * paused ex-coordinator cannot overwrite its successor's state. The check and the write are one
 * atomic step (Redis: one Lua script).
 *
 * Bulk by design: methods take arrays, so placing 50,000 channels costs a few calls, not 50,000.
 * Invariant: placements exist only for wanted channels (`place` skips the others, `unwant`
 * removes them).
 */
export interface AssignmentStore {
  /** Raises the fence to `fence.token` without writing anything else (done once on takeover). */
  claimFence(fence: Fence): Promise<void>;
  /**
   * Marks channels as wanted. Channels already wanted keep their record; returns the channels
   * that were not wanted before, in input order.
   */
  want(fence: Fence, channels: readonly WantWrite[]): Promise<string[]>;
  /** Forgets channels and all their placements; returns what was removed (wanted ones only). */
  unwant(fence: Fence, channels: readonly string[]): Promise<ChannelAssignment[]>;
  /**
   * Creates or replaces the placement of each (channel, worker) pair; pairs of channels that are
   * not wanted are skipped. Returns how many were written.
   */
  place(fence: Fence, placements: readonly PlacementWrite[]): Promise<number>;
  /** Removes placements; returns how many existed. */
  unplace(fence: Fence, keys: readonly PlacementKey[]): Promise<number>;
  /** Removes every placement of a worker (it died); returns their channels. */
  removeWorker(fence: Fence, workerId: string): Promise<string[]>;
  /** The wanted ones among `channels`, with their placements, in input order. */
  get(channels: readonly string[]): Promise<ChannelAssignment[]>;
  /**
   * One page of every wanted channel with its placements. Start with `cursor` null and pass each
   * returned cursor back until it is null. A channel wanted during the whole scan is returned at
   * least once (an adapter may repeat one, as Redis HSCAN does); channels added or removed
   * meanwhile may or may not appear. `limit` (≥ 1) is a hint for the page size.
   */
  list(cursor: string | null, limit: number): Promise<AssignmentPage>;
  /** Channels with a placement (any state) on the worker. */
  channelsOf(workerId: string): Promise<string[]>;
  /** Totals for status pages, without listing channels. */
  counts(): Promise<AssignmentCounts>;
}

/** The writer's lease and fencing token (from `Lease.acquire`). */
export interface Fence {
  lease: string;
  token: number;
}

export interface WantedChannel {
  /** Epoch ms when the channel became wanted. */
  since: number;
  /** How many distinct workers should hold it (≥ 1). */
  redundancy: number;
}

export type PlacementState = 'pending' | 'confirmed' | 'failed';

export interface Placement {
  workerId: string;
  /** `pending`: join sent; `confirmed`: the worker saw Twitch's echo; `failed`: see `reason`. */
  state: PlacementState;
  /** Epoch ms of the last state change. */
  since: number;
  /** Why it failed (a Twitch NOTICE msg-id such as `msg_banned`, or ours). */
  reason?: string;
}

export interface ChannelAssignment {
  channel: string;
  wanted: WantedChannel;
  placements: Placement[];
}

export interface WantWrite extends WantedChannel {
  channel: string;
}

export interface PlacementKey {
  channel: string;
  workerId: string;
}

export interface PlacementWrite extends Placement {
  channel: string;
}

export interface AssignmentPage {
  items: ChannelAssignment[];
  /** Pass back for the next page; null when the scan is complete. */
  cursor: string | null;
}

export interface AssignmentCounts {
  wanted: number;
  /** Placements by state. */
  placements: Record<PlacementState, number>;
  /** Failed placements by reason. */
  failedByReason: Record<string, number>;
  /** Live placements (pending + confirmed) per worker: its load. Workers with none are absent. */
  perWorker: Record<string, number>;
}
