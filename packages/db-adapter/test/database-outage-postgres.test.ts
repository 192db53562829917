import { randomBytes } from 'node:crypto';
import { ChannelEventBuffer, DatabaseChannelManager } from '@tmi-cluster/core';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { Cluster, joinsOf } from '../../core/test/coordinator-fixture.js';
import { migrateToLatest, openDatabase, type SqlDatabase, SqlChannelStore } from '../src/index.js';
import { POSTGRES, serverAvailable } from './helpers/services.js';

const up = await serverAvailable('PostgreSQL', POSTGRES);

/** A database of its own, so refusing its connections disturbs nobody else on the server. */
async function scratchDatabase(admin: SqlDatabase): Promise<string> {
  const name = `tmi_outage_${randomBytes(4).toString('hex')}`;
  await sql`create database ${sql.id(name)}`.execute(admin.raw);
  return name;
}

async function cutOff(admin: SqlDatabase, name: string, allow: boolean): Promise<void> {
  await sql`alter database ${sql.id(name)} allow_connections ${sql.raw(allow ? 'true' : 'false')}`.execute(
    admin.raw,
  );
  if (!allow) {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where datname = ${name} and pid <> pg_backend_pid()`.execute(
      admin.raw,
    );
  }
}

describe.runIf(up)('a PostgreSQL database that goes away mid-run', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  });

  it('keeps serving the channels it holds, retries every interval, and recovers when it is back', async () => {
    const admin = openDatabase(POSTGRES);
    cleanups.push(() => admin.close());
    const name = await scratchDatabase(admin);
    cleanups.push(async () => {
      await cutOff(admin, name, false);
      await sql`drop database if exists ${sql.id(name)}`.execute(admin.raw);
    });
    const idleErrors: Error[] = [];
    const database = openDatabase(
      { ...POSTGRES, database: name },
      { onIdleError: (e) => idleErrors.push(e) },
    );
    cleanups.push(() => database.close());
    await migrateToLatest(database);

    const cluster = new Cluster();
    const store = new SqlChannelStore(database);
    const manager = new DatabaseChannelManager(store, { clock: cluster.clock });
    cluster.channels = manager;
    const writeErrors: unknown[] = [];
    const log = new ChannelEventBuffer(store, {
      clock: cluster.clock,
      flushMs: 500,
      onError: (e) => writeErrors.push(e),
    });
    const deps = cluster.deps.bind(cluster);
    cluster.deps = (clock) => ({ ...deps(clock), channelEvents: log });
    await manager.authorize(['held'], { reconnect: true });
    const w = await cluster.worker('w1');
    const coordinator = await cluster.active({
      reconnectIntervalMs: 5_000,
      staleIntervalMs: 5_000,
      staleJitterMs: 0,
    });
    // The manual clock fires the coordinator's timer, but its queries take real time: one explicit
    // tick per simulated second waits for them (ticks are serialised).
    const second = async () => {
      await w.heartbeat();
      cluster.clock.advance(1_000);
      await coordinator.tick();
      await w.confirm();
    };
    await coordinator.tick();
    await w.confirm();
    await coordinator.tick();
    expect(coordinator.status()).toMatchObject({ wanted: 1, placements: { confirmed: 1 } });

    await cutOff(admin, name, false);
    // A join during the outage fails (it cannot check authorization) but is only this request's problem.
    await expect(coordinator.handle({ type: 'join', channels: ['newbie'] })).rejects.toThrow();
    // The worker's connection drops and it re-joins: both are logged, and kept until the database is back.
    const at = cluster.clock.now();
    await cluster.report({
      type: 'parted',
      workerId: 'w1',
      channel: 'held',
      reason: 'connection-lost',
      at,
      identity: 'bot',
    });
    await coordinator.tick();
    await w.confirm();
    for (let t = 0; t < 12_000; t += 1_000) await second();
    const skipped = coordinator
      .status()
      .recentEvents.filter((e) => /skipped.*retrying next interval/.test(e.message));
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(coordinator.active).toBe(true);
    expect(coordinator.status()).toMatchObject({ wanted: 1, placements: { confirmed: 1 } });
    expect((await w.take()).filter((c) => c.type === 'part')).toEqual([]);
    expect(await log.flush()).toBe(false);
    // joined (not flushed yet when the database went), parted, joined again.
    expect(log.buffered).toBe(3);
    expect(writeErrors.length).toBeGreaterThan(0);

    await cutOff(admin, name, true);
    await manager.authorize(['later'], { reconnect: true });
    for (let t = 0; t < 40_000 && !(await joinsOf(cluster, 'w1')).includes('later'); t += 1_000)
      await second();
    expect(await joinsOf(cluster, 'w1')).toEqual(['held', 'held', 'later']);
    await w.confirm();
    await coordinator.tick();
    await log.close();
    const logged = (await store.events()).map((e) => `${e.kind} ${e.channel}`).reverse();
    expect(logged.filter((e) => !e.startsWith('authorized'))).toEqual([
      'joined held',
      'parted held',
      'joined held',
      'joined later',
    ]);
  }, 60_000);
});
