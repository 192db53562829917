import type { Generated } from 'kysely';

/**
 * The tables as queries name them; {@link TablePrefixPlugin} adds the configured prefix. Flags
 * are SMALLINT 0/1 and times BIGINT epoch milliseconds on every dialect: SQLite binds no
 * booleans, and integers compare the same everywhere, unlike three dialects' TIMESTAMP types.
 */
export interface ChannelTables {
  channels: ChannelsTable;
  channel_events: ChannelEventsTable;
}

export interface ChannelsTable {
  login: string;
  room_id: string | null;
  revoked: number;
  reconnect: number;
  acknowledged_at: number | string | null;
  authorized_at: number | string | null;
  /** JSON object as text (portable; MySQL's JSON type and PostgreSQL's jsonb differ). */
  options: string;
  created_at: number | string;
  updated_at: number | string;
}

export interface ChannelEventsTable {
  id: Generated<number | string>;
  channel: string;
  kind: string;
  reason: string | null;
  worker_id: string | null;
  at: number | string;
}
