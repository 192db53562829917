export { CHUNK, chunks } from './chunks.js';
export { type OpenDatabaseHooks, openDatabase, type SqlDatabase, type SqlDialectName } from './connect.js';
export {
  checkConnection,
  type DatabaseConnectionInput,
  type DatabaseConnectionOptions,
  databaseConnectionSchema,
  databaseConnectionShape,
  resolveConnectionOptions,
} from './connection-options.js';
export { dropAllTables, type MigrationOutcome, migrateToLatest, migratorFor } from './migrations.js';
export { SqlChannelStore } from './sql-channel-store.js';
export { TablePrefixPlugin } from './table-prefix-plugin.js';
export type { ChannelEventsTable, ChannelsTable, ChannelTables } from './tables.js';
