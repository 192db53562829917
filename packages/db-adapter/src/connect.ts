import { type Dialect, Kysely, MysqlDialect, PostgresDialect, SqliteDialect } from 'kysely';
import {
  type DatabaseConnectionInput,
  type DatabaseConnectionOptions,
  resolveConnectionOptions,
} from './connection-options.js';
import type { ChannelTables } from './tables.js';
import { TablePrefixPlugin } from './table-prefix-plugin.js';

export type SqlDialectName = DatabaseConnectionOptions['dialect'];

/** An open database: kysely without the prefix (migrations' bookkeeping), and with it (queries). */
export interface SqlDatabase {
  readonly dialect: SqlDialectName;
  readonly tablePrefix: string;
  /** Raw kysely: table names as written. */
  readonly raw: Kysely<unknown>;
  /** Kysely that prefixes every table name: `channels` → `<prefix>channels`. */
  readonly db: Kysely<ChannelTables>;
  /** Closes the pool or file; idempotent. */
  close(): Promise<void>;
}

/** Settings of {@link openDatabase} that are not configuration. */
export interface OpenDatabaseHooks {
  /**
   * An idle pooled connection failed (the server went away or killed it). The pool replaces it
   * on the next query; without this handler node-postgres would crash the process on it.
   */
  onIdleError?: (err: Error) => void;
}

/**
 * Opens a pool (PostgreSQL via pg, MySQL/MariaDB via mysql2) or a file (SQLite via
 * better-sqlite3, WAL mode with a 5 s busy timeout so the CLI can write while a cluster runs).
 * Validates `options` first (TMI_ERR_INVALID_CONFIG). Nothing connects, and only the dialect's
 * driver is loaded, at the first query: a PostgreSQL user never loads the native SQLite module.
 */
export function openDatabase(input: DatabaseConnectionInput, hooks: OpenDatabaseHooks = {}): SqlDatabase {
  const options = resolveConnectionOptions(input);
  const onIdleError = hooks.onIdleError ?? (() => {});
  const raw = new Kysely<unknown>({ dialect: dialectFor(options, onIdleError) });
  let closing: Promise<void> | null = null;
  return {
    dialect: options.dialect,
    tablePrefix: options.tablePrefix,
    raw,
    db: raw.withPlugin(new TablePrefixPlugin(options.tablePrefix)) as unknown as Kysely<ChannelTables>,
    close() {
      closing ??= raw.destroy();
      return closing;
    },
  };
}

function dialectFor(o: DatabaseConnectionOptions, onIdleError: (err: Error) => void): Dialect {
  switch (o.dialect) {
    case 'postgres':
      return new PostgresDialect({ pool: () => postgresPool(o, onIdleError) });
    case 'mysql':
      return new MysqlDialect({ pool: () => mysqlPool(o, onIdleError) });
    case 'sqlite':
      return new SqliteDialect({ database: () => sqliteFile(o) });
  }
}

async function postgresPool(o: DatabaseConnectionOptions, onIdleError: (err: Error) => void) {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({
    ...(o.url === undefined ? {} : { connectionString: o.url }),
    ...(o.host === undefined ? {} : { host: o.host }),
    ...(o.port === undefined ? {} : { port: o.port }),
    ...(o.user === undefined ? {} : { user: o.user }),
    ...(o.password === undefined ? {} : { password: o.password }),
    ...(o.database === undefined ? {} : { database: o.database }),
    max: o.poolSize,
  });
  pool.on('error', onIdleError);
  // A checked-out client whose server connection dies between queries emits 'error' too.
  pool.on('connect', (client) => client.on('error', onIdleError));
  return pool;
}

async function mysqlPool(o: DatabaseConnectionOptions, onIdleError: (err: Error) => void) {
  const { createPool } = await import('mysql2');
  const fields = {
    ...(o.host === undefined ? {} : { host: o.host }),
    ...(o.port === undefined ? {} : { port: o.port }),
    ...(o.user === undefined ? {} : { user: o.user }),
    ...(o.password === undefined ? {} : { password: o.password }),
    ...(o.database === undefined ? {} : { database: o.database }),
    connectionLimit: o.poolSize,
  };
  const pool = o.url === undefined ? createPool(fields) : createPool({ uri: o.url, ...fields });
  pool.on('connection', (conn) => conn.on('error', onIdleError));
  return pool;
}

async function sqliteFile(o: DatabaseConnectionOptions) {
  const { default: Database } = await import('better-sqlite3');
  const file = new Database(o.filename ?? 'tmi-cluster.sqlite');
  file.pragma('journal_mode = WAL');
  file.pragma('busy_timeout = 5000');
  return file;
}
