import { PERMANENT_FAILURES } from '../distributor/assignment-model.js';
import type { ChannelEventRecord } from '../ports/channel-store.js';
import type { GapRecord } from '../protocol/gaps.js';
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
  const log: ChannelEventRecord[] = [];
  const note = (
    r: { channel: string; workerId: string; at: number },
    kind: ChannelEventRecord['kind'],
    reason: string | null,
  ) => log.push({ channel: r.channel, kind, reason, workerId: r.workerId, at: r.at });
  let failed = 0;
  const gaps: GapRecord[] = [];
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
          note(report, 'joined', null);
          const lost = term.lost.get(report.channel);
          if (lost !== undefined) {
            term.lost.delete(report.channel);
            gaps.push({
              channel: report.channel,
              from: lost.from,
              to: report.at,
              workerId: lost.workerId,
              cause: 'worker-lost',
            });
          }
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
        note(report, 'failed', report.reason);
        if (PERMANENT_FAILURES.has(report.reason)) {
          changes.set(report.channel, {
            workerId: report.workerId,
            state: 'failed',
            since: now,
            reason: report.reason,
          });
          distributor.queue.forget(report.channel);
          // It will not be confirmed anywhere: no end to report a gap with.
          term.lost.delete(report.channel);
        } else {
          changes.remove(report.channel, report.workerId);
          distributor.retryLater(report.channel);
        }
        break;
      }
      case 'parted': {
        if (model.placement(report.channel, report.workerId) === undefined) break;
        note(report, 'parted', report.reason);
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
        gaps.push({
          channel: report.channel,
          from: report.from,
          to: report.to,
          workerId: report.workerId,
          connectionId: report.connectionId,
          cause: 'reconnect',
        });
        break;
      case 'privileged': {
        // Only moderator/broadcaster lifts the channel limit; older workers do not say which.
        const exempt = report.exempt ?? report.privileged;
        let set = distributor.privileged.get(report.identity);
        if (set === undefined) {
          set = new Set();
          distributor.privileged.set(report.identity, set);
        }
        if (exempt) set.add(report.channel);
        else set.delete(report.channel);
        term.seats.setExempt(report.identity, report.channel, exempt);
        break;
      }
      case 'seat-wanted':
        if (term.view.isLive(report.workerId))
          term.seats.want(report.identity, report.workerId, report.channel);
        break;
      case 'seat-used':
        term.seats.used(report.identity, report.channels, report.at);
        break;
      case 'seat-released':
        term.seats.released(report.identity, report.workerId, report.channel);
        break;
    }
  }
  await changes.commit(term.deps.store, term.fence);
  await parts.send(term.outbox);
  if (log.length > 0) term.deps.channelEvents?.record(log);
  for (const gap of gaps) await recordGap(term, gap);
  if (failed > 0) events.event('failed', `${failed} join(s) failed`, { count: failed });
}

/** Shows a gap in the status and the event log, and hands it to applications. */
export async function recordGap(term: Term, gap: GapRecord): Promise<void> {
  term.events.gap(gap);
  const why = gap.cause === 'worker-lost' ? 'its worker died' : 'a connection dropped';
  term.events.event('gap', `${gap.channel} may miss ${gap.to - gap.from} ms of chat (${why})`, { ...gap });
  await term.outbox.gap(gap);
}
