import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTmiClusterError } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config/index.js';
import { coordinatorOptionsFrom, supervisorOptionsFrom } from '../src/embedded/options.js';
import { workerConfigFrom, workerConfigSchema } from '../src/embedded/worker-config.js';

const empty = () => mkdtempSync(path.join(tmpdir(), 'tmi-readers-'));
const BOT = { TMI_CLUSTER_IDENTITY__LOGIN: 'mybot', TMI_CLUSTER_IDENTITY__TOKEN: 'oauth:abc' };

describe('configuration: readers, anonymous tier and the drain budget', () => {
  it('reads anonymously and sends as the bot by default', async () => {
    const { config } = await loadConfig({ cwd: empty(), env: BOT });
    expect(config.readers).toBe('anonymous');
    expect(config.anonymous.tier).toBe('normal');
    const worker = workerConfigFrom(config, 'h');
    expect(worker.identity).toBe('anonymous');
    expect(worker.sender).toEqual({ login: 'mybot', token: 'oauth:abc', tier: 'normal' });
    expect(workerConfigSchema.parse(worker)).toEqual(worker);
    // The anonymous readers' JOIN pace stays the coordinator's default unless told otherwise.
    expect(coordinatorOptionsFrom(config, 'c').anonymousJoinLimit).toBeUndefined();
  });

  it('`readers: bot` reads and sends as the bot; no bot means anonymous reading only', async () => {
    const { config } = await loadConfig({ cwd: empty(), env: { ...BOT, TMI_CLUSTER_READERS: 'bot' } });
    const worker = workerConfigFrom(config, 'h');
    expect(worker.identity).toEqual({ login: 'mybot', token: 'oauth:abc', tier: 'normal' });
    expect(worker.sender).toBeNull();
    const { config: anonymous } = await loadConfig({ cwd: empty(), env: {} });
    expect(workerConfigFrom(anonymous, 'h')).toMatchObject({ identity: 'anonymous', sender: null });
  });

  it('gives verified anonymous readers the verified JOIN budget and passes the connection spacing on', async () => {
    const { config } = await loadConfig({
      cwd: empty(),
      env: { TMI_CLUSTER_ANONYMOUS__TIER: 'verified', TMI_CLUSTER_CONNECTION__CONNECT_SPACING_MS: '250' },
    });
    expect(coordinatorOptionsFrom(config, 'c').anonymousJoinLimit).toEqual({ count: 2000, windowMs: 10_500 });
    const worker = workerConfigFrom(config, 'h');
    expect(worker.anonymousTier).toBe('verified');
    expect(worker.connection.connectSpacingMs).toBe(250);
  });

  it('derives the three drain deadlines from supervisor.drainTimeoutMs, nested', async () => {
    const { config } = await loadConfig({
      cwd: empty(),
      env: { TMI_CLUSTER_SUPERVISOR__DRAIN_TIMEOUT_MS: '30000' },
    });
    const coordinator = coordinatorOptionsFrom(config, 'c');
    expect(coordinator.drainTimeoutMs).toBe(20_000);
    expect(coordinator.drainedWhenAlone).toBe(true);
    expect(workerConfigFrom(config, 'h').drainTimeoutMs).toBe(25_000);
    expect(supervisorOptionsFrom(config).drainTimeoutMs).toBe(30_000);
  });

  it('names a bad readers or anonymous.tier value', async () => {
    const err = await loadConfig({
      cwd: empty(),
      env: { TMI_CLUSTER_READERS: 'everyone', TMI_CLUSTER_ANONYMOUS__TIER: 'gold' },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG')).toBe(true);
    expect((err as Error).message).toMatch(/readers: .*\(from TMI_CLUSTER_READERS\)/);
    expect((err as Error).message).toMatch(/anonymous\.tier: .*\(from TMI_CLUSTER_ANONYMOUS__TIER\)/);
  });
});
