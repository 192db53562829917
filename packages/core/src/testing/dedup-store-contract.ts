import { describe, expect, it } from 'vitest';
import type { DedupStore } from '../ports/dedup-store.js';
import { type ContractOptions, type PortFactory, useHarness } from './harness.js';

const TTL = 200;

/** The DedupStore contract (see the port's TSDoc). Every adapter runs it. */
export function dedupStoreContract(
  name: string,
  factory: PortFactory<DedupStore>,
  options: ContractOptions = {},
): void {
  describe(`DedupStore contract: ${name}`, () => {
    const h = useHarness(factory);
    const store = () => h().port;

    it('says true to the first claim of a key and false to the rest', async () => {
      expect(await store().claim('msg:1', TTL)).toBe(true);
      expect(await store().claim('msg:1', TTL)).toBe(false);
      expect(await store().claim('msg:1', TTL)).toBe(false);
      expect(await store().claim('msg:2', TTL)).toBe(true);
    });

    it('lets exactly one of many concurrent claims win', async () => {
      const results = await Promise.all(Array.from({ length: 10 }, () => store().claim('msg:1', TTL)));
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it('forgets a key after its ttl', async () => {
      await store().claim('msg:1', TTL);
      await h().advance(TTL / 2);
      expect(await store().claim('msg:1', TTL)).toBe(false);
      await h().advance(TTL);
      expect(await store().claim('msg:1', TTL)).toBe(true);
    });

    it('does not extend the window on refused claims', async () => {
      await store().claim('msg:1', TTL);
      await h().advance(120);
      expect(await store().claim('msg:1', TTL)).toBe(false);
      await h().advance(120);
      // 240 ms after the first claim: free, although a refused claim came 120 ms ago.
      expect(await store().claim('msg:1', TTL)).toBe(true);
    });

    it.runIf(options.exactTime)(
      'remembers a key until 1 ms before ttl and forgets it at ttl exactly',
      async () => {
        await store().claim('msg:1', TTL);
        await h().advance(TTL - 1);
        expect(await store().claim('msg:1', TTL)).toBe(false);
        await h().advance(1);
        expect(await store().claim('msg:1', TTL)).toBe(true);
      },
    );
  });
}
