import type { JoinResult, PartResult, SayResult } from '@tmi-cluster/core';
import type { Command } from 'commander';
import { callControl } from '../control/client.js';
import { defaultControlPath } from '../control/socket-path.js';
import type { EmbeddedStatus } from '../embedded/cluster.js';
import type { HealthReport } from '../embedded/health.js';
import { EXIT } from '../exit-codes.js';
import { ExitError } from '../exit-error.js';
import { UsageError } from '../usage-error.js';
import { formatHealth, formatJoin, formatPart, formatSay, formatStatus } from './ops-output.js';

const LOGIN = /^[a-z0-9_]{1,25}$/;

/** Normalises `#Foo` → `foo`; every bad name is collected and reported at once (exit 2). */
export function channelNames(inputs: readonly string[]): string[] {
  const names = inputs
    .flatMap((i) => i.split(','))
    .map((i) => i.trim())
    .filter((i) => i.length > 0);
  const bad = names.filter((n) => !LOGIN.test(n.replace(/^#/, '').toLowerCase()));
  if (bad.length > 0) throw new UsageError(`invalid channel name(s): ${bad.join(', ')}`);
  if (names.length === 0) throw new UsageError('name at least one channel');
  return names.map((n) => n.replace(/^#/, '').toLowerCase());
}

interface ControlOpt {
  control?: string;
}

const call = (
  opts: ControlOpt,
  method: Parameters<typeof callControl>[1],
  params: Record<string, unknown> = {},
) => callControl(opts.control ?? defaultControlPath(), method, params);

const print = (lines: readonly string[]) => {
  for (const line of lines) process.stdout.write(`${line}\n`);
};

/**
 * The operator commands that act on a running embedded cluster through its control socket:
 * join, part, say, list/status, health. (Cluster mode will talk to Redis instead.)
 */
export function registerOpsCommands(program: Command): void {
  const controlOption = [
    '--control <path>',
    'control socket of the running cluster (default: .tmi-cluster.sock here)',
  ] as const;

  program
    .command('join')
    .description('Join channels (each goes to the least-loaded worker)')
    .argument('<channels...>', 'channel names (#name or name; commas allowed)')
    .option('--authorize', 'authorize the channels in the channel manager first')
    .option(...controlOption)
    .action(async (channels: string[], opts: ControlOpt & { authorize?: boolean }) => {
      const params = { channels: channelNames(channels), ...(opts.authorize ? { authorize: true } : {}) };
      print(formatJoin((await call(opts, 'join', params)) as JoinResult));
    });

  program
    .command('part')
    .description('Part channels everywhere and forget them')
    .argument('<channels...>', 'channel names')
    .option(...controlOption)
    .action(async (channels: string[], opts: ControlOpt) => {
      print(formatPart((await call(opts, 'part', { channels: channelNames(channels) })) as PartResult));
    });

  program
    .command('say')
    .description('Send a chat message through the worker that holds the channel')
    .argument('<channel>', 'channel name')
    .argument('<text...>', 'the message')
    .option('--reply-to <id>', 'Twitch message id to reply to')
    .option(...controlOption)
    .action(async (channel: string, text: string[], opts: ControlOpt & { replyTo?: string }) => {
      const [name] = channelNames([channel]);
      const params = {
        channel: name,
        text: text.join(' '),
        ...(opts.replyTo ? { replyTo: opts.replyTo } : {}),
      };
      const result = (await call(opts, 'say', params)) as SayResult;
      print([formatSay(result)]);
      if (result.status !== 'sent') throw new ExitError(EXIT.failure);
    });

  for (const name of ['status', 'list']) {
    program
      .command(name)
      .description(name === 'list' ? 'Same as status' : 'Supervisors, workers and channel counts')
      .option('--json', 'print the raw status as JSON')
      .option(...controlOption)
      .action(async (opts: ControlOpt & { json?: boolean }) => {
        const status = (await call(opts, 'status')) as EmbeddedStatus;
        print(opts.json ? [JSON.stringify(status, null, 2)] : formatStatus(status));
      });
  }

  program
    .command('health')
    .description(`Exit ${EXIT.ok} when the cluster is healthy, ${EXIT.unhealthy} (with reasons) when not`)
    .option('--at-least-one', 'also require at least one ready worker')
    .option('--json', 'print the verdict as JSON')
    .option(...controlOption)
    .action(async (opts: ControlOpt & { atLeastOne?: boolean; json?: boolean }) => {
      let report: HealthReport;
      try {
        report = (await call(opts, 'health', { atLeastOne: opts.atLeastOne === true })) as HealthReport;
      } catch (err) {
        // No cluster answering is the most unhealthy answer there is, not a crash of this command.
        throw new ExitError(EXIT.unhealthy, `unhealthy: ${err instanceof Error ? err.message : String(err)}`);
      }
      print(opts.json ? [JSON.stringify(report)] : formatHealth(report));
      if (!report.healthy) throw new ExitError(EXIT.unhealthy);
    });
}
