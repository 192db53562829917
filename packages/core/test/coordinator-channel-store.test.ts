import { describe, expect, it } from 'vitest';
import { ChannelEventBuffer } from '../src/channels/channel-event-buffer.js';
import { DatabaseChannelManager } from '../src/channels/database-channel-manager.js';
import { flakyChannelStore } from './channel-flaky-store.js';
import { Cluster, joinsOf } from './coordinator-fixture.js';

function setup() {
  const cluster = new Cluster();
  const flaky = flakyChannelStore();
  const manager = new DatabaseChannelManager(flaky.store, { clock: cluster.clock, staleHours: 1 });
  cluster.channels = manager;
  const log = new ChannelEventBuffer(flaky.store, { clock: cluster.clock, flushMs: 100 });
  const deps = cluster.deps.bind(cluster);
  cluster.deps = (clock) => ({ ...deps(clock), channelEvents: log });
  return { cluster, flaky, manager, log };
}

describe('coordinator on the Database channel manager', () => {
  it('records joined, failed, parted, authorized and revoked with worker and reason', async () => {
    const { cluster, flaky, manager, log } = setup();
    await manager.authorize(['ok', 'banned', 'gone']);
    const w = await cluster.worker('w1');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['ok', 'banned', 'gone'] });
    await w.take();
    const at = cluster.clock.now();
    await cluster.report({ type: 'joined', workerId: 'w1', connectionId: 'c0', channel: 'ok', at });
    await cluster.report({ type: 'joined', workerId: 'w1', connectionId: 'c0', channel: 'gone', at });
    await cluster.report({
      type: 'join-failed',
      workerId: 'w1',
      channel: 'banned',
      reason: 'msg_banned',
      at,
    });
    await coordinator.tick();
    await coordinator.handle({ type: 'revoke', channels: ['gone'] });
    await log.flush();
    const events = (await flaky.inner.events()).map((e) => [e.channel, e.kind, e.reason, e.workerId]);
    expect(events).toEqual(
      expect.arrayContaining([
        ['ok', 'joined', null, 'w1'],
        ['gone', 'joined', null, 'w1'],
        ['banned', 'failed', 'msg_banned', 'w1'],
        ['gone', 'revoked', null, null],
        ['gone', 'parted', 'revoked', 'w1'],
        ['ok', 'authorized', null, null],
      ]),
    );
    expect(events).toHaveLength(8);
  });

  it('parts channels not acknowledged for staleHours at the next cleanup', async () => {
    const { cluster, manager } = setup();
    await manager.authorize(['keep', 'old']);
    const w = await cluster.worker('w1');
    const coordinator = await cluster.active({ staleIntervalMs: 60_000, staleJitterMs: 0 });
    await coordinator.handle({ type: 'join', channels: ['keep', 'old'] });
    await w.confirm();
    for (let t = 0; t < 3_600_000; t += 60_000) {
      await w.heartbeat({}, 120_000);
      if (t === 1_800_000) await manager.acknowledged(['keep']);
      await cluster.clock.advanceAsync(60_000);
    }
    await w.heartbeat({}, 120_000);
    await cluster.clock.advanceAsync(60_000);
    const parts = (await w.take()).filter((c) => c.type === 'part');
    expect(parts.map((p) => (p.type === 'part' ? p.channels : []))).toEqual([['old']]);
    expect(coordinator.status().wanted).toBe(1);
  });

  it('keeps its channels and retries the hooks next interval while the database is down', async () => {
    const { cluster, flaky, manager } = setup();
    await manager.authorize(['held'], { reconnect: true });
    const w = await cluster.worker('w1');
    const coordinator = await cluster.active({
      reconnectIntervalMs: 5_000,
      staleIntervalMs: 5_000,
      staleJitterMs: 0,
    });
    await coordinator.tick();
    await w.confirm();
    expect(await joinsOf(cluster, 'w1')).toEqual(['held']);
    flaky.down = true;
    for (let t = 0; t < 20_000; t += 1_000) {
      await w.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    const errors = coordinator.status().recentEvents.filter((e) => e.type === 'error');
    expect(
      errors.filter((e) => /auto-reconnect skipped.*retrying next interval/.test(e.message)).length,
    ).toBe(4);
    expect(errors.filter((e) => /stale cleanup skipped/.test(e.message)).length).toBe(4);
    expect(coordinator.active).toBe(true);
    expect(coordinator.status()).toMatchObject({ wanted: 1, placements: { confirmed: 1 } });
    expect((await w.take()).filter((c) => c.type === 'part')).toEqual([]);
    // Back: the next interval works again, and new reconnect channels are picked up.
    flaky.down = false;
    await manager.authorize(['later'], { reconnect: true });
    for (let t = 0; t < 5_000; t += 1_000) {
      await w.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect((await joinsOf(cluster, 'w1')).sort()).toEqual(['held', 'later']);
  });

  it('a command failing on the database neither stalls the loop nor rebuilds it; it is retried', async () => {
    const { cluster, flaky, manager } = setup();
    await manager.authorize(['held', 'wanted']);
    const w = await cluster.worker('w1');
    const coordinator = await cluster.active({ commandRetryIdleMs: 5_000 });
    await coordinator.handle({ type: 'join', channels: ['held'] });
    await w.confirm();
    await coordinator.tick();
    flaky.down = true;
    await expect(coordinator.handle({ type: 'join', channels: ['wanted'] })).rejects.toMatchObject({
      code: 'TMI_ERR_DATABASE',
    });
    await cluster.send({ type: 'join', channels: ['wanted'] });
    await coordinator.tick();
    // The worker lost its connection: the very next tick re-places the channel (no back-off).
    const at = cluster.clock.now();
    await cluster.report({ type: 'parted', workerId: 'w1', channel: 'held', reason: 'connection-lost', at });
    await coordinator.tick();
    expect(await w.take()).toEqual([expect.objectContaining({ type: 'join', channels: ['held'] })]);
    expect(coordinator.status().recentEvents.filter((e) => e.message.includes('state reloads'))).toEqual([]);
    expect(
      coordinator
        .status()
        .recentEvents.filter((e) => /channel manager unavailable.*retried later/.test(e.message)),
    ).toHaveLength(2);
    // Back: the command that failed in the stream is delivered again and joins.
    flaky.down = false;
    for (let t = 0; t < 6_000; t += 1_000) {
      await w.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect((await joinsOf(cluster, 'w1')).sort()).toEqual(['held', 'held', 'wanted']);
  });

  it('refuses invalid logins with TMI_ERR_INVALID_CHANNEL and writes nothing', async () => {
    const { flaky, manager } = setup();
    const before = flaky.calls;
    await expect(manager.authorize(['fine', 'x'.repeat(26)])).rejects.toMatchObject({
      code: 'TMI_ERR_INVALID_CHANNEL',
      message: expect.stringContaining('at most 25'),
    });
    await expect(manager.revoke([''])).rejects.toMatchObject({
      message: expect.stringContaining('must not be empty'),
    });
    await expect(manager.acknowledged(['semi;colon'])).rejects.toMatchObject({
      message: expect.stringContaining('a-z, 0-9 and _'),
    });
    await expect(manager.stale(['DROP TABLE x'])).rejects.toMatchObject({ code: 'TMI_ERR_INVALID_CHANNEL' });
    expect(flaky.calls).toBe(before);
  });
});
