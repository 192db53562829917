import { isTmiClusterError } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type DatabaseConnectionInput,
  dropAllTables,
  migrateToLatest,
  openDatabase,
  resolveConnectionOptions,
  SqlChannelStore,
  type SqlDatabase,
} from '../src/index.js';
import { MYSQL, POSTGRES, randomPrefix, serverAvailable, tempSqlite } from './helpers/services.js';

const [pgUp, myUp] = await Promise.all([
  serverAvailable('PostgreSQL', POSTGRES),
  serverAvailable('MariaDB/MySQL', MYSQL),
]);

const dialects: [string, boolean, () => DatabaseConnectionInput][] = [
  ['sqlite', true, () => tempSqlite().connection],
  ['postgres', pgUp, () => POSTGRES],
  ['mysql', myUp, () => MYSQL],
];

for (const [name, up, connection] of dialects) {
  describe.runIf(up)(`migrations on ${name}`, () => {
    let database: SqlDatabase | null = null;
    afterEach(async () => {
      if (database === null) return;
      await dropAllTables(database);
      await database.close();
      database = null;
    });

    it('creates the prefixed tables and indexes once; a second run applies nothing', async () => {
      const prefix = randomPrefix();
      database = openDatabase({ ...connection(), tablePrefix: prefix });
      expect(await migrateToLatest(database)).toEqual({ applied: ['2026_11_23_000001_channels'] });
      expect(await migrateToLatest(database)).toEqual({ applied: [] });
      const tables = (await database.raw.introspection.getTables())
        .map((t) => t.name)
        .filter((t) => t.startsWith(prefix))
        .sort();
      expect(tables).toEqual([
        `${prefix}channel_events`,
        `${prefix}channels`,
        `${prefix}migrations`,
        `${prefix}migrations_lock`,
      ]);
      const channels = (await database.raw.introspection.getTables()).find(
        (t) => t.name === `${prefix}channels`,
      );
      expect(channels?.columns.map((c) => c.name).sort()).toEqual([
        'acknowledged_at',
        'authorized_at',
        'created_at',
        'login',
        'options',
        'reconnect',
        'revoked',
        'room_id',
        'updated_at',
      ]);
      // A login of 26 characters does not fit (the manager refuses it before; the column too).
      await expect(
        database.db
          .insertInto('channels')
          .values({
            login: 'x'.repeat(26),
            revoked: 0,
            reconnect: 0,
            options: '{}',
            created_at: 1,
            updated_at: 1,
          })
          .execute(),
      ).rejects.toThrow();
    });

    it('before migrating, store calls fail with TMI_ERR_DATABASE and the hint to migrate', async () => {
      database = openDatabase({ ...connection(), tablePrefix: randomPrefix() });
      const err = await new SqlChannelStore(database).authorized(['a']).catch((e: unknown) => e);
      expect(isTmiClusterError(err, 'TMI_ERR_DATABASE')).toBe(true);
      expect((err as Error).message).toMatch(
        new RegExp(`^TMI_ERR_DATABASE: ${name} authorized failed: .*\\(run \`tmi-cluster migrate\`\\)$`),
      );
    });

    it('keeps two prefixes apart in one database', async () => {
      database = openDatabase({ ...connection(), tablePrefix: randomPrefix() });
      const other = openDatabase({ ...connection(), tablePrefix: randomPrefix() });
      try {
        await migrateToLatest(database);
        await migrateToLatest(other);
        await database.db
          .insertInto('channels')
          .values({
            login: 'only_here',
            revoked: 0,
            reconnect: 0,
            options: '{}',
            created_at: 1,
            updated_at: 1,
          })
          .execute();
        expect(await other.db.selectFrom('channels').select('login').execute()).toEqual([]);
      } finally {
        await dropAllTables(other);
        await other.close();
      }
    });
  });
}

describe('migrating an unreachable database', () => {
  it('fails with TMI_ERR_DATABASE naming the dialect and the reason', async () => {
    const database = openDatabase({ dialect: 'postgres', host: '127.0.0.1', port: 1, database: 'x' });
    try {
      const err = await migrateToLatest(database).catch((e: unknown) => e);
      expect(isTmiClusterError(err, 'TMI_ERR_DATABASE')).toBe(true);
      expect((err as Error).message).toMatch(
        /^TMI_ERR_DATABASE: postgres migration migrations failed: .*ECONNREFUSED/,
      );
    } finally {
      await database.close();
    }
  });
});

describe('connection options', () => {
  const problem = (input: unknown) => {
    try {
      resolveConnectionOptions(input as DatabaseConnectionInput);
      return null;
    } catch (err) {
      expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG')).toBe(true);
      return (err as Error).message;
    }
  };

  it('fills defaults', () => {
    expect(resolveConnectionOptions({ dialect: 'sqlite' })).toEqual({
      dialect: 'sqlite',
      tablePrefix: 'tmi_cluster_',
      poolSize: 10,
    });
  });

  it('names the key and the rule of each mistake', () => {
    expect(problem({ dialect: 'postgres' })).toMatch(
      /database\.url: postgres needs url, or host and database/,
    );
    expect(problem({ dialect: 'sqlite', url: 'x' })).toMatch(/database\.url: not used by sqlite/);
    expect(problem({ dialect: 'mysql', url: 'mysql://x', filename: 'f' })).toMatch(
      /database\.filename: not used by mysql/,
    );
    expect(problem({ dialect: 'oracle' })).toMatch(/database\.dialect/);
    expect(problem({ dialect: 'sqlite', tablePrefix: 'Bad-Prefix' })).toMatch(
      /database\.tablePrefix: must start with a-z/,
    );
    expect(problem({ dialect: 'postgres', url: 'postgres://x', poolSize: 0 })).toMatch(/database\.poolSize/);
  });
});
