import { isTmiClusterError } from '../../errors/index.js';
import { scanLine } from '../../irc/index.js';
import type { WorkerCommand, WorkerSayCommand } from '../../protocol/commands.js';
import type { ConnectionPool } from '../connection-pool.js';
import type { Identity } from '../identity.js';
import type { Execution } from './command-loop.js';
import type { SayExecutor } from './say-executor.js';
import type { SenderSeats } from './sender-seats.js';
import type { RuntimeStats } from './stats.js';
import type { SayResult } from '../../protocol/results.js';

const DONE: Execution = { outcome: 'done' };
const ANONYMOUS = /^justinfan\d+$/;

/** What executing commands needs from the runtime around it. */
export interface WorkerCommandDeps {
  pool: ConnectionPool;
  /** The identity this worker reads its channels as. */
  identity: Identity;
  /** The account it sends as (may be `identity`); null when it cannot send. */
  sender: Identity | null;
  /** The sender's seats when it is a separate account; null otherwise. */
  seats: SenderSeats | null;
  says: SayExecutor;
  stats: RuntimeStats;
  /** Delivers a say's answer to the caller's reply stream. */
  reply(command: WorkerSayCommand, result: SayResult): Promise<void>;
  drain(source: string): void;
  drained(source: string): void;
}

/**
 * Executes one validated worker command. join and part go to the pool, which is idempotent (a
 * channel wanted twice is joined once and reported `joined` again), always with this worker's one
 * identity: the command's `identity` is what the coordinator read from this worker's heartbeat.
 * A raw line is sent as is; it bypasses the say checks and budgets (an operator's escape hatch).
 * Errors in a command (unknown identity, a line with CR/LF) are permanent (`invalid`, dead-
 * lettered); anything else thrown is transient and retried by the loop.
 */
export async function executeCommand(deps: WorkerCommandDeps, command: WorkerCommand): Promise<Execution> {
  const { pool, identity } = deps;
  switch (command.type) {
    case 'join':
      for (const channel of command.channels) pool.join(identity, channel);
      deps.stats.commandsExecuted++;
      return DONE;
    case 'part':
      for (const channel of command.channels) {
        pool.part(channel, identity.login);
        deps.seats?.drop(channel);
      }
      deps.stats.commandsExecuted++;
      return DONE;
    case 'seat':
    case 'unseat': {
      const seats = deps.seats;
      if (seats === null || seats.login !== command.identity)
        return { outcome: 'invalid', reason: `identity "${command.identity}" is not this worker's sender` };
      if (command.type === 'seat') seats.granted(command.channel);
      else seats.revoke(command.channel);
      deps.stats.commandsExecuted++;
      return DONE;
    }
    case 'raw':
      return raw(deps, command.line, command.identity);
    case 'drain':
      deps.drain('coordinator');
      return DONE;
    case 'drained':
      deps.drained('coordinator');
      return DONE;
    case 'say': {
      const result = await deps.says.execute(command);
      await deps.reply(command, result);
      deps.stats.commandsExecuted++;
      return DONE;
    }
  }
}

async function raw(deps: WorkerCommandDeps, line: string, wanted: string | undefined): Promise<Execution> {
  const sender = deps.sender;
  const identity =
    wanted !== undefined && sender !== null && wanted === sender.login ? sender : deps.identity;
  const own = identity.login;
  // An anonymous worker gets a new justinfan login per run; a re-delivered command names the old one.
  const sameAnonymous = wanted !== undefined && ANONYMOUS.test(wanted) && identity.token === null;
  if (wanted !== undefined && wanted !== own && !sameAnonymous)
    return { outcome: 'invalid', reason: `identity "${wanted}" is not this worker's ("${own}")` };
  const info = scanLine(line);
  try {
    // The pool routes by channel: the one the line names, else any connection of the identity.
    await deps.pool.send(identity, info.channel ?? own, line);
  } catch (err) {
    if (
      isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT') ||
      isTmiClusterError(err, 'TMI_ERR_INVALID_CHANNEL')
    )
      return { outcome: 'invalid', reason: err.message };
    throw err;
  }
  if (info.command === 'PRIVMSG') deps.stats.messagesOut++;
  deps.stats.commandsExecuted++;
  return DONE;
}
