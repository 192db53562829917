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
}
