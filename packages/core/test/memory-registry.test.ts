import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { MemoryRegistry } from '../src/memory/memory-registry.js';
import type { MemberRecord } from '../src/ports/registry.js';
import { manualClockFactory, registryContract } from '../src/testing/index.js';

registryContract(
  'memory',
  manualClockFactory((clock) => new MemoryRegistry({ clock })),
  { exactTime: true },
);

describe('MemoryRegistry', () => {
  const record: MemberRecord = {
    kind: 'worker',
    id: 'w1',
    host: 'h',
    state: 'running',
    startedAt: 1,
    data: { n: 1 },
  };

  it('stores a copy: callers mutating records change nothing inside', async () => {
    const registry = new MemoryRegistry({ clock: new ManualClock() });
    const input = structuredClone(record);
    await registry.heartbeat(input, 1_000);
    input.data['n'] = 2;
    const got = await registry.get('worker', 'w1');
    got!.state = 'mutated';
    expect(await registry.get('worker', 'w1')).toMatchObject({ state: 'running', data: { n: 1 } });
  });

  it('keeps only what survives JSON, like the Redis adapter', async () => {
    const registry = new MemoryRegistry({ clock: new ManualClock() });
    await registry.heartbeat({ ...record, data: { at: new Date(0), gone: undefined } }, 1_000);
    expect((await registry.get('worker', 'w1'))?.data).toEqual({ at: '1970-01-01T00:00:00.000Z' });
  });
});
