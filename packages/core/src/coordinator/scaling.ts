import type { AutoScaler, ScalerSupervisor } from '../scaler/auto-scaler.js';
import type { Term } from './term.js';

/** One auto-scaling pass over the registry's supervisors; sends `scale` (and `drain`) commands. */
export async function scale(term: Term, scaler: AutoScaler): Promise<void> {
  // A paused (SIGUSR2) or terminating supervisor takes no work: sizing its pool would only restart
  // what the operator stopped, and counting its capacity would hide the need for workers elsewhere.
  const supervisors = (await term.deps.registry.list('supervisor')).filter(
    (s) => s.state !== 'paused' && s.state !== 'terminating',
  );
  const bySupervisor = new Map<string, ScalerSupervisor['workers'][number][]>();
  for (const w of term.view.all()) {
    if (w.supervisorId === undefined) continue;
    const list = bySupervisor.get(w.supervisorId) ?? [];
    list.push({ id: w.id, assigned: term.model.loadOf(w.id), draining: w.state === 'draining' });
    bySupervisor.set(w.supervisorId, list);
  }
  const input = supervisors.map((s) => ({ id: s.id, workers: bySupervisor.get(s.id) ?? [] }));
  for (const action of scaler.step(term.now, demand(term), input)) {
    for (const workerId of action.drain ?? []) await term.outbox.worker(workerId, { type: 'drain' });
    await term.outbox.supervisor(action.supervisorId, {
      type: 'scale',
      workers: action.workers,
      ...(action.drain === undefined ? {} : { drain: action.drain }),
    });
    term.events.event('scaled', `${action.supervisorId} → ${action.workers} worker(s) (${action.kind})`, {
      ...action,
    });
  }
}

/** Placements held now plus those the join queue still waits to make (channels without room). */
function demand(term: Term): number {
  let waiting = 0;
  for (const [channel] of term.distributor.queue.entries()) waiting += term.distributor.deficit(channel);
  return term.model.liveTotal + waiting;
}
