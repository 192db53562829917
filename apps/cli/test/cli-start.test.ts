import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const cliDir = fileURLToPath(new URL('..', import.meta.url));

describe('tmi-cluster start', () => {
  it('runs with --sim; join, status and health work through the control socket; SIGTERM exits 0', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmi-start-'));
    const control = path.join(dir, 'c.sock');
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        bin,
        'start',
        '--sim',
        '--sim-channels',
        '60',
        '--rate',
        '100',
        '--stats',
        '1',
        '--control',
        control,
      ],
      {
        cwd: cliDir,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, NODE_OPTIONS: '--conditions=source' },
      },
    );
    let out = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
    });
    child.stderr.on('data', (b: Buffer) => {
      out += b.toString();
    });
    const waitFor = async (re: RegExp, ms = 30_000) => {
      const until = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > until || child.exitCode !== null) throw new Error(`no ${re} in:\n${out}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    try {
      await waitFor(/Ctrl-C drains/);
      expect(out).toMatch(/identity\s+simbot \(verified\)/);
      await waitFor(/60 wanted \/ 60 confirmed/);
      expect(
        await runCli(['node', 'tmi-cluster', 'join', 'channel0', 'extra_channel', '--control', control]),
      ).toBe(0);
      expect(await runCli(['node', 'tmi-cluster', 'join', 'bad-name!', '--control', control])).toBe(2);
      expect(await runCli(['node', 'tmi-cluster', 'status', '--control', control])).toBe(0);
      expect(await runCli(['node', 'tmi-cluster', 'status', '--json', '--control', control])).toBe(0);
      expect(await runCli(['node', 'tmi-cluster', 'health', '--at-least-one', '--control', control])).toBe(0);
      expect(
        await runCli(['node', 'tmi-cluster', 'say', 'channel1', 'hi', 'there', '--control', control]),
      ).toBe(0);
      await waitFor(/events\/s/);
    } finally {
      child.kill('SIGTERM');
    }
    const [code] = await once(child, 'exit');
    expect(code).toBe(0);
    expect(out).toMatch(/tmi-cluster stopped \(exit code 0\)/);
  }, 90_000);

  it('health without a running cluster exits 3 with a clear message', async () => {
    const control = path.join(mkdtempSync(path.join(tmpdir(), 'tmi-h-')), 'none.sock');
    expect(await runCli(['node', 'tmi-cluster', 'health', '--control', control])).toBe(3);
  });

  it('refuses an invalid config with exit 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmi-cfg-'));
    const file = path.join(dir, 'tmi-cluster.config.json');
    writeFileSync(file, JSON.stringify({ workers: { min: 5, max: 2 } }));
    expect(await runCli(['node', 'tmi-cluster', 'start', '--config', file])).toBe(2);
    expect(await runCli(['node', 'tmi-cluster', 'start', '--channels', 'ok,not ok!'])).toBe(2);
  });
});
