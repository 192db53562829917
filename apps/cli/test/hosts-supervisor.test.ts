import { MemoryRegistry, MemoryStreamLog, systemClock } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
// Core's index does not export the supervisor yet (see the report); tests may reach its source.
import { Supervisor, type SupervisorEvent } from '@tmi-cluster/core';
import { ProcessWorkerHost } from '../src/hosts/process-host.js';
import { fixture, PROCESS_EXEC_ARGV } from './fixtures/paths.js';

describe('Supervisor with real process workers', () => {
  it('detects a kill -9 as a crash with its signal, restarts after the back-off, terminates cleanly', async () => {
    const events: SupervisorEvent[] = [];
    const waiters: (() => void)[] = [];
    const supervisor = new Supervisor(
      {
        id: 'sup',
        host: 'test',
        registry: new MemoryRegistry(),
        streams: new MemoryStreamLog(),
        workerHost: new ProcessWorkerHost({
          entry: fixture('process-worker.ts'),
          execArgv: PROCESS_EXEC_ARGV,
          config: { mode: 'normal', statsIntervalMs: 100 },
        }),
        clock: systemClock,
        onEvent: (e) => {
          events.push(e);
          for (const w of waiters.splice(0)) w();
        },
      },
      { initialWorkers: 2, restartMinMs: 200, restartMaxMs: 400, killTimeoutMs: 2_000, commandBlockMs: 100 },
    );
    const until = (type: string, n: number) =>
      new Promise<void>((resolve) => {
        const check = () =>
          events.filter((e) => e.type === type).length >= n ? resolve() : waiters.push(check);
        check();
      });

    await supervisor.start();
    await until('ready', 2);
    const victim = supervisor.status().workers.find((w) => w.id === 'sup-w1')!;
    expect(victim.kind).toBe('process');
    process.kill(victim.pid!, 'SIGKILL');
    await until('crashed', 1);
    const crashed = events.find((e) => e.type === 'crashed')!;
    expect(crashed).toMatchObject({ workerId: 'sup-w1', data: { signal: 'SIGKILL', why: 'signal SIGKILL' } });
    await until('ready', 3);
    const restarted = events.find((e) => e.type === 'spawned' && e.workerId === 'sup-w3')!;
    expect(restarted.data).toMatchObject({ kind: 'process', restart: true });
    expect(restarted.at - crashed.at).toBeGreaterThanOrEqual(200);
    expect(supervisor.status().restarts).toBe(1);

    expect(await supervisor.terminate()).toBe(0);
    const exited = events.filter((e) => e.type === 'exited').map((e) => e.workerId);
    expect(exited.sort()).toEqual(['sup-w2', 'sup-w3']);
    expect(events.filter((e) => e.type === 'killed')).toEqual([]);
  });
});
