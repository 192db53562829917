import { describe, expect, it } from 'vitest';
import { Cluster, joinsOf, ListChannelManager } from './coordinator-fixture.js';

describe('coordinator: channel-manager hooks', () => {
  it('joins reconnectable channels nobody wants yet (the Dummy manager has none)', async () => {
    const cluster = new Cluster();
    const manager = new ListChannelManager();
    await manager.authorize(['auto1', 'auto2'], { reconnect: true });
    await manager.authorize(['manual']);
    cluster.channels = manager;
    await cluster.worker('a');
    const coordinator = await cluster.active({ reconnectIntervalMs: 30_000 });
    await coordinator.tick();
    expect((await joinsOf(cluster, 'a')).sort()).toEqual(['auto1', 'auto2']);
    await manager.authorize(['auto3'], { reconnect: true });
    await coordinator.tick();
    expect((await joinsOf(cluster, 'a')).length).toBe(2);
    for (let t = 0; t < 30_000; t += 1_000) {
      await cluster.worker('a');
      await cluster.clock.advanceAsync(1_000);
    }
    expect((await joinsOf(cluster, 'a')).sort()).toEqual(['auto1', 'auto2', 'auto3']);
    expect(coordinator.status().recentEvents.filter((e) => e.type === 'reconnect')).toHaveLength(2);
  });

  it('parts stale and revoked channels every interval plus jitter', async () => {
    const cluster = new Cluster();
    const manager = new ListChannelManager();
    await manager.authorize(['a', 'b', 'c']);
    cluster.channels = manager;
    const w = await cluster.worker('w');
    // random() is 0.5 in the fixture: the first cleanup runs at 1_000 + 0.5 × 2_000 = 2_000 ms.
    const coordinator = await cluster.active({ staleIntervalMs: 1_000, staleJitterMs: 2_000 });
    await coordinator.handle({ type: 'join', channels: ['a', 'b', 'c'] });
    await w.confirm();
    manager.staleSet.add('a');
    await manager.revoke(['b']);
    await cluster.clock.advanceAsync(1_900);
    await w.heartbeat();
    expect(await w.take()).toEqual([]);
    await cluster.clock.advanceAsync(100);
    const parts = await w.take();
    expect(parts).toHaveLength(1);
    expect(parts[0]?.type === 'part' && [...parts[0].channels].sort()).toEqual(['a', 'b']);
    expect(coordinator.status().wanted).toBe(1);
  });

  it('revoke parts at once; authorize with reconnect feeds auto-reconnect', async () => {
    const cluster = new Cluster();
    const manager = new ListChannelManager();
    cluster.channels = manager;
    const w = await cluster.worker('w');
    const coordinator = await cluster.active();
    expect(
      await coordinator.handle({ type: 'join', channels: ['x'], authorize: true, reconnect: false }),
    ).toMatchObject({
      result: { resolved: { x: 'w' } },
    });
    expect(
      await coordinator.handle({ type: 'authorize', channels: ['y'], reconnect: true, requestId: 'r' }),
    ).toEqual({
      type: 'authorize',
      requestId: 'r',
      channels: ['y'],
    });
    expect(await manager.reconnectable()).toEqual(['y']);
    await w.take();
    expect(await coordinator.handle({ type: 'revoke', channels: ['x'] })).toEqual({
      type: 'revoke',
      channels: ['x'],
    });
    expect(await w.take()).toEqual([{ type: 'part', channels: ['x'], fence: 1 }]);
    expect(await manager.authorized(['x'])).toEqual(new Set());
  });
});
