import { PartBatch, PlacementChanges } from './placement-changes.js';
import { adoptSeats } from './seats.js';
import type { Term } from './term.js';

/**
 * The periodic sweep: refreshes the live workers, re-homes the channels of dead ones, moves
 * draining workers' channels make-before-break, and retries joins nobody answered.
 */
export async function sweep(term: Term): Promise<void> {
  const { registry } = term.deps;
  const records = await registry.list('worker');
  // Removes expired members for everyone; we re-home by comparing placements with the live list,
  // so workers another process swept are caught as well.
  await registry.sweepExpired('worker');
  for (const record of records) term.lastSeen.set(record.id, record.lastSeenAt ?? term.now);
  for (const [id, reason] of term.view.update(records)) {
    if (term.invalidSeen.has(id)) continue;
    term.invalidSeen.add(id);
    term.events.event('invalid-worker', `worker ${id} takes no channels: ${reason}`, {
      workerId: id,
      reason,
    });
  }
  if (!term.seatsAdopted) {
    term.seatsAdopted = true;
    adoptSeats(term, records);
  }
  // A dead worker's sockets closed with it: its seats are free (whether or not it held channels).
  for (const id of term.seats.workers()) if (!term.view.isLive(id)) term.seats.removeWorker(id);
  await rehomeDead(term);
  await drainWorkers(term);
  await retryUnanswered(term);
}

/** Placements on workers the registry no longer lists go back into the queue. */
async function rehomeDead(term: Term): Promise<void> {
  const dead = [...term.model.workers()].filter((id) => !term.view.isLive(id));
  for (const workerId of dead) {
    await term.deps.store.removeWorker(term.fence, workerId);
    markLost(term, workerId);
    const channels = term.model.removeWorker(workerId);
    for (const channel of channels)
      if (term.distributor.deficit(channel) > 0) term.distributor.queue.add(channel);
    term.drainStarted.delete(workerId);
    term.drainedSent.delete(workerId);
    term.lastSeen.delete(workerId);
    term.events.event('rehomed', `worker ${workerId} is gone; ${channels.length} channel(s) re-queued`, {
      workerId,
      channels: channels.length,
    });
  }
}

/**
 * Channels the dead worker had confirmed and no other live worker has: chat there is missed from
 * its last heartbeat until another worker confirms the channel (then reported as a gap).
 */
function markLost(term: Term, workerId: string): void {
  const from = term.lastSeen.get(workerId) ?? term.startedAt;
  for (const channel of term.model.channelsOn(workerId)) {
    if (term.model.placement(channel, workerId)?.state !== 'confirmed') continue;
    const covered = term.model
      .live(channel)
      .some((p) => p.workerId !== workerId && p.state === 'confirmed' && term.view.isLive(p.workerId));
    if (!covered && !term.lost.has(channel)) term.lost.set(channel, { workerId, from });
  }
}

/**
 * Make-before-break: a draining worker's channels are queued for other workers; each is parted
 * on the draining worker once enough others confirmed it, or when the drain times out. A worker
 * left with no channel is told `drained` (once), so it may exit.
 */
async function drainWorkers(term: Term): Promise<void> {
  const { model, view, distributor } = term;
  const now = term.now;
  for (const id of term.drainStarted.keys()) {
    if (!view.isDraining(id)) {
      term.drainStarted.delete(id);
      term.drainedSent.delete(id);
    }
  }
  const changes = new PlacementChanges(model);
  const parts = new PartBatch();
  const drainedNow: string[] = [];
  for (const worker of view.draining()) {
    if (!term.drainStarted.has(worker.id)) {
      term.drainStarted.set(worker.id, now);
      term.events.event('draining', `worker ${worker.id} is draining ${model.loadOf(worker.id)} channel(s)`, {
        workerId: worker.id,
      });
    }
    const timedOut =
      now - term.drainStarted.get(worker.id)! >= term.options.drainTimeoutMs ||
      (term.options.drainedWhenAlone && view.eligible().length === 0);
    for (const channel of [...model.channelsOn(worker.id)]) {
      const placement = model.placement(channel, worker.id)!;
      if (placement.state !== 'failed' && !timedOut && !replaced(term, channel)) {
        if (distributor.deficit(channel) > 0) distributor.queue.add(channel);
        continue;
      }
      changes.remove(channel, worker.id);
      if (placement.state !== 'failed') parts.add(worker.id, channel);
      if (distributor.deficit(channel) > 0) distributor.queue.add(channel);
    }
    if (model.channelsOn(worker.id).size === 0 && !term.drainedSent.has(worker.id))
      drainedNow.push(worker.id);
  }
  await changes.commit(term.deps.store, term.fence);
  await parts.send(term.outbox);
  for (const workerId of drainedNow) {
    await term.outbox.drained(workerId);
    term.drainedSent.add(workerId);
    term.events.event('drained', `worker ${workerId} holds nothing; it may exit`, { workerId });
  }
}

/** Enough confirmed placements on workers that are live and not draining. */
function replaced(term: Term, channel: string): boolean {
  const wanted = term.model.wanted.get(channel);
  if (wanted === undefined) return true;
  const confirmed = term.model
    .live(channel)
    .filter(
      (p) => p.state === 'confirmed' && term.view.isLive(p.workerId) && !term.view.isDraining(p.workerId),
    );
  return confirmed.length >= wanted.redundancy;
}

/** A join neither confirmed nor refused within `pendingTimeoutMs` is withdrawn and retried. */
async function retryUnanswered(term: Term): Promise<void> {
  const stuck = term.model.pendingSince(term.now - term.options.pendingTimeoutMs);
  if (stuck.length === 0) return;
  const changes = new PlacementChanges(term.model);
  const parts = new PartBatch();
  for (const { channel, workerId } of stuck) {
    changes.remove(channel, workerId);
    // Part in case the join did happen and only the report got lost.
    parts.add(workerId, channel);
    term.distributor.retryLater(channel);
  }
  await changes.commit(term.deps.store, term.fence);
  await parts.send(term.outbox);
  term.events.event('retry', `${stuck.length} join(s) unanswered for ${term.options.pendingTimeoutMs} ms`, {
    count: stuck.length,
  });
}
