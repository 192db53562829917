import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../errors/index.js';
import type { AssignmentStore, Fence, PlacementWrite } from '../ports/assignment-store.js';
import { type PortFactory, useHarness } from './harness.js';

const F: Fence = { lease: 'coordinator', token: 1 };
const T0 = 1_700_000_000_000;
const want = (...channels: string[]) => channels.map((channel) => ({ channel, since: T0, redundancy: 1 }));
const pending = (channel: string, workerId: string): PlacementWrite => ({
  channel,
  workerId,
  state: 'pending',
  since: T0,
});
const leaseLost = (e: unknown) => isTmiClusterError(e, 'TMI_ERR_LEASE_LOST');

/** The AssignmentStore contract (see the port's TSDoc). Every adapter runs it. */
export function assignmentStoreContract(name: string, factory: PortFactory<AssignmentStore>): void {
  describe(`AssignmentStore contract: ${name}`, () => {
    const h = useHarness(factory);
    const store = () => h().port;

    it('wants channels once and reports only the new ones', async () => {
      expect(await store().want(F, want('a', 'b'))).toEqual(['a', 'b']);
      expect(
        await store().want(F, [...want('b', 'c'), { channel: 'a', since: T0 + 5, redundancy: 3 }]),
      ).toEqual(['c']);
      const got = await store().get(['c', 'zz', 'a']);
      expect(got.map((g) => g.channel)).toEqual(['c', 'a']);
      expect(got[1]).toEqual({ channel: 'a', wanted: { since: T0, redundancy: 1 }, placements: [] });
    });

    it('places, replaces and removes placements per (channel, worker)', async () => {
      await store().want(F, want('a', 'b'));
      expect(await store().place(F, [pending('a', 'w1'), pending('a', 'w2'), pending('b', 'w1')])).toBe(3);
      expect(
        await store().place(F, [
          { channel: 'a', workerId: 'w1', state: 'failed', since: T0 + 1, reason: 'msg_banned' },
        ]),
      ).toBe(1);
      const [a] = await store().get(['a']);
      expect(a?.placements).toHaveLength(2);
      expect(a?.placements.find((p) => p.workerId === 'w1')).toEqual({
        workerId: 'w1',
        state: 'failed',
        since: T0 + 1,
        reason: 'msg_banned',
      });
      expect(
        await store().unplace(F, [
          { channel: 'a', workerId: 'w2' },
          { channel: 'a', workerId: 'w9' },
        ]),
      ).toBe(1);
      expect((await store().get(['a']))[0]?.placements.map((p) => p.workerId)).toEqual(['w1']);
    });

    it('skips placements of channels that are not wanted', async () => {
      await store().want(F, want('a'));
      expect(await store().place(F, [pending('a', 'w1'), pending('nope', 'w1')])).toBe(1);
      expect(await store().channelsOf('w1')).toEqual(['a']);
    });

    it('unwant removes the channel with all its placements and returns them', async () => {
      await store().want(F, want('a', 'b'));
      await store().place(F, [pending('a', 'w1'), pending('a', 'w2')]);
      const removed = await store().unwant(F, ['a', 'missing']);
      expect(removed).toHaveLength(1);
      expect(removed[0]?.placements.map((p) => p.workerId).sort()).toEqual(['w1', 'w2']);
      expect(await store().get(['a'])).toEqual([]);
      expect(await store().channelsOf('w1')).toEqual([]);
      expect((await store().counts()).placements.pending).toBe(0);
    });

    it('indexes placements per worker and removes a dead worker in one call', async () => {
      await store().want(F, want('a', 'b', 'c'));
      await store().place(F, [
        pending('a', 'w1'),
        pending('b', 'w1'),
        pending('c', 'w2'),
        pending('a', 'w2'),
      ]);
      expect((await store().channelsOf('w1')).sort()).toEqual(['a', 'b']);
      expect((await store().removeWorker(F, 'w1')).sort()).toEqual(['a', 'b']);
      expect(await store().channelsOf('w1')).toEqual([]);
      expect((await store().get(['a']))[0]?.placements.map((p) => p.workerId)).toEqual(['w2']);
      expect(await store().removeWorker(F, 'w1')).toEqual([]);
    });

    it('counts wanted channels, placements by state, failures by reason and live load per worker', async () => {
      await store().want(F, want('a', 'b', 'c'));
      await store().place(F, [
        pending('a', 'w1'),
        { channel: 'b', workerId: 'w1', state: 'confirmed', since: T0 },
        { channel: 'c', workerId: 'w2', state: 'failed', since: T0, reason: 'msg_channel_suspended' },
      ]);
      expect(await store().counts()).toEqual({
        wanted: 3,
        placements: { pending: 1, confirmed: 1, failed: 1 },
        failedByReason: { msg_channel_suspended: 1 },
        perWorker: { w1: 2 },
      });
    });

    it('refuses every write with a token below the highest used, changing nothing', async () => {
      await store().want(F, want('a'));
      await store().claimFence({ lease: 'coordinator', token: 2 });
      const old = F;
      await expect(store().want(old, want('b'))).rejects.toSatisfy(leaseLost);
      await expect(store().place(old, [pending('a', 'w1')])).rejects.toSatisfy(leaseLost);
      await expect(store().unplace(old, [{ channel: 'a', workerId: 'w1' }])).rejects.toSatisfy(leaseLost);
      await expect(store().unwant(old, ['a'])).rejects.toSatisfy(leaseLost);
      await expect(store().removeWorker(old, 'w1')).rejects.toSatisfy(leaseLost);
      await expect(store().claimFence(old)).rejects.toSatisfy(leaseLost);
      expect((await store().get(['a', 'b'])).map((g) => [g.channel, g.placements.length])).toEqual([
        ['a', 0],
      ]);
      // The current and a newer token write; the newer one then fences the current one out.
      expect(await store().want({ lease: 'coordinator', token: 2 }, want('b'))).toEqual(['b']);
      expect(await store().want({ lease: 'coordinator', token: 3 }, want('c'))).toEqual(['c']);
      await expect(store().want({ lease: 'coordinator', token: 2 }, want('d'))).rejects.toSatisfy(leaseLost);
      // Another lease name has its own fence.
      expect(await store().want({ lease: 'other', token: 1 }, want('d'))).toEqual(['d']);
    });

    it('lists every wanted channel exactly once page by page, also with removals during the scan', async () => {
      const all = Array.from({ length: 250 }, (_, i) => `ch${i}`);
      await store().want(F, want(...all));
      await store().place(F, [pending('ch7', 'w1')]);
      const seen = new Map<string, number>();
      let cursor: string | null = null;
      let pages = 0;
      do {
        const page = await store().list(cursor, 40);
        for (const item of page.items) seen.set(item.channel, (seen.get(item.channel) ?? 0) + 1);
        if (pages === 1) await store().unwant(F, ['ch0', 'ch249']);
        cursor = page.cursor;
        pages++;
      } while (cursor !== null && pages < 100);
      expect(cursor).toBeNull();
      for (const channel of all.slice(1, 249)) expect(seen.get(channel)).toBeGreaterThanOrEqual(1);
      expect(seen.has('ch249')).toBe(false);
      const again = await store().get(['ch7']);
      expect(again[0]?.placements).toEqual([{ workerId: 'w1', state: 'pending', since: T0 }]);
    });

    it('lists an empty store as one empty page', async () => {
      expect(await store().list(null, 10)).toEqual({ items: [], cursor: null });
    });

    it('handles 50,000 channels in a few bulk calls', async () => {
      const channels = Array.from({ length: 50_000 }, (_, i) => `c${i}`);
      expect(await store().want(F, want(...channels))).toHaveLength(50_000);
      expect(
        await store().place(
          F,
          channels.map((c, i) => pending(c, `w${i % 100}`)),
        ),
      ).toBe(50_000);
      const counts = await store().counts();
      expect(counts.wanted).toBe(50_000);
      expect(counts.perWorker['w3']).toBe(500);
    });

    it('hands out copies: mutating a result does not change the store', async () => {
      await store().want(F, want('a'));
      await store().place(F, [pending('a', 'w1')]);
      const [a] = await store().get(['a']);
      a!.placements[0]!.state = 'confirmed';
      a!.wanted.redundancy = 9;
      expect((await store().get(['a']))[0]).toMatchObject({
        wanted: { redundancy: 1 },
        placements: [{ state: 'pending' }],
      });
    });
  });
}
