import type { Command } from 'commander';
import { z } from 'zod';
import { parseOptions } from '../options.js';
import { runSim } from './sim-run.js';

const port = z.coerce
  .number()
  .int('must be a whole number')
  .min(0, 'must be 0..65535')
  .max(65535, 'must be 0..65535');

/** Options of `tmi-cluster sim`, validated once; documented in docs/cli.md. */
export const simOptionsSchema = z.object({
  host: z.string().min(1),
  port,
  wsPort: port,
  httpPort: port,
  channels: z.coerce.number().int().min(0).max(1_000_000),
  rate: z.coerce.number().min(0, 'must be 0 or more lines per second').max(10_000_000),
  seed: z.coerce.number().int(),
  replay: z.string().min(1).optional(),
  limits: z.enum(['on', 'off']),
  pingInterval: z.coerce.number().positive('must be more than 0 seconds'),
  account: z
    .array(z.string().regex(/^[a-z0-9_]{1,25}:[A-Za-z0-9]{1,64}$/, 'must be login:token (lowercase login)'))
    .default([]),
  stats: z.coerce.number().min(0),
  duration: z.coerce.number().positive().optional(),
});
export type SimCliOptions = z.infer<typeof simOptionsSchema>;

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerSimCommand(program: Command): void {
  program
    .command('sim')
    .description(
      'Run twitch-sim, a Twitch-compatible chat server, optionally with generated or replayed chat',
    )
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'plain TCP IRC port, like irc.chat.twitch.tv:6667 (0 = any free port)', '6667')
    .option('--ws-port <port>', 'WebSocket IRC port, like irc-ws.chat.twitch.tv (0 = any free port)', '8080')
    .option('--http-port <port>', 'OAuth/Helix fakes and the control API (0 = any free port)', '8081')
    .option('--channels <n>', 'channels in the directory: channel0 … channelN-1', '1000')
    .option('--rate <lines/s>', 'total chat lines per second over all channels (0 = no traffic)', '100')
    .option('--seed <n>', 'seed of the traffic generator (same seed, same chat)', '1')
    .option(
      '--replay <file>',
      'replay real Twitch lines from a file (.txt or .gz) instead of generating chat',
    )
    .option('--limits <on|off>', "enforce Twitch's rate limits per account", 'on')
    .option('--ping-interval <s>', 'seconds between server PINGs', '300')
    .option(
      '--account <login:token>',
      'a bot account that can log in with PASS oauth:<token> (repeatable)',
      collect,
    )
    .option('--stats <s>', 'print counters every N seconds (0 = never)', '5')
    .option('--duration <s>', 'stop after N seconds (default: run until SIGINT/SIGTERM)')
    .action(async (raw: unknown) => {
      await runSim(parseOptions(simOptionsSchema, raw));
    });
}
