import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import tmi from 'tmi.js';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/program.js';
import { captureStderr } from './helpers/capture-stderr.js';

const bin = fileURLToPath(new URL('../src/bin.ts', import.meta.url));
const cliDir = fileURLToPath(new URL('..', import.meta.url));

/** Runs `tmi-cluster sim …` as a real child process (through tsx) and collects its stdout. */
function startSimProcess(args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', bin, 'sim', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    cwd: cliDir,
    env: { ...process.env, NODE_OPTIONS: '--conditions=source' },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => {
    stdout += b.toString();
  });
  child.stderr.on('data', (b: Buffer) => {
    stderr += b.toString();
  });
  return {
    child,
    output: () => stdout,
    errors: () => stderr,
    async waitFor(re: RegExp, ms = 20_000): Promise<RegExpMatchArray> {
      const until = Date.now() + ms;
      for (;;) {
        const m = stdout.match(re);
        if (m) return m;
        if (Date.now() > until || child.exitCode !== null)
          throw new Error(`no ${re} in:\n${stdout}\n${stderr}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

describe('tmi-cluster sim', () => {
  it('serves generated chat that tmi.js receives, and stops cleanly on SIGTERM', async () => {
    const sim = startSimProcess([
      '--port',
      '0',
      '--ws-port',
      '0',
      '--http-port',
      '0',
      '--channels',
      '5',
      '--rate',
      '200',
      '--stats',
      '0',
    ]);
    const [, port] = await sim.waitFor(/port: (\d+), secure: false/);
    expect(sim.output()).toMatch(/channels\s+5 \(channel0 … channel4\)/);
    expect(sim.output()).toMatch(/traffic\s+200 lines\/s, generated, seed 1/);

    const client = new tmi.Client({
      connection: { server: '127.0.0.1', port: Number(port), secure: false, reconnect: false },
      options: { skipUpdatingEmotesets: true },
      channels: ['channel0'],
    });
    const messages: string[] = [];
    client.on('message', (_channel, tags) => {
      messages.push(String(tags.id));
    });
    await client.connect();
    const until = Date.now() + 10_000;
    while (messages.length < 20 && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
    await client.disconnect();
    // channel0 is the most popular channel of the Zipf distribution: it gets a large share of 200/s.
    expect(messages.length).toBeGreaterThanOrEqual(20);
    expect(new Set(messages).size).toBe(messages.length);

    sim.child.kill('SIGTERM');
    const [code] = await once(sim.child, 'exit');
    expect(code).toBe(0);
    expect(sim.output()).toContain('twitch-sim stopped');
  });

  it('rejects bad options with exit code 2 and names each option', async () => {
    const { result: code, stderr: text } = await captureStderr(() =>
      runCli(['node', 'tmi-cluster', 'sim', '--ws-port', '70000', '--rate', 'fast', '--account', 'Bad:tok']),
    );
    expect(code).toBe(2);
    expect(text).toContain('--ws-port: must be 0..65535');
    expect(text).toMatch(/--rate: /);
    expect(text).toContain('--account.0: must be login:token (lowercase login)');
  });

  it('reports a port already in use as a usage error, not a crash', async () => {
    const net = await import('node:net');
    const server = net.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const busy = (server.address() as import('node:net').AddressInfo).port;
    const sim = startSimProcess([
      '--port',
      String(busy),
      '--ws-port',
      '0',
      '--http-port',
      '0',
      '--rate',
      '0',
    ]);
    const [code] = await once(sim.child, 'exit');
    server.close();
    expect(code).toBe(2);
    expect(sim.errors()).toMatch(/cannot listen: .*EADDRINUSE.*choose another port/);
  });
});
