import type { Command } from 'commander';
import { z } from 'zod';
import { loadConfig } from '../config/load.js';
import { parseOptions } from '../options.js';
import { UsageError } from '../usage-error.js';

/** Options of `tmi-cluster web`; documented in docs/web.md. */
export const webOptionsSchema = z.object({
  config: z.string().min(1).optional(),
  host: z.string().min(1).optional(),
  port: z.coerce.number().int('must be a whole number').min(0).max(65535).optional(),
});

/**
 * `tmi-cluster web`: the dashboard alone, for a cluster whose state lives in Redis (cluster mode),
 * so it can run on a host of its own. An embedded cluster keeps its state inside its process, so
 * there its dashboard runs inside `tmi-cluster start` (on by default).
 */
export function registerWebCommand(program: Command): void {
  program
    .command('web')
    .description('Serve the dashboard and API for a cluster running elsewhere (cluster mode, Redis)')
    .option('--config <file>', 'config file (default: tmi-cluster.config.{ts,js,mjs,json} here)')
    .option('--host <host>', 'interface to listen on (overrides web.host)')
    .option('--port <port>', 'port to listen on (overrides web.port)')
    .action(async (raw: unknown) => {
      const opts = parseOptions(webOptionsSchema, raw);
      const { config } = await loadConfig(opts.config === undefined ? {} : { file: opts.config });
      if (!('redis' in config) || config.redis === undefined)
        throw new UsageError(
          'tmi-cluster web serves a cluster through Redis (config key `redis`); this configuration is ' +
            'embedded, whose state lives inside its process: its dashboard runs with `tmi-cluster start` ' +
            `(listening on ${opts.host ?? config.web.host}:${opts.port ?? config.web.port}).`,
        );
      throw new UsageError('cluster mode is not wired into `tmi-cluster web` yet (see docs/web.md)');
    });
}
