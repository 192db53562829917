import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { MemoryRateLimiter } from '../src/memory/memory-rate-limiter.js';
import { manualClockFactory, rateLimiterContract } from '../src/testing/index.js';

rateLimiterContract(
  'memory',
  manualClockFactory((clock) => new MemoryRateLimiter({ clock })),
  { exactTime: true },
);

describe('MemoryRateLimiter', () => {
  const limit = { count: 20, windowMs: 10_000 };

  it('never allows more than count in any window over a long random run', async () => {
    const clock = new ManualClock(0);
    const limiter = new MemoryRateLimiter({ clock });
    const taken: number[] = [];
    let seed = 42;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 5_000; i++) {
      clock.advance(Math.floor(random() * 400));
      const cost = 1 + Math.floor(random() * 3);
      if ((await limiter.take('k', limit, cost)).ok) for (let c = 0; c < cost; c++) taken.push(clock.now());
    }
    // Every window (t - windowMs, t] ending at a taken action holds at most count actions.
    let start = 0;
    for (let end = 0; end < taken.length; end++) {
      while (taken[start]! <= taken[end]! - limit.windowMs) start++;
      expect(end - start + 1).toBeLessThanOrEqual(limit.count);
    }
    // And the limiter is not overly strict: it used most of its budget.
    expect(taken.length).toBeGreaterThan((clock.now() / limit.windowMs) * limit.count * 0.9);
  });

  it('forgets keys idle for a whole window', async () => {
    const clock = new ManualClock();
    const limiter = new MemoryRateLimiter({ clock });
    for (let i = 0; i < 1_000; i++) await limiter.take(`old:${i}`, limit);
    expect(limiter.size).toBe(1_000);
    clock.advance(limit.windowMs);
    for (let i = 0; i < 1_000; i++) await limiter.take(`new:${i % 10}`, limit);
    expect(limiter.size).toBe(10);
  });
});
