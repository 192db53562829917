import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../errors/index.js';
import type { RateLimiter, WindowLimit } from '../ports/rate-limiter.js';
import { type ContractOptions, type PortFactory, useHarness } from './harness.js';

const K = 'join:bot';
const WINDOW = 200;

/** The RateLimiter contract (see the port's TSDoc). Every adapter runs it. */
export function rateLimiterContract(
  name: string,
  factory: PortFactory<RateLimiter>,
  options: ContractOptions = {},
): void {
  describe(`RateLimiter contract: ${name}`, () => {
    const h = useHarness(factory);
    const limiter = () => h().port;
    const limit = (count: number): WindowLimit => ({ count, windowMs: WINDOW });

    it('allows count actions per window, then refuses with a wait', async () => {
      const decisions = [];
      for (let i = 0; i < 4; i++) decisions.push(await limiter().take(K, limit(3)));
      expect(decisions.map((d) => [d.ok, d.remaining])).toEqual([
        [true, 2],
        [true, 1],
        [true, 0],
        [false, 0],
      ]);
      expect(decisions.slice(0, 3).every((d) => d.retryAfterMs === 0)).toBe(true);
      const refused = decisions[3]!;
      expect(refused.retryAfterMs).toBeGreaterThan(0);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(WINDOW);
      await h().advance(refused.retryAfterMs);
      expect((await limiter().take(K, limit(3))).ok).toBe(true);
    });

    it('takes a cost all or nothing', async () => {
      expect((await limiter().take(K, limit(5), 3)).ok).toBe(true);
      const refused = await limiter().take(K, limit(5), 3);
      expect(refused).toMatchObject({ ok: false, remaining: 2 });
      expect(await limiter().available(K, limit(5))).toBe(2);
      expect(await limiter().take(K, limit(5), 2)).toEqual({ ok: true, remaining: 0, retryAfterMs: 0 });
    });

    it('refuses a cost above count forever, with retryAfterMs Infinity, taking nothing', async () => {
      await limiter().take(K, limit(3));
      const refused = await limiter().take(K, limit(3), 4);
      expect(refused).toEqual({ ok: false, remaining: 2, retryAfterMs: Number.POSITIVE_INFINITY });
      await h().advance(WINDOW + 50);
      expect((await limiter().take(K, limit(3), 4)).retryAfterMs).toBe(Number.POSITIVE_INFINITY);
      expect(await limiter().available(K, limit(3))).toBe(3);
    });

    it('slides: old actions free room one by one, not all at a window edge', async () => {
      await limiter().take(K, limit(2));
      await h().advance(100);
      await limiter().take(K, limit(2));
      const refused = await limiter().take(K, limit(2));
      expect(refused.ok).toBe(false);
      // Only the first action leaves at ~200 ms; the second still counts until ~300 ms.
      await h().advance(refused.retryAfterMs);
      expect((await limiter().take(K, limit(2))).ok).toBe(true);
      expect((await limiter().take(K, limit(2))).ok).toBe(false);
    });

    it('waits for enough old actions to leave to fit the whole cost', async () => {
      await limiter().take(K, limit(3));
      await h().advance(60);
      await limiter().take(K, limit(3), 2);
      const refused = await limiter().take(K, limit(3), 2);
      expect(refused.ok).toBe(false);
      // The first action alone frees 1 unit, not 2: the wait runs until the second batch leaves.
      expect(refused.retryAfterMs).toBeGreaterThan(WINDOW - 60);
      if (options.exactTime) expect(refused.retryAfterMs).toBe(WINDOW);
      await h().advance(refused.retryAfterMs);
      expect((await limiter().take(K, limit(3), 2)).ok).toBe(true);
    });

    it('reports available without taking', async () => {
      expect(await limiter().available(K, limit(3))).toBe(3);
      await limiter().take(K, limit(3), 2);
      expect(await limiter().available(K, limit(3))).toBe(1);
      expect(await limiter().available(K, limit(3))).toBe(1);
      await h().advance(WINDOW + 50);
      expect(await limiter().available(K, limit(3))).toBe(3);
    });

    it('keeps keys apart', async () => {
      await limiter().take('join:a', limit(1));
      expect((await limiter().take('join:a', limit(1))).ok).toBe(false);
      expect((await limiter().take('join:b', limit(1))).ok).toBe(true);
    });

    it('never grants more than count to concurrent takers', async () => {
      const decisions = await Promise.all(Array.from({ length: 25 }, () => limiter().take(K, limit(10))));
      expect(decisions.filter((d) => d.ok)).toHaveLength(10);
    });

    it('rejects a cost that is not a positive integer', async () => {
      for (const cost of [0, -1, 1.5]) {
        const err = await limiter()
          .take(K, limit(3), cost)
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        expect(isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT')).toBe(true);
      }
    });

    it('record counts past the limit; takes wait until the window drains below it (when supported)', async (ctx) => {
      const l = limiter();
      if (l.record === undefined) {
        ctx.skip();
        return;
      }
      await l.take(K, limit(3), 2);
      await l.record(K, limit(3), 3);
      expect(await l.available(K, limit(3))).toBe(0);
      const refused = await l.take(K, limit(3));
      expect(refused.ok).toBe(false);
      expect(refused.remaining).toBe(0);
      // All five were taken at about the same time: they leave together (the margin covers a
      // real-time adapter's timer firing a millisecond before its clock says WINDOW passed).
      await h().advance(WINDOW + 25);
      expect(await l.available(K, limit(3))).toBe(3);
      for (const cost of [0, 1.5]) {
        const err = await l.record(K, limit(3), cost).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT')).toBe(true);
      }
    });

    it.runIf(options.exactTime)('counts an action until windowMs after it, exactly', async () => {
      await limiter().take(K, limit(1));
      await h().advance(WINDOW - 1);
      const refused = await limiter().take(K, limit(1));
      expect(refused).toEqual({ ok: false, remaining: 0, retryAfterMs: 1 });
      await h().advance(1);
      expect((await limiter().take(K, limit(1))).ok).toBe(true);
    });
  });
}
