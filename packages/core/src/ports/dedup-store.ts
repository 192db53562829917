/**
 * Remembers keys for a while and tells the first caller apart from the rest: how duplicates from
 * redundant receivers (two connections in one channel, the RECONNECT overlap) are dropped.
 */
export interface DedupStore {
  /** True for the first claim of `key` within `ttlMs`, false for every later one. Atomic. */
  claim(key: string, ttlMs: number): Promise<boolean>;
}
