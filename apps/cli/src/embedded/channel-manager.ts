import {
  ChannelEventBuffer,
  type ChannelManager,
  type Clock,
  type CoordinatorOptionsInput,
  DatabaseChannelManager,
  DummyChannelManager,
} from '@tmi-cluster/core';
import { migrateToLatest, openDatabase, SqlChannelStore, type SqlDatabase } from '@tmi-cluster/db';
import type { Config } from '../config/schema.js';
import type { DatabaseSection } from '../config/database.js';

/** The channel manager a cluster runs with, and what goes with it. */
export interface ClusterChannels {
  manager: ChannelManager;
  /** The open database (Database manager only). */
  database: SqlDatabase | null;
  /** The coordinator's event log sink (Database manager only). */
  events: ChannelEventBuffer | null;
  /** The manager `say` checks when `restrictMessages` is on. */
  restrictMessages: ChannelManager | null;
  /** Coordinator settings that come from the `database` section. */
  coordinator: CoordinatorOptionsInput;
  /** Writes the buffered events and closes the database. */
  close(): Promise<void>;
}

/**
 * Without a `database` section: the Dummy manager (everything allowed, nothing stale). With it:
 * the Database manager on that database (migrated first unless `database.migrate` is false),
 * its event log, and auto-cleanup/auto-reconnect timing from the section.
 */
export async function openClusterChannels(
  config: Readonly<Config>,
  clock: Clock,
  onError: (message: string) => void = () => {},
): Promise<ClusterChannels> {
  const section = config.database;
  const report = throttled(onError, clock);
  if (section === undefined) {
    return {
      manager: new DummyChannelManager(),
      database: null,
      events: null,
      restrictMessages: null,
      coordinator: {},
      close: async () => {},
    };
  }
  const database = openChannelDatabase(section, (err) => report(`database connection: ${err.message}`));
  try {
    if (section.migrate) await migrateToLatest(database);
  } catch (err) {
    await database.close();
    throw err;
  }
  const store = new SqlChannelStore(database);
  const manager = new DatabaseChannelManager(store, { clock, staleHours: section.staleHours });
  const events = new ChannelEventBuffer(store, {
    clock,
    onError: (err) => report(`channel event log: ${err instanceof Error ? err.message : String(err)}`),
  });
  return {
    manager,
    database,
    events,
    restrictMessages: section.restrictMessages ? manager : null,
    coordinator: {
      autoCleanup: section.autoCleanup.enabled,
      staleIntervalMs: section.autoCleanup.intervalMs,
      staleJitterMs: section.autoCleanup.maxDelayMs,
      reconnectIntervalMs: section.reconnectIntervalMs,
    },
    async close() {
      await events.close();
      await database.close();
    },
  };
}

/** Opens the section's database (connection keys only); the CLI's own commands use it too. */
export function openChannelDatabase(
  section: DatabaseSection,
  onIdleError?: (err: Error) => void,
): SqlDatabase {
  const { staleHours, autoCleanup, reconnectIntervalMs, restrictMessages, migrate, ...connection } = section;
  return openDatabase(connection, onIdleError === undefined ? {} : { onIdleError });
}

/** A database that is away fails every second: say so once a minute, or when the message changes. */
function throttled(onError: (message: string) => void, clock: Clock): (message: string) => void {
  let last = '';
  let at = Number.NEGATIVE_INFINITY;
  return (message) => {
    const now = clock.now();
    if (message === last && now - at < 60_000) return;
    last = message;
    at = now;
    onError(message);
  };
}
