/**
 * An append-only log of entries with consumer groups, acknowledgement and claiming of a dead
 * consumer's pending entries: the shape of Redis Streams, which the Redis adapter maps 1:1, and
 * which the in-memory adapter implements for embedded mode. The command bus and the event stream
 * are built on it.
 *
 * Every adapter passes `streamLogContract` from `@tmi-cluster/core/testing`. Methods that need a
 * group (`readGroup`, `claimIdle`, `pending`, `deleteConsumer`) reject with
 * `TMI_ERR_NO_SUCH_GROUP` when it does not exist (Redis: NOGROUP); `ack` then returns 0 instead.
 * A malformed id rejects with `TMI_ERR_INVALID_ARGUMENT`.
 */
export interface StreamLog {
  /**
   * Appends one entry (at least one field, as XADD requires) and returns its id, creating the
   * stream if missing. Ids are `<ms>-<seq>` (like Redis) and grow with every append, even when the
   * clock stands still or steps back; compare them by (ms, seq) numerically (`compareStreamIds`),
   * not as strings. `maxLen` trims the stream to about that many entries: at least `maxLen` stay,
   * the oldest go, and an adapter may keep a few more (Redis `MAXLEN ~`).
   */
  append(stream: string, fields: StreamFields, options?: AppendOptions): Promise<string>;
  /**
   * Appends several entries to one stream in order and returns their ids: how a worker publishes
   * a burst of chat lines in one round trip (one pipeline in Redis, one message to the main
   * thread in embedded mode). Each entry follows the rules of {@link append}; when any entry is
   * invalid, none is appended.
   */
  appendMany(stream: string, entries: readonly StreamFields[], options?: AppendOptions): Promise<string[]>;
  /**
   * Creates the group if missing (and the stream, empty, if missing); `from: 'start'` delivers
   * existing entries, `'end'` only entries appended after this call. Idempotent: on an existing
   * group it does nothing, whatever `from` says (its position is not reset).
   */
  ensureGroup(stream: string, group: string, from: 'start' | 'end'): Promise<void>;
  /**
   * Delivers entries never delivered to this group before, oldest first, at most `count` (≥ 1).
   * When there are none and `blockMs > 0`, waits until an append to the stream delivers at least
   * one (then returns at once, without waiting for `count`), or until `blockMs` passed (then []);
   * `blockMs` 0 returns [] at once. Each entry goes to exactly one reader of the group, also when
   * several readers are blocked; readers that get nothing keep waiting. Delivered entries stay
   * pending for the consumer until acknowledged. Entries trimmed before delivery are skipped.
   */
  readGroup(stream: string, group: string, consumer: string, options: ReadOptions): Promise<StreamEntry[]>;
  /**
   * Acknowledges entries; returns how many of the ids were pending in the group (unknown,
   * already acknowledged or repeated ids count 0; an empty list or a missing group or stream
   * gives 0).
   */
  ack(stream: string, group: string, ids: readonly string[]): Promise<number>;
  /**
   * Moves entries pending (on any consumer, including `consumer` itself) for at least `minIdleMs`
   * (idle ≥ minIdleMs, inclusive) to `consumer`, oldest id first, at most `count`, and returns
   * them with their delivery count incremented and their idle time reset to 0; how a dead
   * consumer's work is taken over. Entries idle for less are left alone. Pending entries whose
   * stream entry was trimmed are dropped from the pending list instead of being returned.
   */
  claimIdle(stream: string, group: string, consumer: string, options: ClaimOptions): Promise<StreamEntry[]>;
  /**
   * Pending entries of a group, oldest id first, at most `count` (default: all), for monitoring
   * and dead-consumer recovery. `idleMs` is the time since the last delivery (read or claim).
   */
  pending(stream: string, group: string, options?: { count?: number }): Promise<PendingEntry[]>;
  /**
   * Entries in id order between `start` and `end` inclusive ('-' and '+' for the ends; a bare
   * `<ms>` means `<ms>-0` as a start and the last id of that ms as an end), at most `count`.
   * A plain read is no delivery: `deliveries` is 0. A missing stream gives [].
   */
  range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]>;
  /** Number of entries in the stream (0 when missing). */
  length(stream: string): Promise<number>;
  /** Trims to at most `maxLen` entries exactly (oldest go first); returns how many were removed. */
  trim(stream: string, maxLen: number): Promise<number>;
  /**
   * Removes a consumer from a group (unknown consumers are ignored). As with Redis
   * `XGROUP DELCONSUMER`, its pending entries are dropped with it and will not be delivered
   * again: claim (`claimIdle`) or acknowledge them first.
   */
  deleteConsumer(stream: string, group: string, consumer: string): Promise<void>;
  /**
   * Removes the stream with all its entries, groups and pending lists (Redis `DEL`): how a
   * closed client's reply stream is deleted. A missing stream is ignored. Reads blocked on the
   * stream reject with `TMI_ERR_NO_SUCH_GROUP` (Redis 7 unblocks them the same way); a later
   * append creates a fresh stream without groups.
   */
  destroy(stream: string): Promise<void>;
}

/** Field/value pairs of one entry (Redis stream entries are flat string maps). */
export type StreamFields = Record<string, string>;

export interface StreamEntry {
  id: string;
  fields: StreamFields;
  /** How many times this entry has been delivered (1 on first delivery; 0 from `range`). */
  deliveries: number;
}

export interface PendingEntry {
  id: string;
  consumer: string;
  idleMs: number;
  deliveries: number;
}

export interface AppendOptions {
  /** Approximate cap on the stream's length; older entries are dropped. */
  maxLen?: number;
}

export interface ReadOptions {
  count: number;
  blockMs: number;
}

export interface ClaimOptions {
  minIdleMs: number;
  count: number;
}
