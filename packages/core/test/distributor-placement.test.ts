import { describe, expect, it } from 'vitest';
import { JoinQueue } from '../src/distributor/join-queue.js';
import { MinHeap } from '../src/distributor/min-heap.js';
import { type PlacementWorker, planPlacements } from '../src/distributor/placement.js';

const worker = (id: string, load = 0, extra: Partial<PlacementWorker> = {}): PlacementWorker => ({
  id,
  host: `h-${id}`,
  identity: 'bot',
  capacity: 100,
  load,
  ...extra,
});
const budget = (n = 1_000) => ({ joinBudget: new Map([['bot', n]]), channelRoom: new Map<string, number>() });
const req = (channel: string, need = 1, holders: { workerId: string; host: string }[] = []) => ({
  channel,
  need,
  holders,
});

describe('distributor: least-loaded placement plan', () => {
  it('puts each channel on the least-loaded worker, ties to the first listed', () => {
    const plan = planPlacements(
      ['a', 'b', 'c', 'd', 'e'].map((c) => req(c)),
      [worker('x', 1), worker('y', 0)],
      budget(),
    );
    expect(Object.fromEntries(plan.byWorker)).toEqual({ y: ['a', 'c', 'e'], x: ['b', 'd'] });
    expect(plan.short).toEqual([]);
  });

  it('never exceeds capacity and reports what did not fit', () => {
    const plan = planPlacements(
      ['a', 'b', 'c', 'd'].map((c) => req(c)),
      [worker('x', 1, { capacity: 2 }), worker('y', 0, { capacity: 1 })],
      budget(),
    );
    expect(plan.byWorker.get('x')).toEqual(['b']);
    expect(plan.byWorker.get('y')).toEqual(['a']);
    expect(plan.short).toEqual(['c', 'd']);
  });

  it('stops at the JOIN budget of each identity and uses other identities meanwhile', () => {
    const plan = planPlacements(
      ['a', 'b', 'c', 'd', 'e'].map((c) => req(c)),
      [worker('x'), worker('y', 0, { identity: 'other' })],
      {
        joinBudget: new Map([
          ['bot', 1],
          ['other', 2],
        ]),
        channelRoom: new Map(),
      },
    );
    expect(Object.fromEntries(plan.byWorker)).toEqual({ x: ['a'], y: ['b', 'c'] });
    expect(plan.short).toEqual(['d', 'e']);
  });

  it('respects channel room per identity', () => {
    const plan = planPlacements(
      ['a', 'b', 'c'].map((c) => req(c)),
      [worker('x'), worker('y')],
      {
        joinBudget: new Map([['bot', 10]]),
        channelRoom: new Map([['bot', 2]]),
      },
    );
    expect(plan.byChannel.size).toBe(2);
    expect(plan.short).toEqual(['c']);
  });

  it('never picks a worker that already holds the channel and prefers a new host', () => {
    const workers = [
      worker('a1', 0, { host: 'h1' }),
      worker('a2', 0, { host: 'h1' }),
      worker('b1', 5, { host: 'h2' }),
    ];
    const plan = planPlacements([req('x', 1, [{ workerId: 'a1', host: 'h1' }])], workers, budget());
    expect(plan.byChannel.get('x')).toEqual(['b1']);
    const two = planPlacements([req('y', 2)], workers, budget());
    expect(two.byChannel.get('y')).toEqual(['a1', 'b1']);
    // Only one host left with room: two workers there are still better than one copy.
    const full = planPlacements(
      [req('z', 2)],
      [workers[0]!, workers[1]!, worker('b1', 100, { host: 'h2' })],
      budget(),
    );
    expect(full.byChannel.get('z')).toEqual(['a1', 'a2']);
    const none = planPlacements([req('w', 2, [{ workerId: 'a1', host: 'h1' }])], [workers[0]!], budget());
    expect(none.short).toEqual(['w']);
  });
});

describe('distributor: heap and queue', () => {
  it('pops in order', () => {
    const heap = new MinHeap<number>((a, b) => a < b, [5, 3, 9, 1, 7, 1]);
    const out: number[] = [];
    for (let x = heap.pop(); x !== undefined; x = heap.pop()) out.push(x);
    expect(out).toEqual([1, 1, 3, 5, 7, 9]);
  });

  it('keeps order, later not-before times and failure counts across placements', () => {
    const q = new JoinQueue();
    q.add('a');
    q.add('b', 500);
    q.add('a', 100);
    q.add('b', 200);
    expect([...q.entries()]).toEqual([
      ['a', 100],
      ['b', 500],
    ]);
    expect(q.failed('a')).toBe(1);
    q.delete('a');
    expect(q.failed('a')).toBe(2);
    q.succeeded('a');
    expect(q.failed('a')).toBe(1);
    q.forget('a');
    expect(q.has('a')).toBe(false);
    expect(q.failed('a')).toBe(1);
  });
});
