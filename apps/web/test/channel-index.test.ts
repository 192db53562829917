import { DummyChannelManager, MemoryAssignmentStore } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
import { ChannelIndex, type IndexedChannel } from '../src/backend/channel-index.js';
import { ChannelSync } from '../src/backend/channel-sync.js';

const fence = { lease: 'coordinator', token: 1 };

function entry(
  login: string,
  state: IndexedChannel['state'] = 'confirmed',
  extra: Partial<IndexedChannel> = {},
) {
  return {
    login,
    state,
    workerId: 'w1',
    confirmedSince: state === 'confirmed' ? 1 : null,
    failure: state === 'failed' ? 'msg_banned' : null,
    authorized: true,
    stale: false,
    stateSince: 1,
    ...extra,
  } satisfies IndexedChannel;
}

describe('ChannelIndex', () => {
  it('keeps logins sorted through inserts, updates and removals, and counts states without a scan', () => {
    const index = new ChannelIndex();
    index.apply([entry('m'), entry('c'), entry('x', 'pending')]);
    index.apply([entry('a', 'failed'), entry('m', 'pending')], ['x']);
    expect(index.logins()).toEqual(['a', 'c', 'm']);
    expect(index.stateCounts()).toEqual({ confirmed: 1, pending: 1, failed: 1, parted: 0 });
    // Removing and re-adding in one step keeps one copy.
    index.apply([entry('c')], ['c', 'nope']);
    expect(index.logins()).toEqual(['a', 'c', 'm']);
    expect(index.size).toBe(3);
  });

  it('pages by cursor with search and filters, totals included', () => {
    const index = new ChannelIndex();
    index.apply([
      entry('alpha'),
      entry('alpine', 'failed'),
      entry('beta', 'pending'),
      entry('gamma', 'confirmed', { authorized: false, stale: true }),
      entry('alps'),
    ]);
    const p1 = index.query({ search: 'AL', filter: 'all', after: null, limit: 2 });
    expect(p1).toEqual({
      items: [expect.objectContaining({ login: 'alpha' }), expect.objectContaining({ login: 'alpine' })],
      total: 3,
      nextCursor: 'alpine',
    });
    const p2 = index.query({ search: 'al', filter: 'all', after: 'alpine', limit: 2 });
    expect(p2.items.map((i) => i.login)).toEqual(['alps']);
    expect(p2.nextCursor).toBeNull();
    expect(index.query({ search: '', filter: 'failed', after: null, limit: 10 }).items[0]).toMatchObject({
      login: 'alpine',
      failure: 'msg_banned',
    });
    expect(index.query({ search: '', filter: 'revoked', after: null, limit: 10 }).total).toBe(1);
    expect(
      index.query({ search: '', filter: 'stale', after: null, limit: 10 }).items.map((i) => i.login),
    ).toEqual(['gamma']);
    expect(index.query({ search: '', filter: 'authorized', after: null, limit: 10 }).total).toBe(4);
    expect(index.query({ search: '#Beta', filter: 'pending', after: null, limit: 10 }).total).toBe(1);
    // A cursor for a login that was removed meanwhile still continues after it.
    expect(index.query({ search: '', filter: 'all', after: 'alpz', limit: 1 }).items[0]!.login).toBe('beta');
  });

  it('stays fast at 250,000 channels: sync from the store, incremental updates, searched pages', async () => {
    const store = new MemoryAssignmentStore();
    await store.claimFence(fence);
    const n = 250_000;
    const logins = Array.from({ length: n }, (_, i) => `ch${((i * 7_919) % n).toString(36)}_${i % 10}`);
    await store.want(
      fence,
      logins.map((channel) => ({ channel, since: 1, redundancy: 1 })),
    );
    await store.place(
      fence,
      logins.map((channel, i) => ({
        channel,
        workerId: `w${i % 50}`,
        state: i % 100 === 0 ? 'failed' : 'confirmed',
        since: 2,
        ...(i % 100 === 0 ? { reason: 'msg_banned' } : {}),
      })),
    );
    const index = new ChannelIndex();
    const sync = new ChannelSync({
      store,
      channels: new DummyChannelManager(),
      managerKind: 'dummy',
      index,
      now: Date.now,
      maxStaleMs: 60_000,
    });

    let t = performance.now();
    await sync.refresh();
    const firstScanMs = performance.now() - t;
    expect(index.size).toBe(n);
    expect(index.stateCounts().failed).toBe(2_500);

    // 1,000 new channels and 1,000 parted: applied as a diff, not a rebuild.
    const added = Array.from({ length: 1_000 }, (_, i) => `new${i}`);
    await store.want(
      fence,
      added.map((channel) => ({ channel, since: 3, redundancy: 1 })),
    );
    await store.unwant(fence, logins.slice(0, 1_000));
    sync.invalidate();
    t = performance.now();
    await sync.refresh();
    const rescanMs = performance.now() - t;
    expect(index.size).toBe(n);
    expect(index.get('new5')).toMatchObject({ state: 'pending', workerId: null });
    expect(index.get(logins[0]!)).toBeUndefined();

    const timings: Record<string, number> = {};
    const time = (name: string, run: () => void) => {
      const runs = 20;
      const t0 = performance.now();
      for (let i = 0; i < runs; i++) run();
      timings[name] = (performance.now() - t0) / runs;
    };
    time('first page', () => index.query({ search: '', filter: 'all', after: null, limit: 50 }));
    time('deep page', () => index.query({ search: '', filter: 'all', after: 'ch5', limit: 500 }));
    time('search', () => index.query({ search: 'ch1z', filter: 'all', after: null, limit: 50 }));
    time('filter failed', () => index.query({ search: '', filter: 'failed', after: null, limit: 50 }));
    time('search + filter', () =>
      index.query({ search: '_3', filter: 'confirmed', after: 'ch2', limit: 50 }),
    );
    console.log(
      `250k channels: first scan ${firstScanMs.toFixed(0)} ms, diff rescan ${rescanMs.toFixed(0)} ms, queries (ms) ${JSON.stringify(
        Object.fromEntries(Object.entries(timings).map(([k, v]) => [k, Number(v.toFixed(2))])),
      )}`,
    );
    expect(timings['first page']!).toBeLessThan(5);
    expect(timings['deep page']!).toBeLessThan(5);
    // One linear pass over 250,000 entries (about 5-15 ms on an idle core); generous for shared CI.
    for (const key of ['search', 'filter failed', 'search + filter']) expect(timings[key]!).toBeLessThan(150);
    const search = index.query({ search: 'ch1z', filter: 'all', after: null, limit: 50 });
    expect(search.items.every((i) => i.login.includes('ch1z'))).toBe(true);
    expect(search.total).toBe(index.logins().filter((l) => l.includes('ch1z')).length);
  }, 60_000);
});
