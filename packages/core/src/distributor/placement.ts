import { MinHeap } from './min-heap.js';

/** A worker that may take channels now (live, `ready`). */
export interface PlacementWorker {
  id: string;
  host: string;
  identity: string;
  /** Hard cap: the worker never holds more. */
  capacity: number;
  /** Live placements it holds now. */
  load: number;
}

/** A channel that needs `need` more workers; `holders` already hold it (live placements). */
export interface PlacementRequest {
  channel: string;
  need: number;
  holders: readonly { workerId: string; host: string }[];
}

export interface PlacementLimits {
  /** JOINs each identity may send now (cluster-wide sliding window). */
  joinBudget: ReadonlyMap<string, number>;
  /** Channels each identity may still sit in (Twitch's concurrent limit); absent = unlimited. */
  channelRoom: ReadonlyMap<string, number>;
}

export interface PlacementPlan {
  /** Channels per worker, in placement order. */
  byWorker: Map<string, string[]>;
  /** Workers chosen per channel. */
  byChannel: Map<string, string[]>;
  /** Channels that got fewer workers than they need. */
  short: string[];
}

interface Slot extends PlacementWorker {
  order: number;
}

/**
 * Least-loaded placement: each slot goes to the live worker with the fewest channels (ties: the
 * worker listed first), never above its capacity, never twice to one worker for one channel, on a
 * host that does not hold the channel yet when there is one, and only while the worker's identity
 * has JOIN budget and channel room left. Pure: the caller commits the plan.
 */
export function planPlacements(
  requests: readonly PlacementRequest[],
  workers: readonly PlacementWorker[],
  limits: PlacementLimits,
): PlacementPlan {
  const plan: PlacementPlan = { byWorker: new Map(), byChannel: new Map(), short: [] };
  const budget = new Map(limits.joinBudget);
  const room = new Map(limits.channelRoom);
  const usable = (w: Slot) =>
    w.load < w.capacity && (budget.get(w.identity) ?? 0) > 0 && (room.get(w.identity) ?? 1) > 0;
  const heap = new MinHeap<Slot>(
    (a, b) => a.load < b.load || (a.load === b.load && a.order < b.order),
    workers.map((w, order) => ({ ...w, order })).filter(usable),
  );
  const hostCount = new Set(workers.map((w) => w.host)).size;

  for (const request of requests) {
    const taken = new Set(request.holders.map((h) => h.workerId));
    const hosts = new Set(request.holders.map((h) => h.host));
    const chosen: string[] = [];
    for (let n = 0; n < request.need && heap.size > 0; n++) {
      const slot = pick(heap, taken, hosts, hosts.size < hostCount, usable);
      if (slot === undefined) break;
      slot.load++;
      budget.set(slot.identity, budget.get(slot.identity)! - 1);
      if (room.has(slot.identity)) room.set(slot.identity, room.get(slot.identity)! - 1);
      if (usable(slot)) heap.push(slot);
      taken.add(slot.id);
      hosts.add(slot.host);
      chosen.push(slot.id);
      let list = plan.byWorker.get(slot.id);
      if (list === undefined) {
        list = [];
        plan.byWorker.set(slot.id, list);
      }
      list.push(request.channel);
    }
    if (chosen.length > 0) plan.byChannel.set(request.channel, chosen);
    if (chosen.length < request.need) plan.short.push(request.channel);
  }
  return plan;
}

/**
 * Pops the least-loaded usable worker that does not hold the channel, preferring a new host when
 * one may exist. Workers passed over go back; workers no longer usable (full, identity out of
 * budget or room) are dropped for the rest of the plan.
 */
function pick(
  heap: MinHeap<Slot>,
  taken: Set<string>,
  hosts: Set<string>,
  wantNewHost: boolean,
  usable: (w: Slot) => boolean,
): Slot | undefined {
  const skipped: Slot[] = [];
  let fallback: Slot | undefined;
  let found: Slot | undefined;
  for (let slot = heap.pop(); slot !== undefined; slot = heap.pop()) {
    if (!usable(slot)) continue;
    if (taken.has(slot.id)) {
      skipped.push(slot);
      continue;
    }
    if (!wantNewHost || !hosts.has(slot.host)) {
      found = slot;
      break;
    }
    if (fallback === undefined) fallback = slot;
    else skipped.push(slot);
  }
  if (found !== undefined && fallback !== undefined) skipped.push(fallback);
  for (const s of skipped) heap.push(s);
  return found ?? fallback;
}
