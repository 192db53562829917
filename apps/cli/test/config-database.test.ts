import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, redactConfig } from '../src/config/load.js';

const cwd = mkdtempSync(path.join(tmpdir(), 'tmi-cfg-db-'));
const load = (env: Record<string, string>) => loadConfig({ cwd, env });

describe('config: database', () => {
  it('is absent by default (Dummy manager)', async () => {
    expect((await load({})).config.database).toBeUndefined();
  });

  it('reads TMI_CLUSTER_DATABASE__* and fills every default', async () => {
    const { config } = await load({
      TMI_CLUSTER_DATABASE__DIALECT: 'postgres',
      TMI_CLUSTER_DATABASE__URL: 'postgres://bot@db/tmi',
      TMI_CLUSTER_DATABASE__AUTO_CLEANUP__INTERVAL_MS: '60000',
      TMI_CLUSTER_DATABASE__RESTRICT_MESSAGES: 'true',
    });
    expect(config.database).toEqual({
      dialect: 'postgres',
      url: 'postgres://bot@db/tmi',
      tablePrefix: 'tmi_cluster_',
      poolSize: 10,
      staleHours: 168,
      autoCleanup: { enabled: true, intervalMs: 60_000, maxDelayMs: 600_000 },
      reconnectIntervalMs: 30_000,
      restrictMessages: true,
      migrate: true,
    });
  });

  it('names the key, the rule and the variable of each mistake', async () => {
    const err = await load({
      TMI_CLUSTER_DATABASE__DIALECT: 'sqlite',
      TMI_CLUSTER_DATABASE__URL: 'postgres://x',
      TMI_CLUSTER_DATABASE__STALE_HOURS: '0',
      TMI_CLUSTER_DATABASE__STALE_HOURSS: '5',
    }).catch((e: unknown) => e as Error);
    expect(err).toBeInstanceOf(Error);
    const message = (err as Error).message;
    expect(message).toContain('database.staleHours: Too small');
    expect(message).toContain('(from TMI_CLUSTER_DATABASE__STALE_HOURS)');
    expect(message).toContain('unknown key(s) staleHourss');
    const url = await load({
      TMI_CLUSTER_DATABASE__DIALECT: 'sqlite',
      TMI_CLUSTER_DATABASE__URL: 'postgres://x',
    }).catch((e: unknown) => e as Error);
    expect((url as Error).message).toContain(
      'database.url: not used by sqlite (use filename) (from TMI_CLUSTER_DATABASE__URL)',
    );
  });

  it('redacts the password, also inside the url, when the config is printed', async () => {
    const { config } = await load({
      TMI_CLUSTER_DATABASE__DIALECT: 'mysql',
      TMI_CLUSTER_DATABASE__URL: 'mysql://bot:s3cret@db:3306/tmi',
      TMI_CLUSTER_DATABASE__PASSWORD: 'other',
    });
    expect(redactConfig(config)).toMatchObject({
      database: { url: 'mysql://bot:[redacted]@db:3306/tmi', password: '[redacted]' },
    });
  });
});
