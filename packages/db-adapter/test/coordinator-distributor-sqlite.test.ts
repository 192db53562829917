import { DatabaseChannelManager } from '@tmi-cluster/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Cluster, HEARTBEAT_TTL, joinsOf } from '../../core/test/coordinator-fixture.js';
import { type SqlDatabase, SqlChannelStore } from '../src/index.js';
import { migratedDatabase, tempSqlite } from './helpers/services.js';

// The original's ChannelDistributorTest cases (reference §11) on the Database manager over SQLite.
describe('coordinator with the Database manager on SQLite: the original distributor cases', () => {
  let file: ReturnType<typeof tempSqlite>;
  let database: SqlDatabase;
  let drop: () => Promise<void>;
  let cluster: Cluster;
  let manager: DatabaseChannelManager;

  beforeEach(async () => {
    file = tempSqlite();
    ({ database, drop } = await migratedDatabase(file.connection));
    cluster = new Cluster();
    manager = new DatabaseChannelManager(new SqlChannelStore(database), { clock: cluster.clock });
    cluster.channels = manager;
    await manager.authorize(['ghostzero', 'test', 'foo', 'c1', 'c2', 'c3', 'c4', 'other']);
  });
  afterEach(async () => {
    await drop();
    file.remove();
  });

  it('unauthorized: an unknown or revoked channel is not joined', async () => {
    await manager.revoke(['foo']);
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    const reply = await coordinator.handle({ type: 'join', channels: ['ghostzero', 'foo', 'unknown'] });
    expect(reply).toEqual({
      type: 'join',
      result: { resolved: { ghostzero: 'w1' }, ignored: {}, rejected: [], unauthorized: ['foo', 'unknown'] },
    });
    expect(await joinsOf(cluster, 'w1')).toEqual(['ghostzero']);
  });

  it('rejected with no workers, queued, and placed once a worker appears', async () => {
    const coordinator = await cluster.active();
    expect(await coordinator.handle({ type: 'join', channels: ['ghostzero'] })).toEqual({
      type: 'join',
      result: { resolved: {}, ignored: {}, rejected: ['ghostzero'], unauthorized: [] },
    });
    await cluster.worker('w1');
    await cluster.clock.advanceAsync(1_000);
    expect(await joinsOf(cluster, 'w1')).toEqual(['ghostzero']);
  });

  it('rejected with only unhealthy workers (starting, or heartbeat expired)', async () => {
    const expired = await cluster.worker('expired');
    await expired.heartbeat({}, 3_000);
    cluster.clock.advance(3_000);
    await cluster.worker('starting', { state: 'starting' });
    const coordinator = await cluster.active();
    expect(await coordinator.handle({ type: 'join', channels: ['ghostzero'] })).toMatchObject({
      result: { rejected: ['ghostzero'], resolved: {}, unauthorized: [] },
    });
    expect(await joinsOf(cluster, 'starting')).toEqual([]);
  });

  it('resolved to the single live worker, and acknowledged in the database', async () => {
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    expect(await coordinator.handle({ type: 'join', channels: ['ghostzero'] })).toMatchObject({
      result: { resolved: { ghostzero: 'w1' }, rejected: [], ignored: {}, unauthorized: [] },
    });
    const [row] = await manager.store.list({ search: 'ghostzero' });
    expect(row?.acknowledgedAt).toBe(cluster.clock.now());
  });

  it('ignored when already joined; new ones spread least-loaded', async () => {
    await cluster.worker('a');
    await cluster.worker('b');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['ghostzero'] });
    const second = await coordinator.handle({
      type: 'join',
      channels: ['ghostzero', 'c1', 'c2', 'c3', 'c4'],
    });
    expect(second).toMatchObject({ result: { ignored: { ghostzero: 'a' }, rejected: [], unauthorized: [] } });
    const resolved = second.type === 'join' ? Object.values(second.result.resolved) : [];
    expect(resolved.filter((w) => w === 'a')).toHaveLength(2);
    expect(resolved.filter((w) => w === 'b')).toHaveLength(2);
  });

  it('re-homed after a dead worker', async () => {
    const dead = await cluster.worker('dead');
    const coordinator = await cluster.active();
    await coordinator.handle({ type: 'join', channels: ['ghostzero', 'other'] });
    await dead.confirm();
    await coordinator.tick();
    const live = await cluster.worker('live');
    for (let t = 0; t < HEARTBEAT_TTL + 1_000; t += 1_000) {
      await live.heartbeat();
      await cluster.clock.advanceAsync(1_000);
    }
    expect((await joinsOf(cluster, 'live')).sort()).toEqual(['ghostzero', 'other']);
    expect(coordinator.status().recentEvents.some((e) => e.type === 'rehomed')).toBe(true);
  });
});
