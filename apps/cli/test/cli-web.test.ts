import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const cliDir = fileURLToPath(new URL('..', import.meta.url));

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

let child: ChildProcess | null = null;
afterEach(async () => {
  if (child !== null && child.exitCode === null) {
    child.kill('SIGTERM');
    await once(child, 'exit');
  }
  child = null;
});

function start(args: string[], port: number) {
  const control = path.join(mkdtempSync(path.join(tmpdir(), 'tmi-web-')), 'c.sock');
  const proc = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      bin,
      'start',
      '--sim',
      '--sim-channels',
      '5',
      '--rate',
      '10',
      '--stats',
      '0',
      '--control',
      control,
      ...args,
    ],
    {
      cwd: cliDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_OPTIONS: '--conditions=source', TMI_CLUSTER_WEB__PORT: String(port) },
    },
  );
  child = proc;
  let out = '';
  proc.stdout.on('data', (b: Buffer) => {
    out += b.toString();
  });
  proc.stderr.on('data', (b: Buffer) => {
    out += b.toString();
  });
  const waitFor = async (re: RegExp, ms = 30_000) => {
    const until = Date.now() + ms;
    while (!re.test(out)) {
      if (Date.now() > until || proc.exitCode !== null) throw new Error(`no ${re} in:\n${out}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    return re.exec(out)!;
  };
  return { proc, waitFor, output: () => out };
}

describe('tmi-cluster start serves the dashboard', () => {
  it('on by default: /health answers and the printed admin token signs in', async () => {
    const port = await freePort();
    const { proc, waitFor } = start([], port);
    const line = await waitFor(/web\s+(http:\/\/127\.0\.0\.1:(\d+))\s+\(admin token for this run: (\S+)\)/);
    expect(Number(line[2])).toBe(port);
    const url = line[1]!;
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Nothing lists a channel to an anonymous visitor.
    expect((await fetch(`${url}/api/channels`)).status).toBe(401);
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: line[3] }),
    });
    expect(login.status).toBe(200);
    const cookie = login.headers.getSetCookie()[0]!.split(';')[0]!;
    let wanted = 0;
    const until = Date.now() + 30_000;
    while (wanted !== 5 && Date.now() < until) {
      const overview = (await (await fetch(`${url}/api/overview`, { headers: { cookie } })).json()) as {
        channels: { confirmed: number };
      };
      wanted = overview.channels.confirmed;
      if (wanted !== 5) await new Promise((r) => setTimeout(r, 200));
    }
    expect(wanted).toBe(5);
    proc.kill('SIGTERM');
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  }, 90_000);

  it('--no-web starts none', async () => {
    const port = await freePort();
    const { proc, waitFor, output } = start(['--no-web'], port);
    await waitFor(/Ctrl-C drains/);
    expect(output()).not.toMatch(/^\s+web\s/m);
    await expect(fetch(`http://127.0.0.1:${port}/health`)).rejects.toThrow();
    proc.kill('SIGTERM');
    const [code] = await once(proc, 'exit');
    expect(code).toBe(0);
  }, 90_000);

  it('a taken port is reported and the cluster runs on', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const { port } = blocker.address() as { port: number };
    try {
      const { proc, waitFor } = start([], port);
      await waitFor(/web: 127\.0\.0\.1:\d+ is in use; the dashboard is not running/);
      await waitFor(/Ctrl-C drains/);
      proc.kill('SIGTERM');
      const [code] = await once(proc, 'exit');
      expect(code).toBe(0);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  }, 90_000);

  it('`tmi-cluster web` without Redis says where the embedded dashboard runs (exit 2)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tmi-webcmd-'));
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      expect(await runCli(['node', 'tmi-cluster', 'web', '--port', '9999'])).toBe(2);
      expect(await runCli(['node', 'tmi-cluster', 'web', '--port', 'x'])).toBe(2);
    } finally {
      process.chdir(cwd);
    }
  });
});
