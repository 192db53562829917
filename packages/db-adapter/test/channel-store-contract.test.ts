import { MemoryChannelStore } from '@tmi-cluster/core';
import { channelStoreContract, manualClockFactory } from '@tmi-cluster/core/testing';
import { afterAll, describe } from 'vitest';
import { type DatabaseConnectionInput, SqlChannelStore } from '../src/index.js';
import { MYSQL, migratedDatabase, POSTGRES, serverAvailable, tempSqlite } from './helpers/services.js';

const timings: string[] = [];
const onTiming = (name: string) => (step: string, ms: number) =>
  timings.push(`${name} ${step}: ${ms.toFixed(0)} ms`);
afterAll(() => {
  if (timings.length > 0) process.stdout.write(`bulk timings\n  ${timings.join('\n  ')}\n`);
});

channelStoreContract(
  'memory',
  manualClockFactory(() => new MemoryChannelStore()),
  { onTiming: onTiming('memory') },
);

function sqlFactory(connection: () => DatabaseConnectionInput, after: () => void = () => {}) {
  return async () => {
    const { database, drop } = await migratedDatabase(connection());
    return {
      port: new SqlChannelStore(database),
      advance: async () => {},
      now: () => Date.now(),
      cleanup: async () => {
        await drop();
        after();
      },
    };
  };
}

let sqlite: ReturnType<typeof tempSqlite> | null = null;
channelStoreContract(
  'sqlite',
  sqlFactory(
    () => {
      sqlite = tempSqlite();
      return sqlite.connection;
    },
    () => sqlite?.remove(),
  ),
  { onTiming: onTiming('sqlite') },
);

const [pgUp, myUp] = await Promise.all([
  serverAvailable('PostgreSQL', POSTGRES),
  serverAvailable('MariaDB/MySQL', MYSQL),
]);
describe.runIf(pgUp)('postgres', () => {
  channelStoreContract(
    'postgres',
    sqlFactory(() => POSTGRES),
    { onTiming: onTiming('postgres') },
  );
});
describe.runIf(myUp)('mysql', () => {
  channelStoreContract(
    'mysql',
    sqlFactory(() => MYSQL),
    { onTiming: onTiming('mysql') },
  );
});
