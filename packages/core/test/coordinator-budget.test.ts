import { describe, expect, it } from 'vitest';
import { LimitKeys } from '../src/protocol/streams.js';
import { Cluster } from './coordinator-fixture.js';

const TWITCH = { count: 20, windowMs: 10_000 };

describe('coordinator: cluster-wide JOIN budget', () => {
  it('never sends more than 20 joins per identity in any 10 s window over a long run, and places everything', async () => {
    const cluster = new Cluster();
    const workers = [
      await cluster.worker('a1', { identity: 'bot', capacity: 200 }),
      await cluster.worker('a2', { identity: 'bot', capacity: 200 }),
      await cluster.worker('b1', { identity: 'other', capacity: 200 }),
    ];
    const coordinator = await cluster.active({ maxChannelsPerIdentity: null });
    // Joins sent by others on the same account (a worker re-joining after a reconnect) count too.
    const foreign: number[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    let next = 0;
    for (let step = 0; step < 1_500; step++) {
      if (step % 50 === 0 && next < 400) {
        await cluster.send({ type: 'join', channels: Array.from({ length: 40 }, () => `ch${next++}`) });
      }
      if (
        random() < 0.02 &&
        (await cluster.limiter.take(LimitKeys.join('bot'), { count: 20, windowMs: 10_500 })).ok
      ) {
        foreign.push(cluster.clock.now());
      }
      await cluster.clock.advanceAsync(100);
      for (const w of workers) {
        await w.heartbeat();
        await w.confirm();
      }
    }
    const byIdentity = new Map<string, number[]>([
      ['bot', [...foreign]],
      ['other', []],
    ]);
    for (const w of workers) {
      for (const { at, command } of await cluster.sent(w.id)) {
        if (command.type !== 'join') continue;
        for (const _ of command.channels) byIdentity.get(command.identity)!.push(at);
      }
    }
    for (const times of byIdentity.values()) {
      times.sort((x, y) => x - y);
      let start = 0;
      let busiest = 0;
      for (let end = 0; end < times.length; end++) {
        while (times[end]! - times[start]! >= TWITCH.windowMs) start++;
        busiest = Math.max(busiest, end - start + 1);
      }
      expect(busiest).toBeLessThanOrEqual(TWITCH.count);
      // The budget was the bottleneck: the window did fill up.
      expect(busiest).toBeGreaterThanOrEqual(TWITCH.count - 1);
    }
    const placedJoins = byIdentity.get('bot')!.length - foreign.length + byIdentity.get('other')!.length;
    expect(placedJoins).toBe(400);
    expect(coordinator.status()).toMatchObject({ wanted: 400, queued: 0, placed: 400 });
    expect(coordinator.status().placements.confirmed).toBe(400);
  });

  it('answers a join beyond the budget with rejected channels that are placed later', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    const coordinator = await cluster.active({ joinLimit: { count: 5, windowMs: 1_000 } });
    const reply = await coordinator.handle({
      type: 'join',
      channels: ['c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'],
    });
    expect(reply).toMatchObject({ result: { rejected: ['c6', 'c7'] } });
    expect(Object.keys(reply.type === 'join' ? reply.result.resolved : {})).toHaveLength(5);
    await cluster.clock.advanceAsync(1_000);
    expect(coordinator.status()).toMatchObject({ queued: 0, placed: 7 });
  });
});
