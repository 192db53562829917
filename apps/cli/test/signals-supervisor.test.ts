import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fixture, PROCESS_EXEC_ARGV } from './fixtures/paths.js';

interface Reported {
  type: string;
  workerId?: string;
  code?: number;
  workersLeft?: number;
}

/** A real supervisor process with real worker threads, driven only by signals. */
describe('supervisor process under signals', () => {
  it('pauses on SIGUSR2, continues on SIGCONT, drains and exits 0 on SIGTERM', async () => {
    const child = fork(fileURLToPath(fixture('supervisor-child.ts')), [], {
      execArgv: PROCESS_EXEC_ARGV,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const events: Reported[] = [];
    const waiters: (() => void)[] = [];
    child.on('message', (m: Reported) => {
      events.push(m);
      for (const w of waiters.splice(0)) w();
    });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const until = (type: string, n: number) =>
      new Promise<void>((resolve) => {
        const check = () => (count(type) >= n ? resolve() : waiters.push(check));
        check();
      });

    await until('ready', 2);
    child.kill('SIGUSR2');
    await until('paused', 1);
    await until('exited', 2);
    child.kill('SIGCONT');
    await until('continued', 1);
    await until('ready', 4);
    child.kill('SIGTERM');
    expect(await exit).toBe(0);

    const workers = (type: string) => events.filter((e) => e.type === type).map((e) => e.workerId);
    expect(workers('ready').sort()).toEqual(['sup-w1', 'sup-w2', 'sup-w3', 'sup-w4']);
    expect(workers('exited').sort()).toEqual(['sup-w1', 'sup-w2', 'sup-w3', 'sup-w4']);
    expect(count('crashed')).toBe(0);
    expect(count('killed')).toBe(0);
    // Every worker deregistered itself in onStop, through the bridge.
    expect(events.at(-1)).toEqual({ type: 'exit', code: 0, workersLeft: 0 });
  });
});
