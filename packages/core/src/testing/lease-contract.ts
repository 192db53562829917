import { describe, expect, it } from 'vitest';
import type { Lease } from '../ports/lease.js';
import { type ContractOptions, type PortFactory, useHarness } from './harness.js';

const L = 'coordinator';
const TTL = 200;

/** The Lease contract (see the port's TSDoc). Every adapter runs it. */
export function leaseContract(
  name: string,
  factory: PortFactory<Lease>,
  options: ContractOptions = {},
): void {
  describe(`Lease contract: ${name}`, () => {
    const h = useHarness(factory);
    const lease = () => h().port;

    it('grants a free lease with a positive token and reports it as current', async () => {
      const before = h().now();
      const grant = await lease().acquire(L, 'a', TTL);
      expect(grant?.holder).toBe('a');
      expect(grant?.token).toBeGreaterThanOrEqual(1);
      // A server's clock may be a little off the test's; only a ManualClock is exact.
      if (options.exactTime) expect(grant?.expiresAt).toBe(before + TTL);
      else expect(Math.abs(grant!.expiresAt - (before + TTL))).toBeLessThan(1_000);
      expect(await lease().current(L)).toEqual(grant);
      expect(await lease().current('other')).toBeNull();
    });

    it('refuses another holder while held; the holder re-acquiring keeps its token', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      expect(await lease().acquire(L, 'b', TTL)).toBeNull();
      const again = await lease().acquire(L, 'a', TTL);
      expect(again?.token).toBe(a?.token);
      expect((await lease().current(L))?.holder).toBe('a');
    });

    it('lets exactly one of several concurrent acquirers win', async () => {
      const grants = await Promise.all(['a', 'b', 'c', 'd'].map((holder) => lease().acquire(L, holder, TTL)));
      expect(grants.filter((g) => g !== null)).toHaveLength(1);
    });

    it('after expiry gives a strictly higher token to the next holder, and the old one cannot renew', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      await h().advance(TTL + 50);
      expect(await lease().current(L)).toBeNull();
      const b = await lease().acquire(L, 'b', TTL);
      expect(b?.token).toBeGreaterThan(a!.token);
      expect(await lease().renew(L, 'a', a!.token, TTL)).toBe(false);
      expect(await lease().release(L, 'a', a!.token)).toBe(false);
      expect((await lease().current(L))?.holder).toBe('b');
    });

    it('renews only for the holder with its token', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      expect(await lease().renew(L, 'b', a!.token, TTL)).toBe(false);
      expect(await lease().renew(L, 'a', a!.token + 1, TTL)).toBe(false);
      await h().advance(120);
      expect(await lease().renew(L, 'a', a!.token, TTL)).toBe(true);
      await h().advance(120);
      // 240 ms after acquire, alive only because of the renew.
      expect((await lease().current(L))?.token).toBe(a?.token);
      expect(await lease().acquire(L, 'b', TTL)).toBeNull();
    });

    it('cannot be renewed after it expired, even when nobody took it', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      await h().advance(TTL + 50);
      expect(await lease().renew(L, 'a', a!.token, TTL)).toBe(false);
      const again = await lease().acquire(L, 'a', TTL);
      expect(again?.token).toBeGreaterThan(a!.token);
    });

    it('releases only for the holder with its token, freeing it at once', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      expect(await lease().release(L, 'b', a!.token)).toBe(false);
      expect(await lease().release(L, 'a', a!.token + 1)).toBe(false);
      expect((await lease().current(L))?.holder).toBe('a');
      expect(await lease().release(L, 'a', a!.token)).toBe(true);
      expect(await lease().current(L)).toBeNull();
      expect(await lease().release(L, 'a', a!.token)).toBe(false);
      const b = await lease().acquire(L, 'b', TTL);
      expect(b?.token).toBeGreaterThan(a!.token);
    });

    it('never reuses a token across holders, releases and expiries', async () => {
      const tokens: number[] = [];
      for (const holder of ['a', 'b', 'a', 'c', 'a']) {
        const grant = await lease().acquire(L, holder, TTL);
        tokens.push(grant!.token);
        if (tokens.length % 2 === 0) await lease().release(L, holder, grant!.token);
        else await h().advance(TTL + 10);
      }
      for (let i = 1; i < tokens.length; i++) expect(tokens[i]).toBeGreaterThan(tokens[i - 1]!);
    });

    it('keeps leases of different names apart', async () => {
      expect(await lease().acquire('one', 'a', TTL)).not.toBeNull();
      expect(await lease().acquire('two', 'b', TTL)).not.toBeNull();
      expect((await lease().current('one'))?.holder).toBe('a');
      expect((await lease().current('two'))?.holder).toBe('b');
    });

    it.runIf(options.exactTime)('is held 1 ms before expiresAt and free at expiresAt exactly', async () => {
      const a = await lease().acquire(L, 'a', TTL);
      await h().advance(TTL - 1);
      expect(await lease().acquire(L, 'b', TTL)).toBeNull();
      expect((await lease().current(L))?.holder).toBe('a');
      await h().advance(1);
      expect(await lease().current(L)).toBeNull();
      expect(await lease().renew(L, 'a', a!.token, TTL)).toBe(false);
      expect((await lease().acquire(L, 'b', TTL))?.holder).toBe('b');
    });
  });
}
