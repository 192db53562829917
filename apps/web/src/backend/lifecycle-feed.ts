import type { LifecycleEvent, MemberRecord } from '@tmi-cluster/core';
import type { EventItem, Unsubscribe } from './types.js';

/** What one sample of the cluster says, for diffing against the previous one. */
export interface MembershipSample {
  workers: readonly MemberRecord[];
  supervisors: readonly MemberRecord[];
  coordinator: { id: string; term: number } | null;
}

/**
 * The events log: what changed in the cluster, as it happens. Built from what every process can
 * see (membership diffs between registry samples, the coordinator lease, the gaps stream) plus,
 * when this process runs the coordinator, its own lifecycle events; so it works on any host of a
 * Redis cluster. Keeps the newest `capacity` items.
 */
export class LifecycleFeed {
  readonly #items: EventItem[] = [];
  readonly #listeners = new Set<(e: EventItem) => void>();
  readonly #capacity: number;
  #seq = 0;
  #previous: MembershipSample | null = null;
  /** Coordinator events already taken: newest `at` and the keys seen at that ms. */
  #coordinatorAt = 0;
  #coordinatorKeys = new Set<string>();

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get listenerCount(): number {
    return this.#listeners.size;
  }

  list(limit: number): EventItem[] {
    return this.#items.slice(Math.max(0, this.#items.length - limit));
  }

  subscribe(listener: (e: EventItem) => void): Unsubscribe {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  add(kind: string, message: string, at: number, details: Record<string, unknown> | null = null): void {
    const item: EventItem = { id: String(++this.#seq), kind, message, at, details };
    this.#items.push(item);
    if (this.#items.length > this.#capacity) this.#items.splice(0, this.#items.length - this.#capacity);
    for (const listener of this.#listeners) {
      try {
        listener(item);
      } catch {
        // One broken SSE stream must not keep the others from hearing about it.
      }
    }
  }

  /** Records what changed since the previous sample (the first sample is the baseline). */
  observe(sample: MembershipSample, at: number): void {
    const before = this.#previous;
    this.#previous = sample;
    if (before === null) return;
    this.#diffWorkers(before, sample, at);
    this.#diffSupervisors(before, sample, at);
    const was = before.coordinator;
    const is = sample.coordinator;
    if (was?.term !== is?.term) {
      if (is === null)
        this.add('coordinator-lost', 'no coordinator holds the lease', at, { previous: was?.id ?? null });
      else if (was === null)
        this.add('coordinator-elected', `coordinator ${is.id} elected (term ${is.term})`, at, { ...is });
      else
        this.add('coordinator-failover', `coordinator ${was.id} → ${is.id} (term ${is.term})`, at, {
          from: was.id,
          to: is.id,
          term: is.term,
        });
    }
  }

  /** Takes the coordinator's own events that are new since the last call. */
  observeCoordinator(events: readonly LifecycleEvent[]): void {
    const fresh: LifecycleEvent[] = [];
    const keysAtNewest = new Set<string>();
    let newest = this.#coordinatorAt;
    for (const e of events) {
      if (e.at < this.#coordinatorAt) continue;
      const key = `${e.type}\u0000${e.message}`;
      if (e.at === this.#coordinatorAt && this.#coordinatorKeys.has(key)) continue;
      fresh.push(e);
      if (e.at > newest) newest = e.at;
    }
    for (const e of events) if (e.at === newest) keysAtNewest.add(`${e.type}\u0000${e.message}`);
    if (newest > this.#coordinatorAt) this.#coordinatorKeys = keysAtNewest;
    else for (const k of keysAtNewest) this.#coordinatorKeys.add(k);
    this.#coordinatorAt = newest;
    for (const e of fresh) this.add(e.type, e.message, e.at, e.data ?? null);
  }

  #diffWorkers(before: MembershipSample, now: MembershipSample, at: number): void {
    const old = new Map(before.workers.map((w) => [w.id, w]));
    const current = new Map(now.workers.map((w) => [w.id, w]));
    for (const w of now.workers) {
      const prev = old.get(w.id);
      if (prev === undefined) this.add('worker-started', `worker ${w.id} started`, at, workerDetails(w));
      else if (prev.startedAt !== w.startedAt)
        this.add('worker-restarted', `worker ${w.id} restarted`, at, workerDetails(w));
      else if (prev.state !== w.state)
        this.add('worker-state', `worker ${w.id}: ${prev.state} → ${w.state}`, at, workerDetails(w));
    }
    const terminating = new Set(now.supervisors.filter((s) => s.state === 'terminating').map((s) => s.id));
    for (const w of before.workers) {
      if (current.has(w.id)) continue;
      const planned =
        w.state === 'draining' || (w.supervisorId !== undefined && terminating.has(w.supervisorId));
      if (planned) this.add('worker-stopped', `worker ${w.id} stopped`, at, workerDetails(w));
      else
        this.add(
          'worker-lost',
          `worker ${w.id} went away without draining (crash or lost heartbeat)`,
          at,
          workerDetails(w),
        );
    }
  }

  #diffSupervisors(before: MembershipSample, now: MembershipSample, at: number): void {
    const old = new Map(before.supervisors.map((s) => [s.id, s]));
    const current = new Set(now.supervisors.map((s) => s.id));
    for (const s of now.supervisors) {
      const prev = old.get(s.id);
      if (prev === undefined) {
        this.add('supervisor-started', `supervisor ${s.id} on ${s.host} started`, at, {
          id: s.id,
          host: s.host,
        });
        continue;
      }
      if (prev.state !== s.state)
        this.add(`supervisor-${s.state}`, `supervisor ${s.id}: ${prev.state} → ${s.state}`, at, { id: s.id });
      const from = prev.data['target'];
      const to = s.data['target'];
      if (typeof to === 'number' && typeof from === 'number' && from !== to)
        this.add('scaled', `supervisor ${s.id} scaled from ${from} to ${to} workers`, at, {
          id: s.id,
          from,
          to,
        });
    }
    for (const s of before.supervisors)
      if (!current.has(s.id))
        this.add('supervisor-gone', `supervisor ${s.id} on ${s.host} went away`, at, { id: s.id });
  }
}

function workerDetails(w: MemberRecord): Record<string, unknown> {
  return { id: w.id, supervisorId: w.supervisorId ?? null, host: w.host, state: w.state };
}
