/**
 * An append-only log of entries with consumer groups, acknowledgement and claiming of a dead
 * consumer's pending entries: the shape of Redis Streams, which the Redis adapter maps 1:1, and
 * which the in-memory adapter implements for embedded mode. The command bus and the event stream
 * are built on it.
 */
export interface StreamLog {
  /**
   * Appends one entry and returns its id. Ids are strings that sort in append order
   * (`<ms>-<seq>`, like Redis). `maxLen` trims the stream to about that many entries.
   */
  append(stream: string, fields: StreamFields, options?: AppendOptions): Promise<string>;
  /** Creates the group if missing; `from: 'start'` delivers existing entries, `'end'` only new ones. */
  ensureGroup(stream: string, group: string, from: 'start' | 'end'): Promise<void>;
  /**
   * Delivers entries never delivered to this group before, at most `count`, waiting up to
   * `blockMs` when there are none (0 = don't wait). Delivered entries stay pending for the
   * consumer until acknowledged.
   */
  readGroup(stream: string, group: string, consumer: string, options: ReadOptions): Promise<StreamEntry[]>;
  /** Acknowledges entries; returns how many were pending. */
  ack(stream: string, group: string, ids: readonly string[]): Promise<number>;
  /**
   * Moves entries pending for longer than `minIdleMs` (on any consumer) to `consumer` and returns
   * them with their delivery count incremented; how a dead consumer's work is taken over.
   */
  claimIdle(stream: string, group: string, consumer: string, options: ClaimOptions): Promise<StreamEntry[]>;
  /** Pending entries of a group (oldest first), for monitoring and dead-consumer recovery. */
  pending(stream: string, group: string, options?: { count?: number }): Promise<PendingEntry[]>;
  /** Entries in id order between `start` and `end` inclusive ('-' and '+' for the ends). */
  range(stream: string, start: string, end: string, count?: number): Promise<StreamEntry[]>;
  /** Number of entries in the stream. */
  length(stream: string): Promise<number>;
  /** Trims to at most `maxLen` entries (oldest go first); returns how many were removed. */
  trim(stream: string, maxLen: number): Promise<number>;
  /** Removes a consumer from a group; its pending entries become claimable by others. */
  deleteConsumer(stream: string, group: string, consumer: string): Promise<void>;
}

/** Field/value pairs of one entry (Redis stream entries are flat string maps). */
export type StreamFields = Record<string, string>;

export interface StreamEntry {
  id: string;
  fields: StreamFields;
  /** How many times this entry has been delivered (1 on first delivery). */
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
