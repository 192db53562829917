/**
 * A channel the channel manager knows: authorized (or revoked), with the time it was last asked
 * for. Times are epoch milliseconds, so every dialect compares them as plain integers.
 */
export interface ChannelRecord {
  /** Lowercase Twitch login (1–25 of a-z, 0-9, _), without `#`. */
  login: string;
  /** Twitch's numeric room id, when known (from ROOMSTATE or the invite screen). */
  roomId: string | null;
  revoked: boolean;
  /** Joined by the coordinator by itself whenever nobody holds it. */
  reconnect: boolean;
  /** Last time someone asked for the channel (a join); null = never, which is never stale. */
  acknowledgedAt: number | null;
  /** Last time it was authorized; null for a channel only ever revoked. */
  authorizedAt: number | null;
  /** Free-form settings kept with the channel (JSON object). */
  options: Record<string, unknown>;
  createdAt: number;
  updatedAt: number;
}

/** What the channel event log records. */
export type ChannelEventKind = 'joined' | 'parted' | 'failed' | 'authorized' | 'revoked';

/** One line of the channel event log (the dashboard's history of a channel). */
export interface ChannelEventRecord {
  channel: string;
  kind: ChannelEventKind;
  /** Why: a NOTICE msg-id for `failed`, `stale`/`revoked`/`requested` for `parted`; null when none. */
  reason: string | null;
  /** The worker the event happened on; null for authorization changes. */
  workerId: string | null;
  at: number;
}

/** Filters of {@link ChannelStore.list}; all optional and combined with AND. */
export interface ChannelQuery {
  /** true: only revoked channels; false: only authorized ones. */
  revoked?: boolean;
  /** Only channels the manager would call stale at this cut-off (revoked, or acknowledged before it). */
  staleBefore?: number;
  /** Only logins containing this text. */
  search?: string;
  /** At most this many, ordered by login (default 1,000). */
  limit?: number;
  /** Skips this many first (paging). */
  offset?: number;
}

/** Filters of {@link ChannelStore.events}. */
export interface ChannelEventQuery {
  channel?: string;
  /** At most this many, newest first (default 100). */
  limit?: number;
}

/**
 * The durable list behind the Database channel manager: one row per channel, plus an append-only
 * event log. Every method taking a list accepts any length (100,000 in one call works) and
 * chunks its own queries; logins reach it already validated by the manager. Writes are upserts,
 * so repeating a call changes nothing but times. Implemented in memory (core) and on SQL
 * (`@tmi-cluster/db`); both run `channelStoreContract`.
 */
export interface ChannelStore {
  /** Un-revokes or creates the channels at `at`; `reconnect` is set only when given. */
  authorize(channels: readonly string[], at: number, options?: { reconnect?: boolean }): Promise<void>;
  /** Marks the channels revoked at `at` (creating rows for unknown ones, so they count as stale). */
  revoke(channels: readonly string[], at: number): Promise<void>;
  /** Sets `acknowledgedAt` of the channels that have a row; unknown channels are ignored. */
  acknowledge(channels: readonly string[], at: number): Promise<void>;
  /** The subset of `channels` with a row that is not revoked. */
  authorized(channels: readonly string[]): Promise<Set<string>>;
  /** The subset of `channels` that is revoked, or acknowledged strictly before `before`. */
  stale(channels: readonly string[], before: number): Promise<Set<string>>;
  /** Every channel with `reconnect` that is not revoked, ordered by login. */
  reconnectable(): Promise<string[]>;
  /** Channels matching `query`, ordered by login. */
  list(query?: ChannelQuery): Promise<ChannelRecord[]>;
  /** Appends events to the log. */
  record(events: readonly ChannelEventRecord[]): Promise<void>;
  /** Events matching `query`, newest first. */
  events(query?: ChannelEventQuery): Promise<ChannelEventRecord[]>;
}
