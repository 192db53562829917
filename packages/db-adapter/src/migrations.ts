import { TmiClusterError } from '@tmi-cluster/core';
import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { SqlDatabase, SqlDialectName } from './connect.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';

/**
 * Every migration, in order, built in code (nothing is read from disk at run time, so a bundled
 * CLI migrates too). Names sort by date; never rename or edit one that shipped: add a new one.
 */
function migrations(dialect: SqlDialectName, prefix: string): Record<string, Migration> {
  const prefixed = (db: Kysely<unknown>) => db.withPlugin(new TablePrefixPlugin(prefix));
  const idColumn =
    dialect === 'postgres'
      ? ('bigserial' as const)
      : dialect === 'mysql'
        ? ('bigint' as const)
        : ('integer' as const);
  return {
    '2026_11_23_000001_channels': {
      async up(raw) {
        const db = prefixed(raw);
        await db.schema
          .createTable('channels')
          // SQLite ignores varchar lengths: the check keeps a 26-character login out there too.
          .addColumn('login', 'varchar(25)', (c) => c.primaryKey().check(sql`length(login) between 1 and 25`))
          .addColumn('room_id', 'varchar(32)')
          .addColumn('revoked', 'smallint', (c) => c.notNull().defaultTo(0))
          .addColumn('reconnect', 'smallint', (c) => c.notNull().defaultTo(0))
          .addColumn('acknowledged_at', 'bigint')
          .addColumn('authorized_at', 'bigint')
          .addColumn('options', 'text', (c) => c.notNull())
          .addColumn('created_at', 'bigint', (c) => c.notNull())
          .addColumn('updated_at', 'bigint', (c) => c.notNull())
          .execute();
        for (const column of ['revoked', 'acknowledged_at', 'reconnect']) {
          await db.schema
            .createIndex(`${prefix}channels_${column}_idx`)
            .on('channels')
            .column(column)
            .execute();
        }
        await db.schema
          .createTable('channel_events')
          .addColumn('id', idColumn, (c) => {
            const key = c.primaryKey();
            return dialect === 'postgres' ? key : key.autoIncrement();
          })
          .addColumn('channel', 'varchar(25)', (c) => c.notNull())
          .addColumn('kind', 'varchar(16)', (c) => c.notNull())
          .addColumn('reason', 'varchar(255)')
          .addColumn('worker_id', 'varchar(200)')
          .addColumn('at', 'bigint', (c) => c.notNull())
          .execute();
        await db.schema
          .createIndex(`${prefix}channel_events_channel_at_idx`)
          .on('channel_events')
          .columns(['channel', 'at'])
          .execute();
      },
      async down(raw) {
        const db = prefixed(raw);
        await db.schema.dropTable('channel_events').ifExists().execute();
        await db.schema.dropTable('channels').ifExists().execute();
      },
    },
  };
}

/** The migrator for this database: its bookkeeping tables carry the prefix too. */
export function migratorFor(database: SqlDatabase): Migrator {
  const provider: MigrationProvider = {
    getMigrations: async () => migrations(database.dialect, database.tablePrefix),
  };
  return new Migrator({
    db: database.raw,
    provider,
    migrationTableName: `${database.tablePrefix}migrations`,
    migrationLockTableName: `${database.tablePrefix}migrations_lock`,
  });
}

/** What {@link migrateToLatest} did. */
export interface MigrationOutcome {
  /** Migrations applied now, in order (empty when the schema was current). */
  applied: string[];
}

/**
 * Applies every pending migration (safe to call on each start: the migrator holds a lock, and a
 * current schema is left alone). Throws TMI_ERR_DATABASE naming the migration that failed and why.
 */
export async function migrateToLatest(database: SqlDatabase): Promise<MigrationOutcome> {
  const { error, results = [] } = await migratorFor(database).migrateToLatest();
  if (error !== undefined) {
    const failed = results.find((r) => r.status === 'Error')?.migrationName ?? 'migrations';
    const reason = error instanceof Error ? error.message : String(error);
    throw new TmiClusterError(
      'TMI_ERR_DATABASE',
      `${database.dialect} migration ${failed} failed: ${reason}`,
      { operation: 'migrate', dialect: database.dialect, migration: failed, reason },
      { cause: error },
    );
  }
  return { applied: results.filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}

/** Drops this prefix's tables, including the migrator's (tests, `migrate --reset`). */
export async function dropAllTables(database: SqlDatabase): Promise<void> {
  const p = database.tablePrefix;
  for (const table of ['channel_events', 'channels', 'migrations', 'migrations_lock']) {
    await sql`drop table if exists ${sql.table(`${p}${table}`)}`.execute(database.raw);
  }
}
