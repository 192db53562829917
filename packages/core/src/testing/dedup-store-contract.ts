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

    describe('claimAll', () => {
      it('decides each claim in order: the first owner of a key wins, later owners lose', async () => {
        const results = await store().claimAll(
          [
            { keys: ['e:1'], owner: 'a' },
            { keys: ['e:1'], owner: 'b' },
            { keys: ['e:2'], owner: 'b' },
          ],
          TTL,
        );
        expect(results).toEqual([true, false, true]);
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'c' }], TTL)).toEqual([false]);
      });

      it('lets the owner win again (a redelivered event is not its own duplicate)', async () => {
        expect(await store().claimAll([{ keys: ['e:1', 'e:2'], owner: 'a' }], TTL)).toEqual([true]);
        expect(await store().claimAll([{ keys: ['e:1', 'e:2'], owner: 'a' }], TTL)).toEqual([true]);
        expect(await store().claimAll([{ keys: ['e:2', 'e:3'], owner: 'a' }], TTL)).toEqual([true]);
        expect(await store().claimAll([{ keys: ['e:3'], owner: 'b' }], TTL)).toEqual([false]);
      });

      it('takes all keys of a claim or none', async () => {
        await store().claimAll([{ keys: ['e:2'], owner: 'b' }], TTL);
        expect(await store().claimAll([{ keys: ['e:1', 'e:2'], owner: 'a' }], TTL)).toEqual([false]);
        // e:1 was not taken by the refused claim: another owner can have it.
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'c' }], TTL)).toEqual([true]);
      });

      it('shares the key space with claim: an owner-less key refuses every owner', async () => {
        expect(await store().claim('e:1', TTL)).toBe(true);
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'a' }], TTL)).toEqual([false]);
        await store().claimAll([{ keys: ['e:2'], owner: 'a' }], TTL);
        expect(await store().claim('e:2', TTL)).toBe(false);
      });

      it('lets exactly one of many concurrent callers win a key', async () => {
        const results = await Promise.all(
          Array.from({ length: 10 }, (_, i) => store().claimAll([{ keys: ['e:1'], owner: `o${i}` }], TTL)),
        );
        expect(results.flat().filter(Boolean)).toHaveLength(1);
      });

      it('frees keys after the ttl, counted from the winning claim', async () => {
        await store().claimAll([{ keys: ['e:1'], owner: 'a' }], TTL);
        await h().advance(TTL / 2);
        // The owner winning again does not extend its window.
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'a' }], TTL)).toEqual([true]);
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'b' }], TTL)).toEqual([false]);
        await h().advance(TTL / 2 + 40);
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'b' }], TTL)).toEqual([true]);
      });

      it('answers [] to an empty list and rejects bad claims before taking any', async () => {
        expect(await store().claimAll([], TTL)).toEqual([]);
        await expect(
          store().claimAll(
            [
              { keys: ['e:1'], owner: 'a' },
              { keys: [], owner: 'a' },
            ],
            TTL,
          ),
        ).rejects.toMatchObject({ code: 'TMI_ERR_INVALID_ARGUMENT' });
        await expect(store().claimAll([{ keys: ['e:1'], owner: '' }], TTL)).rejects.toMatchObject({
          code: 'TMI_ERR_INVALID_ARGUMENT',
        });
        await expect(store().claimAll([{ keys: ['e:1'], owner: 'a' }], 0)).rejects.toMatchObject({
          code: 'TMI_ERR_INVALID_ARGUMENT',
        });
        expect(await store().claimAll([{ keys: ['e:1'], owner: 'z' }], TTL)).toEqual([true]);
      });
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
