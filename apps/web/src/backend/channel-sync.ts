import type { AssignmentCounts, AssignmentStore, ChannelAssignment, ChannelManager } from '@tmi-cluster/core';
import type { ChannelIndex, IndexedChannel } from './channel-index.js';
import type { ChannelManagerKind, ChannelState } from './types.js';

const PAGE = 10_000;
/** Channel-manager questions per call: one call per chunk, whatever the cluster's size. */
const MANAGER_CHUNK = 10_000;

export interface ChannelSyncOptions {
  store: AssignmentStore;
  channels: ChannelManager;
  managerKind: ChannelManagerKind;
  index: ChannelIndex;
  now(): number;
  /** A full scan at least this often even when the totals look unchanged. */
  maxStaleMs: number;
}

/**
 * Keeps a {@link ChannelIndex} in step with the assignment store. The store has no change feed,
 * so the cheap `counts()` is read often and the channels are scanned only when the totals moved,
 * a command was sent, or `maxStaleMs` passed; the scan's differences are applied to the index
 * incrementally. Authorization is asked of the channel manager for new channels and on each
 * periodic scan (the Dummy manager authorizes everything and is not asked).
 */
export class ChannelSync {
  readonly #o: ChannelSyncOptions;
  #signature = '';
  #scannedAt = 0;
  /** How long the last scan took. */
  #scanMs = 0;
  #dirty = true;
  #running: Promise<void> | null = null;
  #lastCounts: AssignmentCounts | null = null;

  constructor(options: ChannelSyncOptions) {
    this.#o = options;
  }

  /** The next {@link refresh} scans, whatever the totals say. */
  invalidate(): void {
    this.#dirty = true;
  }

  get counts(): AssignmentCounts | null {
    return this.#lastCounts;
  }

  /** Scans if needed; concurrent callers share one scan. */
  refresh(): Promise<void> {
    this.#running ??= this.#refresh().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  async #refresh(): Promise<void> {
    const counts = await this.#o.store.counts();
    this.#lastCounts = counts;
    const signature = JSON.stringify([
      counts.wanted,
      counts.placements,
      counts.perWorker,
      counts.failedByReason,
    ]);
    const now = this.#o.now();
    const periodic = now - this.#scannedAt >= this.#o.maxStaleMs;
    if (!this.#dirty && !periodic && signature === this.#signature) return;
    // A busy cluster changes its totals every second: scan at most a fifth of the time.
    if (!this.#dirty && now - this.#scannedAt < this.#scanMs * 4) return;
    this.#dirty = false;
    this.#signature = signature;
    this.#scannedAt = now;
    const t0 = this.#o.now();
    await this.#scan(periodic);
    this.#scanMs = this.#o.now() - t0;
  }

  async #scan(askAll: boolean): Promise<void> {
    const { index, store } = this.#o;
    const seen = new Set<string>();
    const upserts: IndexedChannel[] = [];
    const ask: string[] = [];
    let known = 0;
    let cursor: string | null = null;
    do {
      const page = await store.list(cursor, PAGE);
      for (const assignment of page.items) {
        if (seen.has(assignment.channel)) continue; // a scan may repeat a channel (Redis HSCAN)
        seen.add(assignment.channel);
        const old = index.get(assignment.channel);
        if (old !== undefined) known++;
        const next = entryOf(assignment, old);
        if (old === undefined || askAll) ask.push(assignment.channel);
        if (old === undefined || differs(old, next)) upserts.push(next);
      }
      cursor = page.cursor;
      // An in-memory store answers without I/O: let requests in between pages.
      await new Promise<void>((resolve) => setImmediate(resolve));
    } while (cursor !== null);
    const removals: string[] = [];
    if (known < index.size) for (const login of index.logins()) if (!seen.has(login)) removals.push(login);
    index.apply(upserts, removals);
    await this.#authorize(ask);
  }

  async #authorize(logins: string[]): Promise<void> {
    const { index, channels, managerKind } = this.#o;
    if (logins.length === 0) return;
    if (managerKind === 'dummy') {
      const changed = logins.map((l) => index.get(l)).filter((e) => e !== undefined && e.authorized !== true);
      index.apply(changed.map((e) => ({ ...e!, authorized: true, stale: false })));
      return;
    }
    for (let i = 0; i < logins.length; i += MANAGER_CHUNK) {
      const chunk = logins.slice(i, i + MANAGER_CHUNK);
      const [authorized, stale] = await Promise.all([channels.authorized(chunk), channels.stale(chunk)]);
      const updates: IndexedChannel[] = [];
      for (const login of chunk) {
        const entry = index.get(login);
        if (entry === undefined) continue;
        const a = authorized.has(login);
        const s = stale.has(login);
        if (entry.authorized !== a || entry.stale !== s) updates.push({ ...entry, authorized: a, stale: s });
      }
      index.apply(updates);
    }
  }
}

/** A channel's state from its placements: confirmed anywhere wins, then pending, then failed. */
export function stateOf(a: ChannelAssignment): {
  state: ChannelState;
  workerId: string | null;
  since: number;
  failure: string | null;
} {
  const confirmed = a.placements.filter((p) => p.state === 'confirmed');
  if (confirmed.length > 0) {
    const first = confirmed.reduce((x, y) => (y.since < x.since ? y : x));
    return { state: 'confirmed', workerId: first.workerId, since: first.since, failure: null };
  }
  const pending = a.placements.find((p) => p.state === 'pending');
  if (pending !== undefined)
    return { state: 'pending', workerId: pending.workerId, since: pending.since, failure: null };
  const failed = a.placements.find((p) => p.state === 'failed');
  if (failed !== undefined)
    return {
      state: 'failed',
      workerId: failed.workerId,
      since: failed.since,
      failure: failed.reason ?? 'failed',
    };
  // Wanted with no placement: in the coordinator's join queue.
  return { state: 'pending', workerId: null, since: a.wanted.since, failure: null };
}

function entryOf(a: ChannelAssignment, old: IndexedChannel | undefined): IndexedChannel {
  const s = stateOf(a);
  return {
    login: a.channel,
    state: s.state,
    workerId: s.workerId,
    confirmedSince: s.state === 'confirmed' ? s.since : null,
    failure: s.failure,
    authorized: old?.authorized ?? null,
    stale: old?.stale ?? false,
    stateSince: s.since,
  };
}

function differs(a: IndexedChannel, b: IndexedChannel): boolean {
  return (
    a.state !== b.state ||
    a.workerId !== b.workerId ||
    a.confirmedSince !== b.confirmedSince ||
    a.failure !== b.failure ||
    a.stateSince !== b.stateSince
  );
}
