import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { isTmiClusterError } from '../src/errors/index.js';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import { manualClockFactory, streamLogContract } from '../src/testing/index.js';

streamLogContract(
  'memory',
  manualClockFactory((clock) => new MemoryStreamLog({ clock })),
  { exactTime: true },
);

describe('MemoryStreamLog', () => {
  it('keeps ids growing when the clock stands still or steps back', async () => {
    const clock = new ManualClock(5_000);
    const log = new MemoryStreamLog({ clock });
    const a = await log.append('s', { n: '1' });
    const b = await log.append('s', { n: '2' });
    clock.set(4_000);
    const c = await log.append('s', { n: '3' });
    clock.set(6_000);
    const d = await log.append('s', { n: '4' });
    expect([a, b, c, d]).toEqual(['5000-0', '5000-1', '5000-2', '6000-0']);
  });

  it('reads bare <ms> ids as the first (start) or last (end) id of that millisecond', async () => {
    const clock = new ManualClock(1_000);
    const log = new MemoryStreamLog({ clock });
    await log.append('s', { n: 'a' });
    await log.append('s', { n: 'b' });
    clock.advance(9_000);
    await log.append('s', { n: 'c' });
    expect((await log.range('s', '1000', '1000')).map((e) => e.id)).toEqual(['1000-0', '1000-1']);
    // Numeric, not string, order: 10000 sorts after 1000 and 9999.
    expect((await log.range('s', '9999', '+')).map((e) => e.id)).toEqual(['10000-0']);
  });

  it('rejects malformed ids and empty entries with TMI_ERR_INVALID_ARGUMENT', async () => {
    const log = new MemoryStreamLog({ clock: new ManualClock() });
    const errors = await Promise.all(
      [log.range('s', 'abc', '+'), log.ack('s', 'g', ['1-x']), log.append('s', {})].map((p) =>
        p.then(
          () => undefined,
          (e: unknown) => e,
        ),
      ),
    );
    expect(errors.every((e) => isTmiClusterError(e, 'TMI_ERR_INVALID_ARGUMENT'))).toBe(true);
  });

  it('copies fields in and out, so neither writer nor readers change what others see', async () => {
    const log = new MemoryStreamLog({ clock: new ManualClock() });
    await log.ensureGroup('s', 'g', 'start');
    const fields = { n: '1' };
    await log.append('s', fields);
    fields.n = 'changed by the writer';
    const [read] = await log.readGroup('s', 'g', 'c', { count: 1, blockMs: 0 });
    read!.fields['n'] = 'changed by a reader';
    const [ranged] = await log.range('s', '-', '+');
    expect(ranged?.fields).toEqual({ n: '1' });
  });

  it('drops pending entries that were trimmed instead of claiming them', async () => {
    const clock = new ManualClock();
    const log = new MemoryStreamLog({ clock });
    await log.ensureGroup('s', 'g', 'start');
    for (let i = 0; i < 3; i++) await log.append('s', { n: String(i) });
    await log.readGroup('s', 'g', 'dead', { count: 3, blockMs: 0 });
    await log.trim('s', 1);
    clock.advance(100);
    const claimed = await log.claimIdle('s', 'g', 'alive', { minIdleMs: 100, count: 10 });
    expect(claimed.map((e) => e.fields['n'])).toEqual(['2']);
    expect((await log.pending('s', 'g')).map((p) => p.consumer)).toEqual(['alive']);
  });

  it('ends blocked reads with [] on close and refuses calls afterwards', async () => {
    const log = new MemoryStreamLog({ clock: new ManualClock() });
    await log.ensureGroup('s', 'g', 'end');
    const read = log.readGroup('s', 'g', 'c', { count: 1, blockMs: 60_000 });
    log.close();
    expect(await read).toEqual([]);
    await expect(log.length('s')).rejects.toSatisfy((e: unknown) => isTmiClusterError(e, 'TMI_ERR_CLOSED'));
  });

  it('appends, reads and acks 200k entries with a capped length in linear time', async () => {
    const log = new MemoryStreamLog({ clock: new ManualClock() });
    await log.ensureGroup('s', 'g', 'start');
    const started = performance.now();
    let delivered = 0;
    for (let batch = 0; batch < 2_000; batch++) {
      for (let i = 0; i < 100; i++) await log.append('s', { n: String(i) }, { maxLen: 10_000 });
      const entries = await log.readGroup('s', 'g', 'c', { count: 100, blockMs: 0 });
      delivered += await log.ack(
        's',
        'g',
        entries.map((e) => e.id),
      );
    }
    expect(delivered).toBe(200_000);
    expect(await log.length('s')).toBe(10_000);
    expect(await log.pending('s', 'g')).toEqual([]);
    // Generous bound: quadratic trimming or acking would take minutes, not seconds.
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
