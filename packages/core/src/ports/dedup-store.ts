/**
 * Remembers keys for a while and tells the first caller apart from the rest: how duplicates from
 * redundant receivers (two connections in one channel, the RECONNECT overlap) are dropped.
 * Every adapter passes `dedupStoreContract` from `@tmi-cluster/core/testing`.
 */
export interface DedupStore {
  /**
   * True for the first claim of `key` within `ttlMs` (> 0), false for every later one. Atomic:
   * of concurrent claims exactly one wins. The window runs from the winning claim: a claim at T
   * blocks others while now < T + ttlMs and the key is free again at T + ttlMs exactly; refused
   * claims do not extend it (Redis `SET NX PX`).
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  /**
   * Decides many claims in one round trip, in array order, atomically as a whole (one Lua script
   * in Redis): how a consumer de-duplicates a batch of events. Each claim is all-or-nothing over
   * its keys: it wins when every key is free or already held by the same `owner`, and then holds
   * its free keys for `ttlMs` (keys it already held keep their window); otherwise it takes none.
   * The owner makes a retry idempotent: an event delivered again after its consumer died wins
   * again instead of being taken for a duplicate of itself. A key held by `claim` has no owner
   * and refuses every claim. Returns one result per claim; an empty list gives [].
   */
  claimAll(claims: readonly DedupClaim[], ttlMs: number): Promise<boolean[]>;
}

/** One all-or-nothing claim of {@link DedupStore.claimAll}. */
export interface DedupClaim {
  /** At least one key. */
  keys: readonly string[];
  /** Who claims (for events: the stream entry id); non-empty. */
  owner: string;
}
