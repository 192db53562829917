import { describe, expect, it } from 'vitest';
import { Cluster, joinsOf } from './coordinator-fixture.js';

describe('coordinator: draining a worker (make-before-break)', () => {
  it('places the channels elsewhere, parts them only after the new joins are confirmed, then says drained', async () => {
    const cluster = new Cluster();
    const old = await cluster.worker('old');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['a', 'b', 'c'] });
    await old.confirm();
    await coordinator.tick();
    const fresh = await cluster.worker('new');
    await old.heartbeat({ state: 'draining' });
    await cluster.clock.advanceAsync(1_000);
    expect((await joinsOf(cluster, 'new')).sort()).toEqual(['a', 'b', 'c']);
    // Not confirmed yet: the old worker still holds everything.
    expect(await old.take()).toEqual([]);
    expect(coordinator.status().placements).toMatchObject({ pending: 3, confirmed: 3 });
    await fresh.confirm();
    await old.heartbeat();
    await fresh.heartbeat();
    await cluster.clock.advanceAsync(1_000);
    const commands = await old.take();
    expect(commands[0]).toMatchObject({ type: 'part' });
    expect(commands[0]?.type === 'part' && [...commands[0].channels].sort()).toEqual(['a', 'b', 'c']);
    expect(commands[1]).toEqual({ type: 'drained', fence: 1 });
    expect(await cluster.store.channelsOf('old')).toEqual([]);
    expect(coordinator.status()).toMatchObject({ placed: 3, placements: { confirmed: 3, pending: 0 } });
    // Told once only.
    await old.heartbeat();
    await fresh.heartbeat();
    await cluster.clock.advanceAsync(2_000);
    expect(await old.take()).toEqual([]);
  });

  it('with drainedWhenAlone, says drained at once when no ready worker is left to take over', async () => {
    for (const alone of [true, false]) {
      const cluster = new Cluster();
      const a = await cluster.worker('a');
      const b = await cluster.worker('b');
      const coordinator = await cluster.active({ drainedWhenAlone: alone, drainTimeoutMs: 60_000 });
      await coordinator.handle({ type: 'join', channels: ['x', 'y'] });
      await a.confirm();
      await b.confirm();
      // Every worker drains at once (the whole cluster shuts down).
      await a.heartbeat({ state: 'draining' });
      await b.heartbeat({ state: 'draining' });
      await cluster.clock.advanceAsync(1_000);
      const drained = async (w: typeof a) => (await w.take()).some((c) => c.type === 'drained');
      expect(await drained(a)).toBe(alone);
      expect(await drained(b)).toBe(alone);
    }
  });

  it('with drainedWhenAlone, still hands channels over while a ready worker exists', async () => {
    const cluster = new Cluster();
    const old = await cluster.worker('old');
    const coordinator = await cluster.active({ drainedWhenAlone: true });
    await coordinator.handle({ type: 'join', channels: ['a'] });
    await old.confirm();
    await cluster.worker('new');
    await old.heartbeat({ state: 'draining' });
    await cluster.clock.advanceAsync(1_000);
    expect(await old.take()).toEqual([]);
    expect(await joinsOf(cluster, 'new')).toEqual(['a']);
  });

  it('gives up waiting after drainTimeoutMs: parts anyway and keeps the channel queued', async () => {
    const cluster = new Cluster();
    const old = await cluster.worker('old');
    const coordinator = await cluster.active({ drainTimeoutMs: 3_000 });
    await coordinator.handle({ type: 'join', channels: ['a'] });
    await old.confirm();
    await old.heartbeat({ state: 'draining' });
    for (let t = 0; t < 4_000; t += 500) {
      await old.heartbeat();
      await cluster.clock.advanceAsync(500);
    }
    expect(await old.take()).toEqual([
      { type: 'part', channels: ['a'], fence: 1 },
      { type: 'drained', fence: 1 },
    ]);
    expect(coordinator.status()).toMatchObject({ wanted: 1, queued: 1, placed: 0 });
  });
});
