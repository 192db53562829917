import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../errors/index.js';
import { compareStreamIds } from '../memory/stream-id.js';
import type { StreamEntry, StreamLog } from '../ports/stream-log.js';
import { type ContractOptions, type PortFactory, realPause, track, useHarness } from './harness.js';

const S = 'events';
const G = 'workers';

/**
 * The StreamLog contract (see the port's TSDoc). Every adapter runs it: the memory adapter on a
 * ManualClock, the Redis adapter against a server with a key prefix per test.
 */
export function streamLogContract(
  name: string,
  factory: PortFactory<StreamLog>,
  options: ContractOptions = {},
): void {
  describe(`StreamLog contract: ${name}`, () => {
    const h = useHarness(factory);
    const log = () => h().port;

    async function appendMany(n: number, stream = S): Promise<string[]> {
      const ids: string[] = [];
      for (let i = 0; i < n; i++) ids.push(await log().append(stream, { n: String(i) }));
      return ids;
    }
    const ns = (entries: StreamEntry[]) => entries.map((e) => e.fields['n']);
    const rejectsWith = async (promise: Promise<unknown>, code: string) => {
      const err = await promise.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isTmiClusterError(err) && err.code === code, `expected ${code}, got ${String(err)}`).toBe(true);
    };

    describe('append, range, length, trim', () => {
      it('appendMany keeps order, returns one growing id per entry, and wakes a blocked reader', async () => {
        await log().ensureGroup(S, G, 'end');
        const reading = log().readGroup(S, G, 'c1', { count: 10, blockMs: 5_000 });
        const ids = await log().appendMany(S, [{ n: '0' }, { n: '1' }, { n: '2' }]);
        expect(ids).toHaveLength(3);
        expect([...ids].sort(compareStreamIds)).toEqual(ids);
        expect(new Set(ids).size).toBe(3);
        expect(ns(await reading)).toEqual(['0', '1', '2']);
        expect(await log().appendMany(S, [])).toEqual([]);
        await rejectsWith(log().appendMany(S, [{ n: '3' }, {}]), 'TMI_ERR_INVALID_ARGUMENT');
        expect(await log().length(S)).toBe(3);
      });

      it('returns <ms>-<seq> ids that grow with every append', async () => {
        const ids = await appendMany(50);
        for (const id of ids) expect(id).toMatch(/^\d+-\d+$/);
        for (let i = 1; i < ids.length; i++) expect(compareStreamIds(ids[i - 1]!, ids[i]!)).toBeLessThan(0);
        expect(await log().length(S)).toBe(50);
      });

      it('ranges inclusively in id order, with ends, bounds and count, as non-deliveries', async () => {
        const ids = await appendMany(5);
        const all = await log().range(S, '-', '+');
        expect(all.map((e) => e.id)).toEqual(ids);
        expect(ns(all)).toEqual(['0', '1', '2', '3', '4']);
        expect(all.every((e) => e.deliveries === 0)).toBe(true);
        expect(ns(await log().range(S, ids[1]!, ids[3]!))).toEqual(['1', '2', '3']);
        expect(ns(await log().range(S, ids[1]!, '+', 2))).toEqual(['1', '2']);
        expect(await log().range(S, ids[3]!, ids[1]!)).toEqual([]);
        expect(await log().range('missing', '-', '+')).toEqual([]);
      });

      it('keeps the fields of each entry as given', async () => {
        await log().append(S, { type: 'privmsg', channel: 'foo', raw: 'a=b;c= :x PRIVMSG #foo :hi' });
        const [entry] = await log().range(S, '-', '+');
        expect(entry?.fields).toEqual({ type: 'privmsg', channel: 'foo', raw: 'a=b;c= :x PRIVMSG #foo :hi' });
      });

      it('trims the oldest entries exactly and reports how many went', async () => {
        const ids = await appendMany(10);
        expect(await log().trim(S, 4)).toBe(6);
        expect((await log().range(S, '-', '+')).map((e) => e.id)).toEqual(ids.slice(6));
        expect(await log().length(S)).toBe(4);
        expect(await log().trim(S, 4)).toBe(0);
        expect(await log().trim(S, 100)).toBe(0);
        expect(await log().trim('missing', 0)).toBe(0);
        expect(await log().length('missing')).toBe(0);
      });

      it('caps the stream at about maxLen on append, keeping the newest', async () => {
        let last = '';
        for (let i = 0; i < 1000; i++) last = await log().append(S, { n: String(i) }, { maxLen: 10 });
        const length = await log().length(S);
        expect(length).toBeGreaterThanOrEqual(10);
        expect(length).toBeLessThan(1000);
        const entries = await log().range(S, '-', '+');
        expect(entries.at(-1)?.id).toBe(last);
        expect(entries[0]?.fields['n']).not.toBe('0');
      });
    });

    describe('groups and delivery', () => {
      it("'start' delivers existing entries, 'end' only later ones", async () => {
        await appendMany(2);
        await log().ensureGroup(S, 'from-start', 'start');
        await log().ensureGroup(S, 'from-end', 'end');
        await log().append(S, { n: '2' });
        const opts = { count: 10, blockMs: 0 };
        expect(ns(await log().readGroup(S, 'from-start', 'c', opts))).toEqual(['0', '1', '2']);
        expect(ns(await log().readGroup(S, 'from-end', 'c', opts))).toEqual(['2']);
      });

      it('ensureGroup is idempotent and does not rewind an existing group', async () => {
        await appendMany(2);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'c', { count: 10, blockMs: 0 });
        await log().ensureGroup(S, G, 'start');
        await log().ensureGroup(S, G, 'end');
        expect(await log().readGroup(S, G, 'c', { count: 10, blockMs: 0 })).toEqual([]);
      });

      it('ensureGroup on a missing stream creates it empty', async () => {
        await log().ensureGroup('fresh', G, 'end');
        expect(await log().length('fresh')).toBe(0);
        expect(await log().readGroup('fresh', G, 'c', { count: 1, blockMs: 0 })).toEqual([]);
      });

      it('rejects use of a missing group with TMI_ERR_NO_SUCH_GROUP (Redis NOGROUP)', async () => {
        await appendMany(1);
        await rejectsWith(log().readGroup(S, G, 'c', { count: 1, blockMs: 0 }), 'TMI_ERR_NO_SUCH_GROUP');
        await rejectsWith(
          log().readGroup('missing', G, 'c', { count: 1, blockMs: 0 }),
          'TMI_ERR_NO_SUCH_GROUP',
        );
        await rejectsWith(log().claimIdle(S, G, 'c', { minIdleMs: 0, count: 1 }), 'TMI_ERR_NO_SUCH_GROUP');
        await rejectsWith(log().pending(S, G), 'TMI_ERR_NO_SUCH_GROUP');
        await rejectsWith(log().deleteConsumer(S, G, 'c'), 'TMI_ERR_NO_SUCH_GROUP');
        expect(await log().ack(S, G, ['0-1'])).toBe(0);
      });

      it('delivers each entry to one consumer of a group, oldest first, at most count', async () => {
        await appendMany(5);
        await log().ensureGroup(S, G, 'start');
        const a = await log().readGroup(S, G, 'a', { count: 2, blockMs: 0 });
        const b = await log().readGroup(S, G, 'b', { count: 2, blockMs: 0 });
        const c = await log().readGroup(S, G, 'a', { count: 10, blockMs: 0 });
        expect([ns(a), ns(b), ns(c)]).toEqual([['0', '1'], ['2', '3'], ['4']]);
        expect([...a, ...b, ...c].every((e) => e.deliveries === 1)).toBe(true);
        expect(await log().readGroup(S, G, 'b', { count: 10, blockMs: 0 })).toEqual([]);
      });

      it('delivers every entry to every group independently', async () => {
        await log().ensureGroup(S, 'archiver', 'start');
        await log().ensureGroup(S, 'app', 'start');
        await appendMany(3);
        expect(ns(await log().readGroup(S, 'archiver', 'x', { count: 10, blockMs: 0 }))).toEqual([
          '0',
          '1',
          '2',
        ]);
        expect(ns(await log().readGroup(S, 'app', 'y', { count: 10, blockMs: 0 }))).toEqual(['0', '1', '2']);
      });

      it('skips entries trimmed before the group read them', async () => {
        await log().ensureGroup(S, G, 'start');
        await appendMany(5);
        await log().trim(S, 2);
        expect(ns(await log().readGroup(S, G, 'c', { count: 10, blockMs: 0 }))).toEqual(['3', '4']);
      });
    });

    describe('pending and ack', () => {
      it('lists delivered entries as pending, oldest first, until acknowledged', async () => {
        const ids = await appendMany(3);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'a', { count: 2, blockMs: 0 });
        await log().readGroup(S, G, 'b', { count: 1, blockMs: 0 });
        const pending = await log().pending(S, G);
        expect(pending.map((p) => [p.id, p.consumer, p.deliveries])).toEqual([
          [ids[0], 'a', 1],
          [ids[1], 'a', 1],
          [ids[2], 'b', 1],
        ]);
        expect(pending.every((p) => p.idleMs >= 0)).toBe(true);
        expect((await log().pending(S, G, { count: 2 })).map((p) => p.id)).toEqual(ids.slice(0, 2));

        expect(await log().ack(S, G, [ids[0]!, ids[2]!])).toBe(2);
        expect((await log().pending(S, G)).map((p) => p.id)).toEqual([ids[1]]);
      });

      it('counts only ids that were pending: unknown, repeated and acknowledged ids give 0', async () => {
        const ids = await appendMany(2);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'a', { count: 1, blockMs: 0 });
        expect(await log().ack(S, G, ['1-0', '99999999999999-0'])).toBe(0);
        expect(await log().ack(S, G, [ids[1]!])).toBe(0); // appended but never delivered
        expect(await log().ack(S, G, [ids[0]!, ids[0]!])).toBe(1);
        expect(await log().ack(S, G, [ids[0]!])).toBe(0);
        expect(await log().ack(S, G, [])).toBe(0);
      });

      it('reports idle time since delivery', async () => {
        await appendMany(1);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'a', { count: 1, blockMs: 0 });
        await h().advance(100);
        const [p] = await log().pending(S, G);
        expect(p?.idleMs).toBeGreaterThanOrEqual(100);
        if (options.exactTime) expect(p?.idleMs).toBe(100);
      });
    });

    describe('claimIdle and deleteConsumer', () => {
      it('does not steal entries idle for less than minIdleMs, then claims them with deliveries + 1', async () => {
        const ids = await appendMany(3);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'dead', { count: 3, blockMs: 0 });
        await h().advance(50);
        expect(await log().claimIdle(S, G, 'alive', { minIdleMs: 200, count: 10 })).toEqual([]);
        await h().advance(200);
        const claimed = await log().claimIdle(S, G, 'alive', { minIdleMs: 200, count: 2 });
        expect(claimed.map((e) => [e.id, e.fields['n'], e.deliveries])).toEqual([
          [ids[0], '0', 2],
          [ids[1], '1', 2],
        ]);
        const pending = await log().pending(S, G);
        expect(pending.map((p) => [p.consumer, p.deliveries])).toEqual([
          ['alive', 2],
          ['alive', 2],
          ['dead', 1],
        ]);
        // A claim resets idle time, so the same entries are not claimed again at once.
        const rest = await log().claimIdle(S, G, 'other', { minIdleMs: 200, count: 10 });
        expect(rest.map((e) => e.id)).toEqual([ids[2]]);
      });

      it('does not claim acknowledged entries', async () => {
        const ids = await appendMany(2);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'dead', { count: 2, blockMs: 0 });
        await log().ack(S, G, [ids[0]!]);
        await h().advance(150);
        const claimed = await log().claimIdle(S, G, 'alive', { minIdleMs: 100, count: 10 });
        expect(claimed.map((e) => e.id)).toEqual([ids[1]]);
      });

      it.runIf(options.exactTime)('claims at exactly minIdleMs of idle time, not 1 ms before', async () => {
        await appendMany(1);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'dead', { count: 1, blockMs: 0 });
        await h().advance(99);
        expect(await log().claimIdle(S, G, 'alive', { minIdleMs: 100, count: 1 })).toEqual([]);
        await h().advance(1);
        expect(await log().claimIdle(S, G, 'alive', { minIdleMs: 100, count: 1 })).toHaveLength(1);
      });

      it("deleteConsumer drops that consumer's pending entries and leaves the rest", async () => {
        await appendMany(3);
        await log().ensureGroup(S, G, 'start');
        await log().readGroup(S, G, 'gone', { count: 2, blockMs: 0 });
        await log().readGroup(S, G, 'stays', { count: 1, blockMs: 0 });
        await log().deleteConsumer(S, G, 'gone');
        await log().deleteConsumer(S, G, 'never-seen');
        expect((await log().pending(S, G)).map((p) => p.consumer)).toEqual(['stays']);
        await h().advance(150);
        expect(ns(await log().claimIdle(S, G, 'x', { minIdleMs: 100, count: 10 }))).toEqual(['2']);
      });
    });

    describe('destroy', () => {
      it('removes the entries, groups and pending lists of one stream and leaves the others', async () => {
        await appendMany(3);
        await appendMany(2, 'other');
        await log().ensureGroup(S, G, 'start');
        await log().ensureGroup('other', G, 'start');
        const [first] = await log().readGroup(S, G, 'c', { count: 1, blockMs: 0 });
        await log().destroy(S);
        expect(await log().length(S)).toBe(0);
        expect(await log().range(S, '-', '+')).toEqual([]);
        await rejectsWith(log().readGroup(S, G, 'c', { count: 1, blockMs: 0 }), 'TMI_ERR_NO_SUCH_GROUP');
        await rejectsWith(log().pending(S, G), 'TMI_ERR_NO_SUCH_GROUP');
        expect(await log().ack(S, G, [first!.id])).toBe(0);
        expect(await log().length('other')).toBe(2);
        expect(ns(await log().readGroup('other', G, 'c', { count: 10, blockMs: 0 }))).toEqual(['0', '1']);
      });

      it('ignores a missing stream, and a later append starts a fresh stream without groups', async () => {
        await log().destroy('missing');
        await appendMany(2);
        await log().ensureGroup(S, G, 'start');
        await log().destroy(S);
        await log().destroy(S);
        await log().append(S, { n: 'new' });
        expect(await log().length(S)).toBe(1);
        await rejectsWith(log().readGroup(S, G, 'c', { count: 1, blockMs: 0 }), 'TMI_ERR_NO_SUCH_GROUP');
        await log().ensureGroup(S, G, 'start');
        expect(ns(await log().readGroup(S, G, 'c', { count: 10, blockMs: 0 }))).toEqual(['new']);
      });

      it('ends a read blocked on the stream with TMI_ERR_NO_SUCH_GROUP', async () => {
        await log().ensureGroup(S, G, 'end');
        // Handled from the start: a server may end the read before `destroy` itself returns.
        const outcome = log()
          .readGroup(S, G, 'c', { count: 1, blockMs: 5_000 })
          .then(
            () => undefined,
            (e: unknown) => e,
          );
        const read = track(outcome);
        await realPause(30);
        expect(read.settled).toBe(false);
        await log().destroy(S);
        await rejectsWith(Promise.reject(await read.promise), 'TMI_ERR_NO_SUCH_GROUP');
      });
    });

    describe('blocking reads', () => {
      it('returns [] at once with blockMs 0', async () => {
        await log().ensureGroup(S, G, 'end');
        expect(await log().readGroup(S, G, 'c', { count: 1, blockMs: 0 })).toEqual([]);
      });

      it('waits, and is woken by an append', async () => {
        await log().ensureGroup(S, G, 'end');
        const read = track(log().readGroup(S, G, 'c', { count: 10, blockMs: 5_000 }));
        await realPause(30);
        expect(read.settled).toBe(false);
        await log().append(S, { n: 'woke' });
        expect(ns(await read.promise)).toEqual(['woke']);
      });

      it('gives up with [] after blockMs', async () => {
        await log().ensureGroup(S, G, 'end');
        const read = track(log().readGroup(S, G, 'c', { count: 1, blockMs: 100 }));
        await h().advance(150);
        expect(await read.promise).toEqual([]);
      });

      it('wakes one of two blocked readers per entry; the other keeps waiting', async () => {
        await log().ensureGroup(S, G, 'end');
        const first = track(log().readGroup(S, G, 'a', { count: 10, blockMs: 400 }));
        const second = track(log().readGroup(S, G, 'b', { count: 10, blockMs: 400 }));
        await realPause(30);
        await log().append(S, { n: 'only' });
        await realPause(30);
        expect([first.settled, second.settled].filter(Boolean)).toHaveLength(1);
        await h().advance(450);
        const results = [await first.promise, await second.promise];
        expect(results.map(ns).sort()).toEqual([[], ['only']]);
      });
    });
  });
}
