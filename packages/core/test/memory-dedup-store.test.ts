import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { MemoryDedupStore } from '../src/memory/memory-dedup-store.js';
import { dedupStoreContract, manualClockFactory } from '../src/testing/index.js';

dedupStoreContract(
  'memory',
  manualClockFactory((clock) => new MemoryDedupStore({ clock })),
  { exactTime: true },
);

describe('MemoryDedupStore', () => {
  it('drops expired keys as new claims come in, without a timer', async () => {
    const clock = new ManualClock();
    const store = new MemoryDedupStore({ clock });
    for (let i = 0; i < 1_000; i++) await store.claim(`old:${i}`, 100);
    expect(store.size).toBe(1_000);
    clock.advance(100);
    for (let i = 0; i < 1_000; i++) await store.claim(`new:${i}`, 100);
    expect(store.size).toBe(1_000);
  });

  it('stays bounded under a steady stream of unique keys', async () => {
    const clock = new ManualClock();
    const store = new MemoryDedupStore({ clock });
    let peak = 0;
    // 100 keys per ms with a 50 ms TTL: about 5,000 live keys at any time.
    for (let ms = 0; ms < 1_000; ms++) {
      for (let i = 0; i < 100; i++) await store.claim(`${ms}:${i}`, 50);
      peak = Math.max(peak, store.size);
      clock.advance(1);
    }
    expect(peak).toBeLessThan(5_000 * 2.5);
  });

  it('sweeps every expired key on demand', async () => {
    const clock = new ManualClock();
    const store = new MemoryDedupStore({ clock });
    await store.claim('short', 10);
    await store.claim('long', 1_000);
    clock.advance(10);
    expect(store.sweep()).toBe(1);
    expect(store.size).toBe(1);
  });
});
