import type { AutoScaler } from '../scaler/auto-scaler.js';
import { handleCommand } from './command-handler.js';
import { autoReconnect, staleCleanup } from './hooks.js';
import { sweep } from './liveness.js';
import { applyReports } from './report-handler.js';
import { scale } from './scaling.js';
import { grantSeats } from './seats.js';
import type { Term } from './term.js';

/** Report batches per tick: enough to keep up with 50,000 confirmations without starving commands. */
const REPORT_ROUNDS = 20;

/**
 * One pass of the coordinator loop, in this order: take over unacknowledged work (all of it on
 * a new term: the previous coordinator's), commands, reports, the sweep, the join queue, hooks,
 * scaling. Each command is acknowledged after it ran, so one that failed is delivered again.
 */
export async function runTick(term: Term, scaler: AutoScaler | null): Promise<void> {
  const { options } = term;
  const now = term.now;
  if (term.reclaimAll || now >= term.nextReclaimAt) {
    const minIdle = term.reclaimAll ? 0 : options.commandRetryIdleMs;
    term.reclaimAll = false;
    term.nextReclaimAt = now + options.commandRetryIdleMs;
    await commands(term, await term.commands.reclaim(minIdle, options.commandBatch));
    const reports = await term.reports.reclaim(minIdle, options.reportBatch);
    await applyReports(
      term,
      reports.map((r) => r.value),
    );
    await term.reports.ack(reports.map((r) => r.id));
  }
  await commands(term, await term.commands.read(options.commandBatch));
  for (let round = 0; round < REPORT_ROUNDS; round++) {
    const reports = await term.reports.read(options.reportBatch);
    if (reports.length === 0) break;
    await applyReports(
      term,
      reports.map((r) => r.value),
    );
    await term.reports.ack(reports.map((r) => r.id));
  }
  if (now >= term.nextSweepAt) {
    term.nextSweepAt = now + options.sweepMs;
    await sweep(term);
  }
  await term.distributor.drain();
  await grantSeats(term);
  if (now >= term.nextReconnectAt) {
    term.nextReconnectAt = now + options.reconnectIntervalMs;
    await autoReconnect(term);
  }
  if (options.autoCleanup && now >= term.nextStaleAt) {
    term.nextStaleAt = now + term.staleDelay();
    await staleCleanup(term);
  }
  if (scaler !== null && now >= term.nextScaleAt) {
    term.nextScaleAt = now + options.scaleIntervalMs;
    await scale(term, scaler);
  }
}

async function commands(term: Term, entries: Awaited<ReturnType<Term['commands']['read']>>): Promise<void> {
  for (const { id, value } of entries) {
    const reply = await handleCommand(term, value);
    if (value.respondTo !== undefined) await term.outbox.reply(value.respondTo, reply);
    await term.commands.ack([id]);
  }
}
