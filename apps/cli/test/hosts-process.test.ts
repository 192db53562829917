import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { ProcessWorkerHost } from '../src/hosts/process-host.js';
import { fixture, PROCESS_EXEC_ARGV } from './fixtures/paths.js';
import { watch } from './fixtures/watch.js';

const host = (mode: string) =>
  new ProcessWorkerHost({
    entry: fixture('process-worker.ts'),
    execArgv: PROCESS_EXEC_ARGV,
    config: { mode, statsIntervalMs: 50 },
    // The uncaught-error fixture prints its stack; keep it out of the test output.
    silent: true,
  });

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function until(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return check();
}

describe('ProcessWorkerHost with real child processes', () => {
  it('spawns, gets ready, reads RSS, drains and exits 0 on stop', async () => {
    const handle = host('normal').spawn({ workerId: 'sup-w1', supervisorId: 'sup' });
    expect(handle.kind).toBe('process');
    expect(handle.pid).toBeGreaterThan(0);
    const w = watch(handle);
    await w.next('ready');
    const rss = await handle.memory();
    expect(rss).toBeGreaterThan(10_000_000);
    handle.send({ type: 'drain' });
    await w.next('drained');
    handle.send({ type: 'stop' });
    expect(await w.exit).toEqual({ code: 0, signal: null });
    expect(w.messages.map((m) => m.type).filter((t) => t !== 'stats')).toEqual([
      'ready',
      'draining',
      'drained',
    ]);
    expect(await handle.memory()).toBeNull();
  });

  it('reports a kill -9 from outside as an exit by SIGKILL', async () => {
    const handle = host('normal').spawn({ workerId: 'sup-w2', supervisorId: 'sup' });
    const w = watch(handle);
    await w.next('ready');
    process.kill(handle.pid!, 'SIGKILL');
    expect(await w.exit).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('kill() ends a worker that ignores drain and stop', async () => {
    const handle = host('hang').spawn({ workerId: 'sup-w3', supervisorId: 'sup' });
    const w = watch(handle);
    await w.next('ready');
    handle.send({ type: 'stop' });
    handle.kill();
    expect(await w.exit).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('delivers fatal before the exit (code 10), and an uncaught error exits 1', async () => {
    const fatal = watch(host('fatal').spawn({ workerId: 'sup-w4', supervisorId: 'sup' }));
    const uncaught = watch(host('uncaught').spawn({ workerId: 'sup-w5', supervisorId: 'sup' }));
    expect(await fatal.exit).toEqual({ code: EXIT.workerFatal, signal: null });
    const message = fatal.messages.find((m) => m.type === 'fatal');
    expect(message?.type === 'fatal' && message.message).toMatch(/fixture gave up/);
    expect(await uncaught.exit).toEqual({ code: 1, signal: null });
  });

  it('exits by itself when its supervisor dies (no orphans)', async () => {
    const parent = fork(fileURLToPath(fixture('orphan-parent.ts')), [], {
      execArgv: PROCESS_EXEC_ARGV,
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
    });
    const { workerPid } = await new Promise<{ workerPid: number }>((resolve) =>
      parent.once('message', resolve as never),
    );
    expect(alive(workerPid)).toBe(true);
    parent.kill('SIGKILL');
    expect(await until(() => !alive(workerPid), 10_000)).toBe(true);
  });

  it('refuses to run without a supervisor (exit 12)', async () => {
    const child = fork(fileURLToPath(fixture('process-worker.ts')), [], {
      execArgv: PROCESS_EXEC_ARGV,
      env: { ...process.env, TMI_CLUSTER_WORKER_DATA: '{"workerId":""}' },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(EXIT.workerBadStart);
    expect(stderr).toMatch(/workerId must be a non-empty string/);
  });
});
