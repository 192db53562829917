import type {
  ChannelEventKind,
  ChannelEventQuery,
  ChannelEventRecord,
  ChannelQuery,
  ChannelRecord,
  ChannelStore,
} from '@tmi-cluster/core';
import { type Insertable, type Kysely, type Selectable, sql, type Updateable } from 'kysely';
import { chunks } from './chunks.js';
import { guarded } from './database-error.js';
import type { SqlDatabase, SqlDialectName } from './connect.js';
import type { ChannelEventsTable, ChannelsTable, ChannelTables } from './tables.js';

const KINDS = new Set<string>(['joined', 'parted', 'failed', 'authorized', 'revoked']);

/**
 * The ChannelStore on PostgreSQL, MySQL/MariaDB or SQLite (run {@link migrateToLatest} first).
 * Lists of any length are split into statements of 1,000; writes are upserts (ON CONFLICT on
 * PostgreSQL and SQLite, ON DUPLICATE KEY UPDATE on MySQL), each chunk in one transaction.
 */
export class SqlChannelStore implements ChannelStore {
  readonly #db: Kysely<ChannelTables>;
  readonly #dialect: SqlDialectName;

  constructor(database: SqlDatabase) {
    this.#db = database.db;
    this.#dialect = database.dialect;
  }

  async authorize(
    channels: readonly string[],
    at: number,
    options: { reconnect?: boolean } = {},
  ): Promise<void> {
    return guarded('authorize', this.#dialect, async () => {
      const update: Updateable<ChannelsTable> = { revoked: 0, authorized_at: at, updated_at: at };
      if (options.reconnect !== undefined) update.reconnect = options.reconnect ? 1 : 0;
      await this.#upsert(
        channels,
        at,
        { revoked: 0, reconnect: options.reconnect ? 1 : 0, authorized_at: at },
        update,
      );
    });
  }

  async revoke(channels: readonly string[], at: number): Promise<void> {
    return guarded('revoke', this.#dialect, async () => {
      await this.#upsert(channels, at, { revoked: 1 }, { revoked: 1, updated_at: at });
    });
  }

  async acknowledge(channels: readonly string[], at: number): Promise<void> {
    return guarded('acknowledge', this.#dialect, async () => {
      await this.#db.transaction().execute(async (trx) => {
        for (const part of chunks(channels)) {
          await trx
            .updateTable('channels')
            .set({ acknowledged_at: at, updated_at: at })
            .where('login', 'in', part)
            .execute();
        }
      });
    });
  }

  async authorized(channels: readonly string[]): Promise<Set<string>> {
    return guarded('authorized', this.#dialect, async () => {
      const out = new Set<string>();
      for (const part of chunks(channels)) {
        const rows = await this.#db
          .selectFrom('channels')
          .select(['login', 'revoked'])
          .where('login', 'in', part)
          .execute();
        // Filtered here, not in SQL: with `revoked = 0` SQLite's planner picks the revoked index
        // over the primary key and scans every authorized row per chunk (3 s instead of 0.3 s).
        for (const row of rows) if (Number(row.revoked) === 0) out.add(row.login);
      }
      return out;
    });
  }

  async stale(channels: readonly string[], before: number): Promise<Set<string>> {
    return guarded('stale', this.#dialect, async () => {
      const out = new Set<string>();
      for (const part of chunks(channels)) {
        const rows = await this.#db
          .selectFrom('channels')
          .select('login')
          .where('login', 'in', part)
          .where((eb) => eb.or([eb('revoked', '=', 1), eb('acknowledged_at', '<', before)]))
          .execute();
        for (const row of rows) out.add(row.login);
      }
      return out;
    });
  }

  async reconnectable(): Promise<string[]> {
    return guarded('reconnectable', this.#dialect, async () => {
      const rows = await this.#db
        .selectFrom('channels')
        .select('login')
        .where('reconnect', '=', 1)
        .where('revoked', '=', 0)
        .orderBy('login')
        .execute();
      return rows.map((r) => r.login);
    });
  }

  async list(query: ChannelQuery = {}): Promise<ChannelRecord[]> {
    return guarded('list', this.#dialect, async () => {
      let q = this.#db.selectFrom('channels').selectAll();
      if (query.revoked !== undefined) q = q.where('revoked', '=', query.revoked ? 1 : 0);
      const before = query.staleBefore;
      if (before !== undefined) {
        q = q.where((eb) => eb.or([eb('revoked', '=', 1), eb('acknowledged_at', '<', before)]));
      }
      if (query.search !== undefined && query.search !== '') {
        // `_` is a LIKE wildcard and common in logins: escape it (and % and the escape itself).
        const pattern = `%${query.search.toLowerCase().replace(/[!%_]/g, '!$&')}%`;
        q = q.where(sql<boolean>`login like ${pattern} escape '!'`);
      }
      const rows = await q
        .orderBy('login')
        .limit(query.limit ?? 1_000)
        .offset(query.offset ?? 0)
        .execute();
      return rows.map(toRecord);
    });
  }

  async record(events: readonly ChannelEventRecord[]): Promise<void> {
    return guarded('record', this.#dialect, async () => {
      if (events.length === 0) return;
      await this.#db.transaction().execute(async (trx) => {
        for (const part of chunks(events)) {
          await trx
            .insertInto('channel_events')
            .values(
              part.map((e) => ({
                channel: e.channel,
                kind: e.kind,
                reason: e.reason === null ? null : e.reason.slice(0, 255),
                worker_id: e.workerId === null ? null : e.workerId.slice(0, 200),
                at: e.at,
              })),
            )
            .execute();
        }
      });
    });
  }

  async events(query: ChannelEventQuery = {}): Promise<ChannelEventRecord[]> {
    return guarded('events', this.#dialect, async () => {
      let q = this.#db.selectFrom('channel_events').selectAll();
      if (query.channel !== undefined) q = q.where('channel', '=', query.channel);
      const rows = await q
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(query.limit ?? 100)
        .execute();
      return rows.map(toEvent);
    });
  }

  /** Inserts missing rows with `insert` (plus defaults), updates existing ones with `update`. */
  async #upsert(
    channels: readonly string[],
    at: number,
    insert: Partial<Insertable<ChannelsTable>>,
    update: Updateable<ChannelsTable>,
  ): Promise<void> {
    await this.#db.transaction().execute(async (trx) => {
      for (const part of chunks(channels)) {
        const values = part.map(
          (login): Insertable<ChannelsTable> => ({
            login,
            room_id: null,
            revoked: 0,
            reconnect: 0,
            acknowledged_at: null,
            authorized_at: null,
            options: '{}',
            created_at: at,
            updated_at: at,
            ...insert,
          }),
        );
        const base = trx.insertInto('channels').values(values);
        await (this.#dialect === 'mysql'
          ? base.onDuplicateKeyUpdate(update)
          : base.onConflict((oc) => oc.column('login').doUpdateSet(update))
        ).execute();
      }
    });
  }
}

/** PostgreSQL returns BIGINT as a string; every dialect's integers become numbers here. */
function toNumber(value: number | string): number {
  return typeof value === 'number' ? value : Number(value);
}

function toNullableNumber(value: number | string | null): number | null {
  return value === null ? null : toNumber(value);
}

function toRecord(row: Selectable<ChannelsTable>): ChannelRecord {
  return {
    login: row.login,
    roomId: row.room_id,
    revoked: Number(row.revoked) === 1,
    reconnect: Number(row.reconnect) === 1,
    acknowledgedAt: toNullableNumber(row.acknowledged_at),
    authorizedAt: toNullableNumber(row.authorized_at),
    options: parseOptions(row.options),
    createdAt: toNumber(row.created_at),
    updatedAt: toNumber(row.updated_at),
  };
}

function toEvent(row: Selectable<ChannelEventsTable>): ChannelEventRecord {
  return {
    channel: row.channel,
    kind: (KINDS.has(row.kind) ? row.kind : 'failed') as ChannelEventKind,
    reason: row.reason,
    workerId: row.worker_id,
    at: toNumber(row.at),
  };
}

/** A row edited by hand into something that is not a JSON object reads as no options. */
function parseOptions(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
