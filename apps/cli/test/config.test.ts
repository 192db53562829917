import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isTmiClusterError } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../src/config/index.js';
import { runCli } from '../src/program.js';
import { captureStderr } from './helpers/capture-stderr.js';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'tmi-config-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

async function configError(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG')).toBe(true);
  return (err as Error).message;
}

describe('configuration', () => {
  it('has working defaults with no file and no env', async () => {
    const { config, file } = await loadConfig({ cwd: dirWith({}), env: {} });
    expect(file).toBeNull();
    expect(config.identity).toBeUndefined();
    expect(config.connection.maxChannels).toBe(90);
    expect(config.server).toEqual({ host: 'irc-ws.chat.twitch.tv', port: 443, secure: true });
    expect(Object.isFrozen(config.workers)).toBe(true);
  });

  it('turns on cluster mode from TMI_CLUSTER_REDIS__* and redacts the URL password', async () => {
    const { config } = await loadConfig({
      cwd: dirWith({}),
      env: {
        TMI_CLUSTER_REDIS__URL: 'redis://app:s3cret@redis.internal:6379',
        TMI_CLUSTER_REDIS__PREFIX: 'bots:',
      },
    });
    expect(config.redis).toEqual({ url: 'redis://app:s3cret@redis.internal:6379', prefix: 'bots:' });
    expect(JSON.stringify(redactConfig(config))).not.toContain('s3cret');
    await expect(loadConfig({ cwd: dirWith({}), env: { TMI_CLUSTER_REDIS__PORT: '1' } })).rejects.toSatisfy(
      (err: unknown) =>
        isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG') && /redis/.test((err as Error).message),
    );
  });

  it('reads a TypeScript config file and lets TMI_CLUSTER_* variables override it', async () => {
    const cwd = dirWith({
      'tmi-cluster.config.ts': `const maxChannels: number = 50;
export default { identity: { login: 'mybot', token: 'oauth:abc' }, connection: { maxChannels }, channels: ['a', 'b'] };`,
    });
    const env = {
      TMI_CLUSTER_CONNECTION__MAX_CHANNELS: '120',
      TMI_CLUSTER_IDENTITY__TIER: 'verified',
      OTHER: 'x',
    };
    const { config, file, envKeys } = await loadConfig({ cwd, env });
    expect(file).toMatch(/tmi-cluster\.config\.ts$/);
    expect(config.connection.maxChannels).toBe(120);
    expect(config.identity).toEqual({ login: 'mybot', token: 'oauth:abc', tier: 'verified' });
    expect(config.channels).toEqual(['a', 'b']);
    expect(envKeys.sort()).toEqual(['TMI_CLUSTER_CONNECTION__MAX_CHANNELS', 'TMI_CLUSTER_IDENTITY__TIER']);
  });

  it('names every bad key, the rule and where it came from', async () => {
    const cwd = dirWith({
      'tmi-cluster.config.json': JSON.stringify({
        connection: { maxChannels: 0 },
        workers: { min: 5, max: 2 },
        colour: 'red',
      }),
    });
    const message = await configError(
      loadConfig({ cwd, env: { TMI_CLUSTER_IDENTITY__LOGIN: 'Not A Login' } }),
    );
    expect(message).toContain('connection.maxChannels: ');
    expect(message).toContain('(from tmi-cluster.config.json)');
    expect(message).toContain('workers.min: min must not exceed max');
    expect(message).toContain('unknown key(s) colour');
    expect(message).toMatch(
      /identity\.login: must be a lowercase Twitch login .*\(from TMI_CLUSTER_IDENTITY__LOGIN\)/,
    );
    expect(message).toContain('identity.token: ');
  });

  it('reports a config file that does not parse, or does not export an object', async () => {
    expect(
      await configError(loadConfig({ cwd: dirWith({ 'tmi-cluster.config.json': '{ nope' }), env: {} })),
    ).toMatch(/cannot read .*tmi-cluster\.config\.json/);
    expect(
      await configError(
        loadConfig({ cwd: dirWith({ 'tmi-cluster.config.js': 'export default 42;' }), env: {} }),
      ),
    ).toMatch(/must export \(default\) an object/);
    expect(await configError(loadConfig({ file: 'missing.json', cwd: dirWith({}), env: {} }))).toMatch(
      /does not exist/,
    );
  });

  it('redacts secrets when printed', async () => {
    const { config } = await loadConfig({
      cwd: dirWith({}),
      env: { TMI_CLUSTER_IDENTITY__LOGIN: 'bot', TMI_CLUSTER_IDENTITY__TOKEN: 'supersecret' },
    });
    const printed = JSON.stringify(redactConfig(config));
    expect(printed).not.toContain('supersecret');
    expect(printed).toContain('"token":"[redacted]"');
  });

  it('`tmi-cluster config` exits 2 with the problems on bad config', async () => {
    const cwd = dirWith({ 'bad.json': JSON.stringify({ workers: { capacity: -1 } }) });
    const { result, stderr } = await captureStderr(() =>
      runCli(['node', 'tmi-cluster', 'config', '--config', path.join(cwd, 'bad.json')]),
    );
    expect(result).toBe(2);
    expect(stderr).toContain('workers.capacity: ');
  });
});
