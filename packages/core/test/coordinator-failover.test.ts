import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { Coordinator } from '../src/coordinator/coordinator.js';
import { CoordinatorElection } from '../src/coordinator/election.js';
import { isTmiClusterError } from '../src/errors/index.js';
import { Streams } from '../src/protocol/streams.js';
import { Cluster, joinsOf, type SimWorker } from './coordinator-fixture.js';

const TTL = 3_000;

describe('coordinator: fencing and failover', () => {
  it('refuses every write of a coordinator whose token is older than the current one, and stops it', async () => {
    const cluster = new Cluster();
    await cluster.worker('w');
    let lost = 0;
    const old = cluster.coordinator({ consumer: 'old' }, () => lost++);
    await old.start({
      lease: 'coordinator',
      token: (await cluster.lease.acquire('coordinator', 'old', 1_000))!.token,
    });
    await old.handle({ type: 'join', channels: ['a'] });
    // The old holder stalls past its lease; another takes the lease and the store.
    cluster.clock.advance(1_000);
    const current = await cluster.active({}, 'new');
    expect(current.fence?.token).toBe(2);
    await expect(old.handle({ type: 'join', channels: ['b'] })).rejects.toSatisfy((e: unknown) =>
      isTmiClusterError(e, 'TMI_ERR_LEASE_LOST'),
    );
    expect(old.active).toBe(false);
    expect(lost).toBe(1);
    expect(old.status().recentEvents.at(-1)?.type).toBe('lease-lost');
    expect(await cluster.store.get(['b'])).toEqual([]);
    expect(await joinsOf(cluster, 'w')).toEqual(['a']);
    await expect(old.start({ lease: 'coordinator', token: 1 })).rejects.toSatisfy((e: unknown) =>
      isTmiClusterError(e, 'TMI_ERR_LEASE_LOST'),
    );
  });

  it('a second candidate takes over within the ttl of a paused leader and resumes from the store', async () => {
    const cluster = new Cluster();
    const main = cluster.clock;
    // The first candidate's process has its own clock, so the test can pause it.
    const clockA = new ManualClock(main.now());
    const workers: SimWorker[] = [await cluster.worker('w1'), await cluster.worker('w2')];
    const candidates = [
      { id: 'A', clock: clockA },
      { id: 'B', clock: main },
    ].map(({ id, clock }) => {
      const coordinator = new Coordinator({ ...cluster.deps(clock) }, { consumer: id, scaler: false }, () => {
        void election.lost();
      });
      const election: CoordinatorElection = new CoordinatorElection({
        lease: cluster.lease,
        clock,
        holderId: id,
        role: coordinator,
        ttlMs: TTL,
      });
      return { coordinator, election };
    });
    const [a, b] = candidates as [(typeof candidates)[0], (typeof candidates)[0]];
    let pausedA = false;
    const run = async (ms: number) => {
      for (let t = 0; t < ms; t += 100) {
        if (!pausedA) await clockA.advanceAsync(100);
        await main.advanceAsync(100);
        for (const w of workers) {
          await w.heartbeat();
          await w.confirm();
        }
      }
    };
    await a.election.start();
    await b.election.start();
    expect([a.election.leader, b.election.leader]).toEqual([true, false]);

    const channels = Array.from({ length: 30 }, (_, i) => `ch${i}`);
    await cluster.send({ type: 'join', channels: channels.slice(0, 20) });
    await run(3_000);
    expect(a.coordinator.status()).toMatchObject({ placed: 20, placements: { confirmed: 20 } });
    const before = new Map(
      (await cluster.store.get(channels)).map((c) => [c.channel, c.placements.map((p) => p.workerId)]),
    );

    // A freezes (GC pause, stopped VM) while holding an unacknowledged command.
    pausedA = true;
    await cluster.send({ type: 'join', channels: channels.slice(15, 30), respondTo: 'cli' });
    await cluster.streams.readGroup(Streams.coordinator, 'coordinator', 'A', { count: 10, blockMs: 0 });
    const pausedAt = main.now();
    while (!b.election.leader) await run(100);
    expect(main.now() - pausedAt).toBeLessThanOrEqual(TTL + TTL / 3 + 100);
    expect(b.coordinator.fence?.token).toBe(2);
    // The JOIN budget is cluster-wide and outlives the failover: A's 20 joins still count.
    await run(2_000);
    expect(b.coordinator.status()).toMatchObject({ wanted: 30, queued: 10 });
    await run(4_000);

    // Nothing lost, nothing placed twice: the old 20 kept their workers, the new 10 were added once.
    const after = await cluster.store.get(channels);
    expect(after).toHaveLength(30);
    for (const c of after) {
      expect(c.placements).toHaveLength(1);
      expect(c.placements[0]?.state).toBe('confirmed');
      if (before.has(c.channel)) expect(c.placements.map((p) => p.workerId)).toEqual(before.get(c.channel));
    }
    const joins = [...(await joinsOf(cluster, 'w1')), ...(await joinsOf(cluster, 'w2'))];
    expect(joins.sort()).toEqual([...channels].sort());
    // B answered the command A had taken: 5 already held, 10 queued behind the JOIN budget.
    const [reply] = await cluster.replies('cli');
    expect(reply?.type === 'join' && Object.keys(reply.result.ignored)).toEqual(channels.slice(15, 20));
    expect(reply?.type === 'join' && reply.result.rejected).toEqual(channels.slice(20, 30));
    expect(b.coordinator.status().recentEvents.find((e) => e.type === 'started')?.data).toMatchObject({
      token: 2,
      wanted: 20,
    });

    // A wakes up: its renew fails and it stops without having written anything.
    pausedA = false;
    await run(2_000);
    expect(a.election.leader).toBe(false);
    expect(a.coordinator.active).toBe(false);
    expect(b.election.leader).toBe(true);
    expect((await cluster.store.counts()).placements).toEqual({ pending: 0, confirmed: 30, failed: 0 });
  });

  it('hands over at once when the leader stops gracefully', async () => {
    const cluster = new Cluster();
    const make = (id: string) =>
      new CoordinatorElection({
        lease: cluster.lease,
        clock: cluster.clock,
        holderId: id,
        role: cluster.coordinator({ consumer: id }),
        ttlMs: TTL,
      });
    const a = make('A');
    const b = make('B');
    await a.start();
    await b.start();
    await a.stop();
    await b.step();
    expect(b.leader).toBe(true);
    expect(b.fence?.token).toBe(2);
    await b.stop();
  });
});
