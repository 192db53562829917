import type { Command } from 'commander';
import { z } from 'zod';
import { ExitError } from '../exit-error.js';
import { parseOptions } from '../options.js';
import { runStart } from './start-run.js';

/** Options of `tmi-cluster start`, validated once; documented in docs/cli.md. */
export const startOptionsSchema = z.object({
  sim: z.boolean().default(false),
  rate: z.coerce.number().min(0, 'must be 0 or more lines per second').max(1_000_000),
  simChannels: z.coerce.number().int('must be a whole number').min(0).max(1_000_000),
  config: z.string().min(1).optional(),
  control: z.string().min(1).optional(),
  channels: z.string().optional(),
  stats: z.coerce.number().min(0),
  /** `--no-web`: do not start the dashboard (it is on by default, see `web.enabled`). */
  web: z.boolean().default(true),
});
export type StartOptions = z.infer<typeof startOptionsSchema>;

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description('Run the cluster on this machine (embedded: worker threads, no services needed)')
    .option('--sim', 'also run twitch-sim in this process, with chat traffic, and connect to it')
    .option('--rate <lines/s>', 'with --sim: generated chat lines per second', '200')
    .option('--sim-channels <n>', 'with --sim: channels the sim has (and the cluster joins)', '1000')
    .option('--config <file>', 'config file (default: tmi-cluster.config.{ts,js,mjs,json} here)')
    .option('--control <path>', 'control socket path (default: .tmi-cluster.sock here)')
    .option('--channels <a,b,…>', 'channels to join at start (replaces config `channels`)')
    .option('--stats <s>', 'print a status line every N seconds (0 = never)', '5')
    .option('--no-web', 'do not start the web dashboard (default: on, at web.host:web.port)')
    .action(async (raw: unknown) => {
      const code = await runStart(parseOptions(startOptionsSchema, raw));
      if (code !== 0) throw new ExitError(code);
    });
}
