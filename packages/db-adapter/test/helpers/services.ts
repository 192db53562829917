import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  type DatabaseConnectionInput,
  dropAllTables,
  migrateToLatest,
  openDatabase,
  type SqlDatabase,
} from '../../src/index.js';

/** The servers CI provides (README of the repo's CI): trust auth, empty root password, db `test`. */
export const POSTGRES: DatabaseConnectionInput = {
  dialect: 'postgres',
  host: '127.0.0.1',
  port: 5432,
  user: 'postgres',
  database: 'test',
  poolSize: 4,
};
export const MYSQL: DatabaseConnectionInput = {
  dialect: 'mysql',
  host: '127.0.0.1',
  port: 3306,
  user: 'root',
  password: '',
  database: 'test',
  poolSize: 4,
};

/**
 * Whether the server answers. With CI=true a missing server throws (the suite must run there);
 * otherwise the suite is skipped with one line saying why.
 */
export async function serverAvailable(name: string, connection: DatabaseConnectionInput): Promise<boolean> {
  const database = openDatabase(connection);
  try {
    await database.raw.selectNoFrom((eb) => eb.lit(1).as('one')).execute();
    return true;
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (process.env['CI'] === 'true')
      throw new Error(`${name} is required in CI but not reachable: ${reason}`);
    process.stderr.write(`skipping ${name} suites: ${name} not reachable (${reason})\n`);
    return false;
  } finally {
    await database.close();
  }
}

/** A fresh, random table prefix: parallel runs on one server never share tables. */
export function randomPrefix(): string {
  return `t${randomBytes(5).toString('hex')}_`;
}

/** An SQLite file in a fresh temp directory; `remove` deletes the directory. */
export function tempSqlite(): { connection: DatabaseConnectionInput; file: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'tmi-db-'));
  const file = path.join(dir, 'cluster.sqlite');
  return {
    connection: { dialect: 'sqlite', filename: file },
    file,
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Opens `connection` under a random prefix and migrates; `drop` removes the tables and closes. */
export async function migratedDatabase(
  connection: DatabaseConnectionInput,
): Promise<{ database: SqlDatabase; drop(): Promise<void> }> {
  const database = openDatabase({ ...connection, tablePrefix: randomPrefix() });
  await migrateToLatest(database);
  return {
    database,
    async drop() {
      try {
        await dropAllTables(database);
      } finally {
        await database.close();
      }
    },
  };
}
