import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../src/errors/index.js';
import { MemoryAssignmentStore } from '../src/memory/memory-assignment-store.js';
import { assignmentStoreContract } from '../src/testing/assignment-store-contract.js';

assignmentStoreContract('memory', async () => ({
  port: new MemoryAssignmentStore(),
  advance: async () => {},
  now: () => Date.now(),
  cleanup: async () => {},
}));

describe('MemoryAssignmentStore', () => {
  const F = { lease: 'coordinator', token: 1 };

  it('rejects bad arguments before writing anything', async () => {
    const store = new MemoryAssignmentStore();
    const invalid = (e: unknown) => isTmiClusterError(e, 'TMI_ERR_INVALID_ARGUMENT');
    await expect(store.want(F, [{ channel: 'a', since: 0, redundancy: 0 }])).rejects.toSatisfy(invalid);
    await expect(store.want({ lease: 'coordinator', token: 0 }, [])).rejects.toSatisfy(invalid);
    await expect(store.list('not-a-cursor', 10)).rejects.toSatisfy(invalid);
    await expect(store.list(null, 0)).rejects.toSatisfy(invalid);
    expect((await store.counts()).wanted).toBe(0);
  });

  it('keeps scanning exactly after heavy churn compacts the scan order', async () => {
    const store = new MemoryAssignmentStore();
    const batch = (n: number, p: string) =>
      Array.from({ length: n }, (_, i) => ({ channel: `${p}${i}`, since: 0, redundancy: 1 }));
    await store.want(F, batch(5_000, 'x'));
    await store.want(F, batch(100, 'keep'));
    const first = await store.list(null, 50);
    await store.unwant(
      F,
      batch(5_000, 'x').map((w) => w.channel),
    );
    const seen = new Set(first.items.map((i) => i.channel));
    let cursor = first.cursor;
    while (cursor !== null) {
      const page = await store.list(cursor, 50);
      for (const item of page.items) {
        expect(seen.has(item.channel)).toBe(false);
        seen.add(item.channel);
      }
      cursor = page.cursor;
    }
    for (let i = 0; i < 100; i++) expect(seen.has(`keep${i}`)).toBe(true);
  });
});
