import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DatabaseChannelManager } from '@tmi-cluster/core';
import type { TwitchSim } from '@tmi-cluster/twitch-sim';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigInput } from '../src/config/schema.js';
import { serveControl } from '../src/control/server.js';
import { controlHandler } from '../src/embedded/control.js';
import { connectCluster } from '../src/index.js';
import { runCli } from '../src/program.js';
import { captureStderr } from './helpers/capture-stderr.js';
import { simConfig, startSim, until } from './helpers/embedded-harness.js';

const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Connections the sim has in `channel` right now: its own view, not the cluster's. */
const onSim = (sim: TwitchSim, channel: string) =>
  sim.channelsSnapshot().find((c) => c.login === channel)?.connections ?? 0;

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tmi-embedded-db-'));
  closers.push(async () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function dbConfig(sim: TwitchSim, file: string, database: Record<string, unknown> = {}): ConfigInput {
  return simConfig(sim, {
    workers: { min: 1, max: 1 },
    scaling: { enabled: false },
    database: { dialect: 'sqlite', filename: file, reconnectIntervalMs: 300, ...database },
  } as ConfigInput);
}

describe('embedded cluster with a database (SQLite) against twitch-sim', () => {
  it('migrates by itself, joins reconnect channels by itself, and does so again after a restart', async () => {
    const sim = await startSim(10);
    closers.push(() => sim.close());
    const file = path.join(tempDir(), 'cluster.sqlite');
    const first = await connectCluster(dbConfig(sim, file));
    await first.client.authorize(['channel1', 'channel2'], { reconnect: true });
    await first.client.authorize(['channel3']);
    await until(
      () => onSim(sim, 'channel1') > 0 && onSim(sim, 'channel2') > 0,
      'auto-reconnect joins',
      15_000,
    );
    expect(onSim(sim, 'channel3')).toBe(0);
    await first.close();
    await until(() => onSim(sim, 'channel1') === 0, 'the closed cluster to leave', 10_000);

    // The list lives in the file: a new cluster on it rejoins without being told.
    const second = await connectCluster(dbConfig(sim, file));
    closers.push(() => second.close());
    await until(
      () => onSim(sim, 'channel1') > 0 && onSim(sim, 'channel2') > 0,
      'rejoin after restart',
      15_000,
    );
    const manager = second.cluster.ports.channels as DatabaseChannelManager;
    const joins = async () =>
      (await manager.store.events({ channel: 'channel1' })).filter((e) => e.kind === 'joined');
    await until(async () => (await joins()).length === 2, 'both joins in the event log', 5_000);
    const events = await manager.store.events({ channel: 'channel1' });
    expect(events.at(-1)).toMatchObject({ kind: 'authorized', workerId: null });
  }, 60_000);

  it('auto-cleanup parts a channel nobody asked for in staleHours, on the sim too', async () => {
    const sim = await startSim(10);
    closers.push(() => sim.close());
    const file = path.join(tempDir(), 'cluster.sqlite');
    // 0.001 h = 3.6 s stale; cleanup every 500 ms + up to 200 ms.
    const c = await connectCluster(
      dbConfig(sim, file, { staleHours: 0.001, autoCleanup: { intervalMs: 500, maxDelayMs: 200 } }),
    );
    closers.push(() => c.close());
    // Channels asked for before a worker is ready would go stale while queued: wait for one.
    await until(
      async () => (await c.client.status()).workers.some((w) => w.state === 'ready'),
      'a ready worker',
    );
    const joined = await c.client.join(['channel4', 'channel5'], { authorize: true });
    expect(joined.unauthorized).toEqual([]);
    await until(() => onSim(sim, 'channel4') > 0 && onSim(sim, 'channel5') > 0, 'joined on the sim');
    // channel5 is asked for again (acknowledged) halfway; channel4 is not.
    await new Promise((r) => setTimeout(r, 2_000));
    await c.client.join(['channel5']);
    await until(() => onSim(sim, 'channel4') === 0, 'channel4 parted by cleanup', 10_000);
    expect(onSim(sim, 'channel5')).toBeGreaterThan(0);
    const manager = c.cluster.ports.channels as DatabaseChannelManager;
    await until(
      async () => (await manager.store.events({ channel: 'channel4' })).some((e) => e.kind === 'parted'),
      'parted logged',
      5_000,
    );
    expect(
      (await manager.store.events({ channel: 'channel4' })).find((e) => e.kind === 'parted'),
    ).toMatchObject({
      reason: 'stale',
    });
    // Unauthorized channels are not joined at all.
    expect(await c.client.join(['channel6'])).toMatchObject({ unauthorized: ['channel6'] });
  }, 60_000);

  it('restrictMessages refuses say to an unauthorized channel and sends to an authorized one', async () => {
    const sim = await startSim(10);
    closers.push(() => sim.close());
    const file = path.join(tempDir(), 'cluster.sqlite');
    const c = await connectCluster(dbConfig(sim, file, { restrictMessages: true }));
    closers.push(() => c.close());
    await c.client.join(['channel7'], { authorize: true });
    await until(async () => (await c.client.status()).channels.placements.confirmed === 1, 'confirmed');
    expect(await c.client.say('channel8', 'not here')).toEqual({
      status: 'rejected',
      channel: 'channel8',
      reason: 'unauthorized',
    });
    expect(await c.client.say('channel7', 'hello there')).toMatchObject({
      status: 'sent',
      channel: 'channel7',
    });
    await c.client.revoke(['channel7']);
    expect(await c.client.say('channel7', 'again')).toMatchObject({
      status: 'rejected',
      reason: 'unauthorized',
    });
  }, 60_000);
  it('keeps serving its channels when the SQLite handle is closed under it, and still shuts down', async () => {
    const sim = await startSim(10);
    closers.push(() => sim.close());
    const file = path.join(tempDir(), 'cluster.sqlite');
    const c = await connectCluster(
      dbConfig(sim, file, { autoCleanup: { intervalMs: 300, maxDelayMs: 0 }, reconnectIntervalMs: 300 }),
      { client: { requestTimeoutMs: 2_000 } },
    );
    let closed = false;
    closers.push(() => (closed ? Promise.resolve() : c.close()));
    await c.client.authorize(['channel1'], { reconnect: true });
    await until(() => onSim(sim, 'channel1') > 0, 'joined by auto-reconnect');
    await c.cluster.database?.close();
    const skipped = async () =>
      c.cluster.coordinator
        .status()
        .recentEvents.filter((e) => /skipped: the channel manager failed/.test(e.message));
    await until(async () => (await skipped()).length >= 4, 'both hooks failing and retrying', 10_000);
    expect(c.cluster.coordinator.active).toBe(true);
    expect(onSim(sim, 'channel1')).toBeGreaterThan(0);
    expect(await c.client.say('channel1', 'still here')).toMatchObject({ status: 'sent' });
    // A new join cannot be authorized meanwhile: the coordinator retries it, the caller times out.
    await expect(c.client.join(['channel2'])).rejects.toMatchObject({ code: 'TMI_ERR_TIMEOUT' });
    closed = true;
    expect(await c.close()).toBe(0);
  }, 60_000);

  it('`tmi-cluster authorize --revoke` writes the database and the running cluster parts at once', async () => {
    const sim = await startSim(10);
    closers.push(() => sim.close());
    const dir = tempDir();
    const file = path.join(dir, 'cluster.sqlite');
    const c = await connectCluster(dbConfig(sim, file));
    closers.push(() => c.close());
    const socket = path.join(dir, 'control.sock');
    const server = await serveControl(socket, controlHandler(c.cluster));
    closers.push(() => server.close());
    const configFile = path.join(dir, 'tmi-cluster.config.json');
    writeFileSync(configFile, JSON.stringify({ database: { dialect: 'sqlite', filename: file } }));
    const cli = async (...args: string[]) => {
      let out = '';
      const write = process.stdout.write.bind(process.stdout);
      process.stdout.write = ((chunk: string) => {
        out += chunk;
        return true;
      }) as typeof process.stdout.write;
      try {
        const { result } = await captureStderr(() => runCli(['node', 'tmi-cluster', ...args]));
        return { code: result, out };
      } finally {
        process.stdout.write = write;
      }
    };
    expect(await cli('authorize', 'channel3', '--reconnect', '--config', configFile)).toEqual({
      code: 0,
      out: 'authorized with reconnect: channel3\n',
    });
    await until(() => onSim(sim, 'channel3') > 0, 'auto-reconnect of the CLI-authorized channel');
    expect(
      await cli('authorize', 'channel3', '--revoke', '--config', configFile, '--control', socket),
    ).toEqual({
      code: 0,
      out: 'revoked: channel3\nthe running cluster parted them\n',
    });
    await until(() => onSim(sim, 'channel3') === 0, 'parted on the sim', 5_000);
  }, 60_000);
});
