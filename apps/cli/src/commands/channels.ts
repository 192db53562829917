import { DatabaseChannelManager, systemClock } from '@tmi-cluster/core';
import { migrateToLatest, SqlChannelStore, type SqlDatabase } from '@tmi-cluster/db';
import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config/load.js';
import type { DatabaseSection } from '../config/database.js';
import { callControl, ControlError } from '../control/client.js';
import { defaultControlPath } from '../control/socket-path.js';
import { openChannelDatabase } from '../embedded/channel-manager.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../usage-error.js';
import { formatChannels } from './channels-output.js';
import { channelNames } from './ops.js';

const print = (lines: readonly string[]) => {
  for (const line of lines) process.stdout.write(`${line}\n`);
};

/** The `database` section of the config, or a usage error saying how to add one. */
async function databaseSection(file: string | undefined): Promise<DatabaseSection> {
  const { config } = await loadConfig(file === undefined ? {} : { file });
  if (config.database === undefined) {
    throw new UsageError(
      'no database configured: add a `database` section (or TMI_CLUSTER_DATABASE__DIALECT …); see docs/database.md',
    );
  }
  return config.database;
}

async function withDatabase<T>(section: DatabaseSection, fn: (db: SqlDatabase) => Promise<T>): Promise<T> {
  const database = openChannelDatabase(section);
  try {
    return await fn(database);
  } finally {
    await database.close();
  }
}

const listOptionsSchema = z.object({
  config: z.string().min(1).optional(),
  revoked: z.boolean().default(false),
  stale: z.boolean().default(false),
  search: z.string().min(1).max(25).optional(),
  limit: z.coerce.number().int().min(1).max(100_000),
  json: z.boolean().default(false),
});

/**
 * The commands that work on the channel list in the configured database, with or without a
 * running cluster: `migrate`, `authorize`, `channels`.
 */
export function registerChannelCommands(program: Command): void {
  const configOption = [
    '--config <file>',
    'config file (default: tmi-cluster.config.{ts,js,mjs,json} here)',
  ] as const;

  program
    .command('migrate')
    .description('Create or update the channel tables in the configured database')
    .option(...configOption)
    .action(async (opts: { config?: string }) => {
      const section = await databaseSection(opts.config);
      const { applied } = await withDatabase(section, migrateToLatest);
      print(
        applied.length === 0
          ? [`${section.dialect}: schema is current`]
          : [`${section.dialect}: applied ${applied.length} migration(s)`, ...applied.map((m) => `  ${m}`)],
      );
    });

  program
    .command('authorize')
    .description('Allow channels in the channel list (or revoke them); the cluster may then join them')
    .argument('<channels...>', 'channel names (#name or name; commas allowed)')
    .option('--revoke', 'withdraw the authorization (a running cluster parts them at once)')
    .option('--reconnect', 'the cluster joins them by itself whenever nobody holds them')
    .option(...configOption)
    .option('--control <path>', 'control socket of a running cluster (default: .tmi-cluster.sock here)')
    .action(
      async (
        inputs: string[],
        opts: { config?: string; control?: string; revoke?: boolean; reconnect?: boolean },
      ) => {
        if (opts.revoke && opts.reconnect)
          throw new UsageError('--revoke and --reconnect exclude each other');
        const channels = channelNames(inputs);
        const section = await databaseSection(opts.config);
        await withDatabase(section, async (database) => {
          const manager = new DatabaseChannelManager(new SqlChannelStore(database), {
            clock: systemClock,
            staleHours: section.staleHours,
          });
          if (opts.revoke) await manager.revoke(channels);
          else await manager.authorize(channels, opts.reconnect ? { reconnect: true } : {});
        });
        const verb = opts.revoke ? 'revoked' : opts.reconnect ? 'authorized with reconnect' : 'authorized';
        print([`${verb}: ${channels.join(', ')}`]);
        if (opts.revoke) print([await partInRunningCluster(opts.control ?? defaultControlPath(), channels)]);
      },
    );

  program
    .command('channels')
    .description('List the channel list: authorized, revoked, stale')
    .option('--revoked', 'only revoked channels')
    .option('--stale', 'only channels auto-cleanup would part (revoked, or not asked for in staleHours)')
    .option('--search <text>', 'only logins containing this text')
    .option('--limit <n>', 'at most this many', '1000')
    .option('--json', 'print the rows as JSON')
    .option(...configOption)
    .action(async (raw: unknown) => {
      const opts = parseOptions(listOptionsSchema, raw);
      const section = await databaseSection(opts.config);
      const staleBefore = Date.now() - section.staleHours * 3_600_000;
      const rows = await withDatabase(section, (database) =>
        new SqlChannelStore(database).list({
          ...(opts.revoked ? { revoked: true } : {}),
          ...(opts.stale ? { staleBefore } : {}),
          ...(opts.search === undefined ? {} : { search: opts.search }),
          limit: opts.limit,
        }),
      );
      print(opts.json ? [JSON.stringify(rows, null, 2)] : formatChannels(rows, staleBefore));
    });
}

/** Asks a running embedded cluster to revoke (and so part) at once; without one, cleanup does it later. */
async function partInRunningCluster(control: string, channels: string[]): Promise<string> {
  try {
    await callControl(control, 'revoke', { channels }, 10_000);
    return 'the running cluster parted them';
  } catch (err) {
    if (err instanceof ControlError) throw err;
    return 'no cluster answered on the control socket: a running cluster parts them at its next cleanup';
  }
}
