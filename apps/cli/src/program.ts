import { isTmiClusterError } from '@tmi-cluster/core';
import { Command, CommanderError } from 'commander';
import { registerChannelCommands } from './commands/channels.js';
import { registerConfigCommand } from './commands/config.js';
import { registerOpsCommands } from './commands/ops.js';
import { registerSimCommand } from './commands/sim.js';
import { registerStartCommand } from './commands/start.js';
import { registerWebCommand } from './commands/web.js';
import { ControlError } from './control/client.js';
import { EXIT } from './exit-codes.js';
import { ExitError } from './exit-error.js';
import { UsageError } from './usage-error.js';

/** Builds the `tmi-cluster` command tree; exported so tests can run commands in-process. */
export function buildProgram(): Command {
  const program = new Command('tmi-cluster')
    .description('Run and operate a horizontally scalable Twitch chat cluster')
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program);
  registerOpsCommands(program);
  registerChannelCommands(program);
  registerSimCommand(program);
  registerConfigCommand(program);
  registerWebCommand(program);
  return program;
}

/**
 * Runs the CLI with `argv` (as in process.argv) and resolves to the exit code. Long-running
 * commands resolve when they have shut down.
 */
export async function runCli(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT.ok;
  } catch (err) {
    if (err instanceof ExitError) {
      if (err.message) process.stderr.write(`tmi-cluster: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    if (
      err instanceof UsageError ||
      isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG') ||
      (err instanceof ControlError && /^TMI_ERR_INVALID_/.test(err.code))
    ) {
      process.stderr.write(`tmi-cluster: ${err.message}\n`);
      return EXIT.usage;
    }
    // Known operational errors (no cluster running, timeouts, answers of the cluster): no stack.
    if (isTmiClusterError(err) || err instanceof ControlError) {
      process.stderr.write(`tmi-cluster: ${err.message}\n`);
      return EXIT.failure;
    }
    process.stderr.write(`tmi-cluster: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT.failure;
  }
}
