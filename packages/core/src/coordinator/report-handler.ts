import { PERMANENT_FAILURES } from '../distributor/assignment-model.js';
import type { WorkerReport } from '../protocol/reports.js';
import { PartBatch, PlacementChanges } from './placement-changes.js';
import type { Term } from './term.js';

/**
 * Applies a batch of worker reports: confirmations, failures (permanent ones are kept and shown,
 * transient ones retried with back-off), parts, gaps and privileges. Store writes happen in bulk
 * at the end; stray joins (a channel on a worker we did not place it on, and not needed there)
 * are parted, so a channel is never held twice by accident.
 */
export async function applyReports(term: Term, reports: readonly WorkerReport[]): Promise<void> {
  const { model, distributor, events } = term;
  const changes = new PlacementChanges(model);
  const parts = new PartBatch();
  const now = term.now;
  let failed = 0;
  for (const report of reports) {
    switch (report.type) {
      case 'joined': {
        const placement = model.placement(report.channel, report.workerId);
        if (placement?.state === 'confirmed') break;
        const adopt =
          placement === undefined &&
          distributor.deficit(report.channel) > 0 &&
          term.view.isLive(report.workerId);
        if (placement !== undefined || adopt) {
          changes.set(report.channel, { workerId: report.workerId, state: 'confirmed', since: now });
          distributor.queue.succeeded(report.channel);
          if (distributor.deficit(report.channel) <= 0) distributor.queue.delete(report.channel);
        } else {
          parts.add(report.workerId, report.channel);
          events.event('stray', `${report.workerId} joined ${report.channel} unasked; parting it`, {
            ...report,
          });
        }
        break;
      }
      case 'join-failed': {
        if (model.placement(report.channel, report.workerId) === undefined) break;
        failed++;
        if (PERMANENT_FAILURES.has(report.reason)) {
          changes.set(report.channel, {
            workerId: report.workerId,
            state: 'failed',
            since: now,
            reason: report.reason,
          });
          distributor.queue.forget(report.channel);
        } else {
          changes.remove(report.channel, report.workerId);
          distributor.retryLater(report.channel);
        }
        break;
      }
      case 'parted': {
        if (model.placement(report.channel, report.workerId) === undefined) break;
        if (report.reason === 'banned') {
          failed++;
          changes.set(report.channel, {
            workerId: report.workerId,
            state: 'failed',
            since: now,
            reason: 'msg_banned',
          });
          distributor.queue.forget(report.channel);
        } else {
          // Lost with the connection (or parted without our asking): place it again, at once.
          changes.remove(report.channel, report.workerId);
          if (distributor.deficit(report.channel) > 0) distributor.queue.add(report.channel);
        }
        break;
      }
      case 'gap':
        term.events.gap({ ...report });
        events.event('gap', `${report.channel} may miss lines on ${report.workerId}`, { ...report });
        break;
      case 'privileged': {
        let set = distributor.privileged.get(report.identity);
        if (set === undefined) {
          set = new Set();
          distributor.privileged.set(report.identity, set);
        }
        if (report.privileged) set.add(report.channel);
        else set.delete(report.channel);
        break;
      }
    }
  }
  await changes.commit(term.deps.store, term.fence);
  await parts.send(term.outbox);
  if (failed > 0) events.event('failed', `${failed} join(s) failed`, { count: failed });
}
