import { describe, expect, it } from 'vitest';
import { Streams } from '../src/protocol/streams.js';
import { Cluster, HEARTBEAT_TTL, joinsOf, ListChannelManager } from './coordinator-fixture.js';

// The original's ChannelDistributorTest cases (reference §11), ported as acceptance cases.
describe('coordinator: the original distributor cases', () => {
  it('joins queued async joins to the one live worker; an unknown channel is unauthorized', async () => {
    const cluster = new Cluster();
    const manager = new ListChannelManager();
    await manager.authorize(['ghostzero', 'test', 'foo']);
    cluster.channels = manager;
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    await cluster.send({ type: 'join', channels: ['ghostzero', 'test'], respondTo: 'cli', requestId: 'r1' });
    await cluster.send({ type: 'join', channels: ['foo', 'unknown'], respondTo: 'cli', requestId: 'r2' });
    await coordinator.tick();
    const replies = await cluster.replies('cli');
    expect(replies).toEqual([
      {
        type: 'join',
        requestId: 'r1',
        result: { resolved: { ghostzero: 'w1', test: 'w1' }, ignored: {}, rejected: [], unauthorized: [] },
      },
      {
        type: 'join',
        requestId: 'r2',
        result: { resolved: { foo: 'w1' }, ignored: {}, rejected: [], unauthorized: ['unknown'] },
      },
    ]);
    expect((await joinsOf(cluster, 'w1')).sort()).toEqual(['foo', 'ghostzero', 'test']);
  });

  it('rejects a channel when no worker runs, keeps it queued, and places it once one appears', async () => {
    const cluster = new Cluster();
    const coordinator = await cluster.active();
    const reply = await coordinator.handle({ type: 'join', channels: ['ghostzero'] });
    expect(reply).toEqual({
      type: 'join',
      result: { resolved: {}, ignored: {}, rejected: ['ghostzero'], unauthorized: [] },
    });
    expect(coordinator.status().queued).toBe(1);
    await cluster.worker('w1');
    await cluster.clock.advanceAsync(1_000);
    expect(await joinsOf(cluster, 'w1')).toEqual(['ghostzero']);
    expect(coordinator.status()).toMatchObject({ queued: 0, placed: 1 });
  });

  it('rejects with only unhealthy workers: not ready, or heartbeat expired', async () => {
    const cluster = new Cluster();
    const stale = await cluster.worker('stale');
    await stale.heartbeat({}, 3_000);
    cluster.clock.advance(3_000);
    await cluster.worker('starting', { state: 'starting' });
    expect((await cluster.registry.list('worker')).map((w) => w.id)).toEqual(['starting']);
    const coordinator = await cluster.active();
    const reply = await coordinator.handle({ type: 'join', channels: ['ghostzero'] });
    expect(reply).toMatchObject({ result: { rejected: ['ghostzero'], resolved: {} } });
    expect(await cluster.streams.length(Streams.worker('starting'))).toBe(0);
    expect(await cluster.streams.length(Streams.worker('stale'))).toBe(0);
  });

  it('resolves to the single live worker', async () => {
    const cluster = new Cluster();
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    expect(await coordinator.handle({ type: 'join', channels: ['ghostzero'] })).toMatchObject({
      result: { resolved: { ghostzero: 'w1' }, rejected: [], ignored: {}, unauthorized: [] },
    });
  });

  it('ignores an already joined channel and spreads new ones least-loaded, with batched commands', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    await cluster.worker('b');
    const coordinator = await cluster.active();
    const first = await coordinator.handle({ type: 'join', channels: ['ghostzero'] });
    expect(first).toMatchObject({ result: { resolved: { ghostzero: 'a' } } });
    const second = await coordinator.handle({
      type: 'join',
      channels: ['ghostzero', 'c1', 'c2', 'c3', 'c4'],
    });
    expect(second).toMatchObject({ result: { ignored: { ghostzero: 'a' }, rejected: [], unauthorized: [] } });
    const resolved = second.type === 'join' ? second.result.resolved : {};
    const perWorker: Record<string, number> = {};
    for (const w of Object.values(resolved)) perWorker[w] = (perWorker[w] ?? 0) + 1;
    expect(perWorker).toEqual({ a: 2, b: 2 });
    // One command for the first call, one per worker for the second: 3, where the original sent 5.
    const commands = (await cluster.sent('a')).length + (await cluster.sent('b')).length;
    expect(commands).toBe(3);
    expect((await joinsOf(cluster, 'a')).length + (await joinsOf(cluster, 'b')).length).toBe(5);
  });

  it('re-homes the channels of a worker whose heartbeat expired to the live one', async () => {
    const cluster = new Cluster();
    const dead = await cluster.worker('dead');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['ghostzero', 'other'] });
    await dead.confirm();
    await coordinator.tick();
    const live = await cluster.worker('live');
    // 'dead' stops heartbeating; 'live' keeps going.
    for (let t = 0; t < HEARTBEAT_TTL + 1_000; t += 1_000) {
      await live.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect((await joinsOf(cluster, 'live')).sort()).toEqual(['ghostzero', 'other']);
    expect(await cluster.store.channelsOf('dead')).toEqual([]);
    expect(coordinator.status().recentEvents.some((e) => e.type === 'rehomed')).toBe(true);
  });
});
