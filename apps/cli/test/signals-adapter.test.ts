import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { EXIT } from '../src/exit-codes.js';
import { fixture, PROCESS_EXEC_ARGV } from './fixtures/paths.js';

function start(env: Record<string, string> = {}) {
  const child = fork(fileURLToPath(fixture('signals-child.ts')), [], {
    execArgv: PROCESS_EXEC_ARGV,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const events: string[] = [];
  const waiters: (() => void)[] = [];
  child.on('message', (m: { event: string }) => {
    events.push(m.event);
    for (const w of waiters.splice(0)) w();
  });
  const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const seen = (count: number) =>
    new Promise<void>((resolve) => {
      const check = () => (events.length >= count ? resolve() : waiters.push(check));
      check();
    });
  return { child, events, exit, seen };
}

async function signal(t: ReturnType<typeof start>, name: NodeJS.Signals, count: number) {
  (t.child as ChildProcess).kill(name);
  await t.seen(count);
}

describe('signals adapter in a real process', () => {
  it('maps SIGUSR2 → pause, SIGCONT → continue, SIGTERM → terminate, a second SIGINT → forced exit', async () => {
    const t = start({ FORCE_RESULT: '7' });
    await t.seen(1);
    await signal(t, 'SIGUSR2', 2);
    await signal(t, 'SIGCONT', 3);
    await signal(t, 'SIGTERM', 4);
    await signal(t, 'SIGINT', 5);
    expect(t.events).toEqual(['ready', 'pause', 'continue', 'terminate', 'terminate-force']);
    // The process exits with what the forced terminate resolved to.
    expect(await t.exit).toBe(7);
  });

  it('exits with 6 after forceExitMs when the forced terminate hangs', async () => {
    const t = start({ FORCE_HANGS: '1' });
    await t.seen(1);
    await signal(t, 'SIGINT', 2);
    await signal(t, 'SIGINT', 3);
    expect(await t.exit).toBe(EXIT.forced);
  });
});
