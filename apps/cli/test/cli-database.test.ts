import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { runCli } from '../src/program.js';
import { captureStderr } from './helpers/capture-stderr.js';

/** Runs the CLI in-process and returns its exit code, stdout and stderr. */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    const { result, stderr } = await captureStderr(() => runCli(['node', 'tmi-cluster', ...args]));
    return { code: result, out: chunks.join(''), err: stderr };
  } finally {
    process.stdout.write = write;
  }
}

describe('tmi-cluster migrate / authorize / channels (SQLite)', () => {
  let dir: string;
  let config: string;
  const control = () => path.join(dir, 'none.sock');

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tmi-cli-db-'));
    config = path.join(dir, 'tmi-cluster.config.json');
    writeFileSync(
      config,
      JSON.stringify({
        database: { dialect: 'sqlite', filename: path.join(dir, 'c.sqlite'), staleHours: 1 },
      }),
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('migrates once, then reports the schema current', async () => {
    expect(await cli('migrate', '--config', config)).toMatchObject({
      code: EXIT.ok,
      out: 'sqlite: applied 1 migration(s)\n  2026_11_23_000001_channels\n',
    });
    expect((await cli('migrate', '--config', config)).out).toBe('sqlite: schema is current\n');
  });

  it('authorizes, revokes and lists with filters', async () => {
    await cli('migrate', '--config', config);
    expect((await cli('authorize', '#Alpha,bravo', 'charlie', '--reconnect', '--config', config)).out).toBe(
      'authorized with reconnect: alpha, bravo, charlie\n',
    );
    const revoked = await cli('authorize', 'bravo', '--revoke', '--config', config, '--control', control());
    expect(revoked.code).toBe(EXIT.ok);
    expect(revoked.out).toMatch(/^revoked: bravo\nno cluster answered .* parts them at its next cleanup\n$/);

    const all = (await cli('channels', '--config', config)).out.split('\n');
    expect(all[0]).toMatch(/^CHANNEL\s+STATE\s+RECONNECT\s+ACKNOWLEDGED\s+STALE$/);
    expect(all[1]).toMatch(/^alpha\s+authorized\s+reconnect\s+-$/);
    expect(all[2]).toMatch(/^bravo\s+revoked\s+reconnect\s+-\s+stale$/);
    expect(all[4]).toBe('3 channel(s)');
    expect((await cli('channels', '--revoked', '--config', config)).out).toMatch(
      /^CHANNEL.*\nbravo .*\n1 channel\(s\)\n$/,
    );
    expect((await cli('channels', '--stale', '--config', config)).out).toMatch(
      /\nbravo .*\n1 channel\(s\)\n$/,
    );
    expect((await cli('channels', '--search', 'harl', '--config', config)).out).toMatch(
      /\ncharlie .*\n1 channel\(s\)\n$/,
    );
    const json = JSON.parse(
      (await cli('channels', '--json', '--search', 'alpha', '--config', config)).out,
    ) as unknown[];
    expect(json).toEqual([expect.objectContaining({ login: 'alpha', revoked: false, reconnect: true })]);
  });

  it('refuses bad names, contradicting flags and a missing database section with exit 2', async () => {
    await cli('migrate', '--config', config);
    const bad = await cli(
      'authorize',
      'ok',
      'way_too_long_for_a_twitch_login',
      'bad-name',
      '--config',
      config,
    );
    expect(bad).toMatchObject({ code: EXIT.usage });
    expect(bad.err).toContain('invalid channel name(s): way_too_long_for_a_twitch_login, bad-name');
    expect((await cli('channels', '--config', config)).out).toBe('no channels\n');
    expect((await cli('authorize', 'x', '--revoke', '--reconnect', '--config', config)).code).toBe(
      EXIT.usage,
    );
    const bare = path.join(dir, 'bare.json');
    writeFileSync(bare, '{}');
    const none = await cli('channels', '--config', bare);
    expect(none.code).toBe(EXIT.usage);
    expect(none.err).toContain('no database configured');
    writeFileSync(bare, JSON.stringify({ database: { dialect: 'postgres' } }));
    const invalid = await cli('migrate', '--config', bare);
    expect(invalid.code).toBe(EXIT.usage);
    expect(invalid.err).toContain('database.url: postgres needs url, or host and database');
  });

  it('fails clearly (exit 1) when the tables are missing', async () => {
    const result = await cli('channels', '--config', config);
    expect(result.code).toBe(EXIT.failure);
    expect(result.err).toMatch(
      /TMI_ERR_DATABASE: sqlite list failed: no such table: tmi_cluster_channels \(run `tmi-cluster migrate`\)/,
    );
  });
});
