import { describe, expect, it } from 'vitest';
import { supervisorCommandSchema } from '../src/protocol/commands.js';
import { decodePayload } from '../src/protocol/envelope.js';
import { Streams } from '../src/protocol/streams.js';
import { type Cluster, Cluster as ClusterClass } from './coordinator-fixture.js';

async function scaleCommands(cluster: Cluster, supervisorId: string) {
  const entries = await cluster.streams.range(Streams.supervisor(supervisorId), '-', '+');
  return entries.map((e) => {
    const decoded = decodePayload(e.fields, supervisorCommandSchema);
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value;
  });
}

async function supervisor(cluster: Cluster, id: string): Promise<void> {
  await cluster.registry.heartbeat(
    { kind: 'supervisor', id, host: id, state: 'running', startedAt: 0, data: {} },
    60_000,
  );
}

describe('coordinator: auto-scaling', () => {
  const scaler = { channelsPerWorker: 10, min: 1, max: 5, cooldownMs: 10_000, scaleOutStep: 'one' as const };

  it('scales out when usage passes 0.7 and starts a new supervisor at the cluster average', async () => {
    const cluster = new ClusterClass();
    await supervisor(cluster, 's1');
    await cluster.worker('w1', { supervisorId: 's1' });
    await cluster.worker('w2', { supervisorId: 's1' });
    const coordinator = await cluster.active({
      joinLimit: { count: 1_000, windowMs: 10_000 },
      scaler,
      scaleIntervalMs: 1_000,
    });
    await coordinator.handle({ type: 'join', channels: Array.from({ length: 15 }, (_, i) => `c${i}`) });
    await coordinator.tick();
    // 15 / (2 × 10) = 0.75 > 0.7: +1.
    expect(await scaleCommands(cluster, 's1')).toEqual([{ type: 'scale', workers: 3 }]);
    expect(coordinator.status().scaleTargets).toEqual({ s1: 3 });
    await supervisor(cluster, 's2');
    await cluster.clock.advanceAsync(1_000);
    expect(await scaleCommands(cluster, 's2')).toEqual([{ type: 'scale', workers: 3 }]);
    expect(coordinator.status().scaleTargets).toEqual({ s1: 3, s2: 3 });
  });

  it('scales out at boot for channels waiting for room, not only for those placed', async () => {
    const cluster = new ClusterClass();
    // The supervisor registers before its first worker does (as at boot): initial target 1.
    await supervisor(cluster, 's1');
    const coordinator = await cluster.active({
      joinLimit: { count: 1_000, windowMs: 10_000 },
      scaler: { ...scaler, scaleOutStep: 'enough' },
      scaleIntervalMs: 1_000,
    });
    await coordinator.tick();
    expect(await scaleCommands(cluster, 's1')).toEqual([{ type: 'scale', workers: 1 }]);
    // One worker with a hard cap of 10 takes 10 of 30: 20 wait in the queue.
    await cluster.worker('w1', { supervisorId: 's1', capacity: 10 });
    await cluster.clock.advanceAsync(1_000);
    await coordinator.handle({ type: 'join', channels: Array.from({ length: 30 }, (_, i) => `c${i}`) });
    expect(coordinator.status()).toMatchObject({ placed: 10, queued: 20 });
    await cluster.clock.advanceAsync(1_000);
    // Well within the cooldown of the initial target, and sized for all 30: 30 / (5 × 10) = 0.6.
    expect(await scaleCommands(cluster, 's1')).toEqual([
      { type: 'scale', workers: 1 },
      { type: 'scale', workers: 5 },
    ]);
  });

  it('leaves paused and terminating supervisors out of scaling', async () => {
    const cluster = new ClusterClass();
    await supervisor(cluster, 's1');
    await cluster.registry.heartbeat(
      { kind: 'supervisor', id: 'paused', host: 'p', state: 'paused', startedAt: 0, data: {} },
      60_000,
    );
    await cluster.registry.heartbeat(
      { kind: 'supervisor', id: 'leaving', host: 'l', state: 'terminating', startedAt: 0, data: {} },
      60_000,
    );
    await cluster.worker('w1', { supervisorId: 's1' });
    const coordinator = await cluster.active({
      joinLimit: { count: 1_000, windowMs: 10_000 },
      scaler,
      scaleIntervalMs: 1_000,
    });
    await coordinator.handle({ type: 'join', channels: Array.from({ length: 9 }, (_, i) => `c${i}`) });
    await coordinator.tick();
    // 9 on s1's one worker (0.9): s1 grows; the paused one is neither started nor counted.
    expect(await scaleCommands(cluster, 's1')).toEqual([{ type: 'scale', workers: 2 }]);
    expect(await scaleCommands(cluster, 'paused')).toEqual([]);
    expect(await scaleCommands(cluster, 'leaving')).toEqual([]);
    expect(coordinator.status().scaleTargets).toEqual({ s1: 2 });
  });

  it('scales in by draining the least-loaded worker, which then gets drain and, once empty, drained', async () => {
    const cluster = new ClusterClass();
    await supervisor(cluster, 's1');
    const setup = await cluster.active({ joinLimit: { count: 1_000, windowMs: 10_000 } });
    const w1 = await cluster.worker('w1', { supervisorId: 's1' });
    await cluster.clock.advanceAsync(1_000);
    await setup.handle({ type: 'join', channels: ['a1', 'a2', 'a3', 'a4', 'a5'] });
    const w3 = await cluster.worker('w3', { supervisorId: 's1' });
    await cluster.clock.advanceAsync(1_000);
    await setup.handle({ type: 'join', channels: ['b1', 'b2', 'b3'] });
    const w2 = await cluster.worker('w2', { supervisorId: 's1' });
    await cluster.clock.advanceAsync(1_000);
    await setup.handle({ type: 'join', channels: ['c1'] });
    expect(setup.status().workers.map((w) => [w.id, w.load])).toEqual([
      ['w1', 5],
      ['w3', 3],
      ['w2', 1],
    ]);
    await setup.stop();
    await cluster.lease.release('coordinator', 'c1', 1);
    // A new coordinator, with the scaler on, resumes from the store.
    const coordinator = await cluster.active({ scaler, scaleIntervalMs: 1_000 }, 'c2');
    await coordinator.tick();
    // 9 / 30 = 0.3 < 0.5, and 9 / 20 = 0.45 ≤ 0.7: one fewer, the least loaded.
    expect(await scaleCommands(cluster, 's1')).toEqual([{ type: 'scale', workers: 2, drain: ['w2'] }]);
    expect(await w2.take()).toContainEqual({ type: 'drain' });
    // w2 drains: its channel moves, is confirmed, then w2 may exit.
    await w2.heartbeat({ state: 'draining' });
    for (let t = 0; t < 3_000; t += 500) {
      for (const w of [w1, w2, w3]) {
        await w.heartbeat();
        await w.confirm();
      }
      await cluster.clock.advanceAsync(500);
    }
    expect(await cluster.sent('w2')).toContainEqual(
      expect.objectContaining({ command: { type: 'drained', fence: 2 } }),
    );
    expect(coordinator.status().workers.find((w) => w.id === 'w2')?.load).toBe(0);
    // No further scale-in within the cooldown, nor later: 9 / 20 = 0.45 < 0.5, but 9 / 10 = 0.9 > 0.7.
    for (let t = 0; t < 15_000; t += 1_000) {
      for (const w of [w1, w3]) await w.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect(await scaleCommands(cluster, 's1')).toHaveLength(1);
  });
});
