import { describe, expect, it } from 'vitest';
import { Cluster, joinsOf } from './coordinator-fixture.js';

const names = (n: number, prefix = 'ch') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('coordinator: placement guarantees', () => {
  it('never places above a worker’s capacity; the rest stays queued until capacity appears', async () => {
    const cluster = new Cluster();
    await cluster.worker('a', { capacity: 3 });
    await cluster.worker('b', { capacity: 2 });
    const coordinator = await cluster.active({ joinLimit: { count: 1_000, windowMs: 10_000 } });
    const reply = await coordinator.handle({ type: 'join', channels: names(8) });
    expect(reply.type === 'join' && reply.result.rejected.length).toBe(3);
    expect((await joinsOf(cluster, 'a')).length).toBe(3);
    expect((await joinsOf(cluster, 'b')).length).toBe(2);
    for (let i = 0; i < 20; i++) await cluster.clock.advanceAsync(100);
    expect((await joinsOf(cluster, 'a')).length + (await joinsOf(cluster, 'b')).length).toBe(5);
    await cluster.worker('c', { capacity: 10 });
    await cluster.clock.advanceAsync(1_000);
    expect((await joinsOf(cluster, 'c')).length).toBe(3);
    expect(coordinator.status()).toMatchObject({ queued: 0, placed: 8 });
  });

  it('never joins a channel twice under concurrent join commands from streams and in-process calls', async () => {
    const cluster = new Cluster();
    for (const id of ['a', 'b', 'c']) await cluster.worker(id);
    const coordinator = await cluster.active({ joinLimit: { count: 1_000, windowMs: 10_000 } });
    const channels = names(60);
    for (let i = 0; i < 5; i++)
      await cluster.send({ type: 'join', channels: channels.slice(i * 5, i * 5 + 40) });
    await Promise.all([
      coordinator.tick(),
      coordinator.handle({ type: 'join', channels }),
      coordinator.handle({ type: 'join', channels: channels.slice(10, 30) }),
      coordinator.tick(),
    ]);
    const all = [
      ...(await joinsOf(cluster, 'a')),
      ...(await joinsOf(cluster, 'b')),
      ...(await joinsOf(cluster, 'c')),
    ];
    expect(all.length).toBe(60);
    expect(new Set(all).size).toBe(60);
    for (const id of ['a', 'b', 'c']) expect((await joinsOf(cluster, id)).length).toBe(20);
  });

  it('places redundancy k=2 on two distinct workers on distinct hosts when hosts allow', async () => {
    const cluster = new Cluster();
    await cluster.worker('a1', { host: 'h1' });
    await cluster.worker('a2', { host: 'h1' });
    await cluster.worker('b1', { host: 'h2', capacity: 3 });
    const coordinator = await cluster.active({
      redundancy: 2,
      joinLimit: { count: 1_000, windowMs: 10_000 },
    });
    await coordinator.handle({ type: 'join', channels: names(5) });
    for (const channel of names(5)) {
      const [assignment] = await cluster.store.get([channel]);
      const workers = assignment!.placements.map((p) => p.workerId);
      expect(new Set(workers).size).toBe(2);
      // b1 (the only worker on h2) has room for 3: those channels span both hosts.
      if (workers.includes('b1')) expect(workers.some((w) => w.startsWith('a'))).toBe(true);
    }
    expect((await joinsOf(cluster, 'b1')).length).toBe(3);
    // Once h2 is full, the two copies go to distinct workers on the same host.
    expect((await joinsOf(cluster, 'a1')).length + (await joinsOf(cluster, 'a2')).length).toBe(7);
  });

  it('parts a channel on every worker holding it and forgets it', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a', { host: 'h1' });
    const b = await cluster.worker('b', { host: 'h2' });
    const coordinator = await cluster.active({ redundancy: 2 });
    await coordinator.handle({ type: 'join', channels: ['x', 'y'] });
    await a.confirm();
    await b.confirm();
    await coordinator.tick();
    expect(coordinator.status().placements.confirmed).toBe(4);
    const reply = await coordinator.handle({ type: 'part', channels: ['x', 'never'], requestId: 'p1' });
    expect(reply).toEqual({ type: 'part', requestId: 'p1', parted: ['x'] });
    expect(await a.take()).toEqual([{ type: 'part', channels: ['x'], fence: 1 }]);
    expect(await b.take()).toEqual([{ type: 'part', channels: ['x'], fence: 1 }]);
    expect(await cluster.store.get(['x'])).toEqual([]);
    expect(coordinator.status()).toMatchObject({ wanted: 1, placed: 1 });
    // A late confirmation of a parted channel is treated as a stray join and parted again.
    await cluster.report({ type: 'joined', workerId: 'a', connectionId: 'c0', channel: 'x', at: 0 });
    await coordinator.tick();
    expect(await a.take()).toEqual([{ type: 'part', channels: ['x'], fence: 1 }]);
    expect(coordinator.status().wanted).toBe(1);
  });

  it('respects the per-identity channel limit, counting channels where the bot is privileged as free', async () => {
    const cluster = new Cluster();
    await cluster.worker('a', { identity: 'bot', capacity: 50 });
    await cluster.worker('anon', { identity: 'justinfan123', capacity: 50 });
    const coordinator = await cluster.active({
      maxChannelsPerIdentity: 3,
      joinLimit: { count: 1_000, windowMs: 10_000 },
    });
    const reply = await coordinator.handle({ type: 'join', channels: names(10) });
    expect(reply.type === 'join' && Object.keys(reply.result.resolved).length).toBe(10);
    expect((await joinsOf(cluster, 'a')).length).toBe(3);
    expect((await joinsOf(cluster, 'anon')).length).toBe(7);
    const first = (await joinsOf(cluster, 'a'))[0]!;
    await cluster.report({
      type: 'privileged',
      workerId: 'a',
      identity: 'bot',
      channel: first,
      privileged: true,
    });
    await coordinator.tick();
    await coordinator.handle({ type: 'join', channels: ['more1', 'more2'] });
    expect((await joinsOf(cluster, 'a')).length).toBe(4);
  });
});
