import { describe, expect, it } from 'vitest';
import { CrashHistory } from '../src/supervisor/crash-history.js';
import { resolveSupervisorOptions } from '../src/supervisor/options.js';
import { flush, startSupervisor, T0 } from './supervisor-fixture.js';

describe('Supervisor: keeping the target', () => {
  it('starts initialWorkers as <id>-w<n>, heartbeats its pool every second, stays registered', async () => {
    const f = await startSupervisor({ initialWorkers: 2 });
    expect(f.host.handles.map((h) => h.id)).toEqual(['sup-w1', 'sup-w2']);
    expect(f.supervisor.status().workers.map((w) => w.state)).toEqual(['running', 'running']);
    await f.advance(1_000);
    const record = await f.registry.get('supervisor', 'sup');
    expect(record).toMatchObject({ kind: 'supervisor', host: 'host-a', state: 'running', startedAt: T0 });
    expect(record?.data).toEqual({
      workers: 2,
      target: 2,
      paused: false,
      host: 'host-a',
      pid: 4242,
      memory: 50_000_000,
      restarts: 0,
      retiring: 0,
      workerIds: ['sup-w1', 'sup-w2'],
    });
    await f.advance(30_000);
    // TTL is 5 s: only the 1 s heartbeat keeps it listed after 30 s.
    expect((await f.registry.list('supervisor')).map((r) => r.id)).toEqual(['sup']);
  });

  it('follows scale commands from the coordinator and clamps to maxWorkers', async () => {
    const f = await startSupervisor({ maxWorkers: 4 });
    expect(f.host.handles).toHaveLength(0);
    await f.command({ type: 'scale', workers: 3 });
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w1', 'sup-w2', 'sup-w3']);
    await f.command({ type: 'scale', workers: 50 });
    expect(f.host.alive).toHaveLength(4);
    expect(f.ofType('scaled').at(-1)?.data).toEqual({ requested: 50, target: 4 });
  });

  it('restarts a crashed worker with exponential back-off, then cools down after 3 crashes in 60 s', async () => {
    const f = await startSupervisor({ initialWorkers: 1 });
    const crash = async () => {
      f.host.alive[0]!.exit({ code: 1, signal: null });
      await flush();
    };
    const spawnTimes = () => f.host.handles.map((h) => h.spawnedAt - T0);

    await crash(); // 1st crash at 0 → restart after 1 s
    await f.advance(999);
    expect(spawnTimes()).toEqual([0]);
    await f.advance(1);
    expect(spawnTimes()).toEqual([0, 1_000]);

    await crash(); // 2nd at 1 s → 2 s
    await f.advance(2_000);
    expect(spawnTimes()).toEqual([0, 1_000, 3_000]);

    await crash(); // 3rd within 60 s → cooldown 60 s
    expect(f.ofType('crashed').at(-1)?.data).toMatchObject({
      code: 1,
      recent: 3,
      cooldown: true,
      delayMs: 60_000,
    });
    await f.advance(59_999);
    expect(spawnTimes()).toEqual([0, 1_000, 3_000]);
    await f.advance(1);
    expect(spawnTimes()).toEqual([0, 1_000, 3_000, 63_000]);

    // The earlier crashes left the 60 s window: back to the 1 s step.
    await crash();
    await f.advance(1_000);
    expect(spawnTimes()).toEqual([0, 1_000, 3_000, 63_000, 64_000]);
    expect(f.supervisor.status().restarts).toBe(4);
    expect(f.ofType('spawned').at(-1)?.data).toMatchObject({ restart: true });
  });

  it('quotes the fatal message and the signal of a crash', async () => {
    const f = await startSupervisor({ initialWorkers: 2 });
    const [w1, w2] = f.host.alive;
    w1!.say({ type: 'fatal', message: 'token revoked' });
    w1!.exit({ code: 10, signal: null });
    w2!.exit({ code: null, signal: 'SIGKILL' });
    await flush();
    expect(f.ofType('crashed').map((e) => e.data?.['why'])).toEqual(['token revoked', 'signal SIGKILL']);
  });

  it('kills a worker that never says ready (a crash), and one that falls silent', async () => {
    const f = await startSupervisor({ initialWorkers: 1, readyTimeoutMs: 30_000, silenceTimeoutMs: 60_000 });
    const first = f.host.alive[0]!;
    await f.advance(30_000);
    first.say({ type: 'stats', memory: 1, lagMs: 0 }); // any message proves it is alive
    await f.advance(59_999);
    expect(first.killed).toBe(false);
    await f.advance(1); // checked every 5 s: 60 s since the last message at 30 s
    expect(first.killed).toBe(true);
    expect(f.ofType('killed')[0]).toMatchObject({ at: T0 + 90_000, data: { why: 'silent' } });

    f.host.next = { ...f.host.next, ready: false };
    await f.advance(1_000); // replacement after the 1 s back-off, and it never gets ready
    const second = f.host.alive[0]!;
    expect(second.spawnedAt).toBe(T0 + 91_000);
    await f.advance(29_999);
    expect(second.killed).toBe(false);
    await f.advance(1);
    expect(second.killed).toBe(true);
    expect(f.ofType('crashed').map((e) => e.data?.['why'])).toEqual(['silent', 'ready-timeout']);
  });

  it('counts a host that cannot spawn as crashes and backs off instead of spinning', async () => {
    const f = await startSupervisor();
    f.host.failSpawn = true;
    f.supervisor.scale(2);
    await f.advance(10_000);
    expect(f.ofType('crashed').map((e) => e.at - T0)).toEqual([0, 1_000, 3_000]);
    f.host.failSpawn = false;
    await f.advance(53_000);
    expect(f.host.alive).toHaveLength(2);
    expect(f.host.alive.map((h) => h.spawnedAt - T0)).toEqual([63_000, 63_000]);
  });
});

describe('CrashHistory', () => {
  const policy = resolveSupervisorOptions({ restartMinMs: 1_000, restartMaxMs: 5_000, crashLimit: 10 });

  it('adds up to 50 % jitter and never goes past restartMaxMs', () => {
    const history = new CrashHistory(policy, () => 0.999);
    const delays = [0, 1, 2, 3, 4].map((i) => history.record(T0 + i).delayMs);
    expect(delays).toEqual([1_500, 2_999, 5_000, 5_000, 5_000]);
  });

  it('refuses inconsistent options, naming the key', () => {
    expect(() => resolveSupervisorOptions({ heartbeatIntervalMs: 5_000, heartbeatTtlMs: 5_000 })).toThrow(
      /supervisor\.heartbeatTtlMs/,
    );
    expect(() => resolveSupervisorOptions({ killTimeoutMs: -1 })).toThrow(/TMI_ERR_INVALID_CONFIG/);
  });
});
