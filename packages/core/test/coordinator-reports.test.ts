import { describe, expect, it } from 'vitest';
import { Cluster } from './coordinator-fixture.js';

describe('coordinator: worker reports', () => {
  it('confirms joins, keeps permanent failures visible without retrying them', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['ok', 'banned', 'gone'] });
    await a.take();
    const at = cluster.clock.now();
    await cluster.report({ type: 'joined', workerId: 'a', connectionId: 'c', channel: 'ok', at });
    await cluster.report({ type: 'join-failed', workerId: 'a', channel: 'banned', reason: 'msg_banned', at });
    await cluster.report({
      type: 'join-failed',
      workerId: 'a',
      channel: 'gone',
      reason: 'msg_channel_suspended',
      at,
    });
    await coordinator.tick();
    expect(coordinator.status()).toMatchObject({
      wanted: 3,
      queued: 0,
      placed: 1,
      placements: { pending: 0, confirmed: 1, failed: 2 },
      failedByReason: { msg_banned: 1, msg_channel_suspended: 1 },
    });
    for (let t = 0; t < 600_000; t += 1_000) {
      await a.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect(await a.take()).toEqual([]);
    // Joining again is the operator's retry.
    const again = await coordinator.handle({ type: 'join', channels: ['banned'] });
    expect(again).toMatchObject({ result: { resolved: { banned: 'a' } } });
  });

  it('retries transient failures with growing back-off', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a');
    const coordinator = await cluster.active({ retryBaseMs: 1_000, retryMaxMs: 4_000 });
    await coordinator.handle({ type: 'join', channels: ['quiet'] });
    const attempts: number[] = [];
    for (let t = 0; t < 20_000; t += 100) {
      for (const command of await a.take()) {
        if (command.type !== 'join') continue;
        attempts.push(cluster.clock.now());
        const at = cluster.clock.now();
        await cluster.report({
          type: 'join-failed',
          workerId: 'a',
          channel: 'quiet',
          reason: 'no_answer',
          at,
        });
      }
      await a.heartbeat();
      await cluster.clock.advanceAsync(100);
    }
    const gaps = attempts.slice(1).map((t, i) => t - attempts[i]!);
    expect(gaps.slice(0, 4).map((g) => Math.round(g / 100) * 100)).toEqual([1_100, 2_100, 4_100, 4_100]);
  });

  it('re-places a channel lost with its connection, and turns a ban-part into a failure', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['x', 'y'] });
    await a.confirm();
    await coordinator.tick();
    const at = cluster.clock.now();
    await cluster.report({ type: 'parted', workerId: 'a', channel: 'x', reason: 'connection-lost', at });
    await cluster.report({ type: 'parted', workerId: 'a', channel: 'y', reason: 'banned', at });
    await coordinator.tick();
    expect(await a.take()).toEqual([{ type: 'join', channels: ['x'], identity: 'bot', fence: 1 }]);
    expect(coordinator.status().failedByReason).toEqual({ msg_banned: 1 });
  });

  it('keeps a bounded list of recent gaps', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    const coordinator = await cluster.active({ recentGaps: 3 });
    for (let i = 0; i < 5; i++) {
      await cluster.report({
        type: 'gap',
        workerId: 'a',
        connectionId: 'c',
        channel: `ch${i}`,
        from: i,
        to: i + 1,
      });
    }
    await coordinator.tick();
    expect(coordinator.status().recentGaps.map((g) => g.channel)).toEqual(['ch2', 'ch3', 'ch4']);
  });

  it('withdraws and retries a join nobody answered (a command lost with a crashed coordinator)', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a');
    const coordinator = await cluster.active({ pendingTimeoutMs: 5_000, retryBaseMs: 1_000 });
    await coordinator.handle({ type: 'join', channels: ['x'] });
    expect(await a.take()).toHaveLength(1);
    for (let t = 0; t < 7_500; t += 500) {
      await a.heartbeat();
      await cluster.clock.advanceAsync(500);
    }
    expect(await a.take()).toEqual([
      { type: 'part', channels: ['x'], fence: 1 },
      { type: 'join', channels: ['x'], identity: 'bot', fence: 1 },
    ]);
    expect(coordinator.status().recentEvents.some((e) => e.type === 'retry')).toBe(true);
  });
});
