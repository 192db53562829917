import { describe, expect, it } from 'vitest';
import { Streams } from '../src/protocol/streams.js';
import { SUPERVISOR_EXIT } from '../src/supervisor/exit-codes.js';
import { flush, startSupervisor, T0 } from './supervisor-fixture.js';

const MIB = 1024 * 1024;

describe('Supervisor: terminate', () => {
  it('drains every worker in parallel, kills the one that never answers at killTimeoutMs, deregisters', async () => {
    const f = await startSupervisor({ initialWorkers: 3, drainTimeoutMs: 5_000, killTimeoutMs: 2_000 });
    const [good, silent, deaf] = f.host.alive;
    silent!.behaviour.drain = false; // never drained, but stops when told
    deaf!.behaviour.drain = false;
    deaf!.behaviour.stop = false; // ignores everything but a kill
    let code: number | undefined;
    void f.supervisor.terminated.then((c) => {
      code = c;
    });
    const returned = f.supervisor.terminate();
    await flush();
    expect(good!.exited).toEqual({ code: 0, signal: null });
    expect([silent, deaf].map((h) => h!.received)).toEqual([[{ type: 'drain' }], [{ type: 'drain' }]]);
    expect((await f.registry.get('supervisor', 'sup'))?.state).toBe('terminating');

    await f.advance(5_000);
    expect(silent!.exited).toEqual({ code: 0, signal: null });
    expect(deaf!.exited).toBeNull();
    await f.advance(1_999);
    expect(code).toBeUndefined();
    await f.advance(1);
    expect(deaf!.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(code).toBe(SUPERVISOR_EXIT.ok);
    expect(await returned).toBe(0);
    expect(f.ofType('terminated')[0]?.at).toBe(T0 + 7_000);
    expect(await f.registry.get('supervisor', 'sup')).toBeNull();
    // Nothing restarts, and the timers are gone.
    await f.advance(120_000);
    expect(f.host.handles).toHaveLength(3);
    expect(await f.registry.get('supervisor', 'sup')).toBeNull();
  });

  it('forgets a worker whose exit never comes after the kill, so terminate stays bounded', async () => {
    const f = await startSupervisor({ initialWorkers: 1, drainTimeoutMs: 5_000, killTimeoutMs: 2_000 });
    Object.assign(f.host.alive[0]!.behaviour, { drain: false, stop: false, kill: false });
    const done = f.supervisor.terminate();
    await f.advance(9_000);
    expect(await done).toBe(0);
    expect(f.ofType('lost').map((e) => e.at - T0)).toEqual([9_000]);
  });

  it('runs on the terminate command; a forced terminate kills the rest at once (exit 6)', async () => {
    const f = await startSupervisor({ initialWorkers: 2 });
    for (const h of f.host.alive) h.behaviour.drain = false;
    await f.command({ type: 'terminate' });
    expect(f.ofType('terminating')).toHaveLength(1);
    const code = f.supervisor.terminate({ force: true });
    await flush();
    expect(f.host.alive).toEqual([]);
    expect(f.host.handles.every((h) => h.killed)).toBe(true);
    expect(await code).toBe(SUPERVISOR_EXIT.forced);
    // Commands after the end change nothing.
    f.supervisor.scale(3);
    f.supervisor.continue();
    expect(f.host.handles).toHaveLength(2);
  });

  it('terminates with exit code 5 when its own memory passes memoryLimitBytes', async () => {
    const f = await startSupervisor({ initialWorkers: 1, memoryLimitBytes: 100 * MIB });
    f.selfMemory.bytes = 100 * MIB; // at the limit: fine (strictly above counts)
    await f.advance(5_000);
    expect(f.ofType('terminating')).toEqual([]);
    f.selfMemory.bytes = 100 * MIB + 1;
    await f.advance(5_000);
    expect(await f.supervisor.terminated).toBe(SUPERVISOR_EXIT.memoryLimit);
    expect(f.ofType('memory-limit')[0]?.data).toEqual({ bytes: 100 * MIB + 1, limit: 100 * MIB });
  });
});

describe('Supervisor: pause and continue', () => {
  it('drains and stops its workers, stays registered as paused, then returns to the target', async () => {
    const f = await startSupervisor({ initialWorkers: 2 });
    await f.command({ type: 'pause' });
    expect(f.host.alive).toEqual([]);
    expect(f.ofType('crashed')).toEqual([]);
    await f.advance(60_000);
    expect(f.host.handles).toHaveLength(2);
    const paused = await f.registry.get('supervisor', 'sup');
    expect(paused?.state).toBe('paused');
    expect(paused?.data).toMatchObject({ paused: true, workers: 0, target: 2 });

    f.supervisor.scale(3); // the target still follows the coordinator while paused
    await flush();
    expect(f.host.alive).toEqual([]);

    await f.command({ type: 'continue' });
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w3', 'sup-w4', 'sup-w5']);
    await f.advance(1_000);
    expect((await f.registry.get('supervisor', 'sup'))?.data).toMatchObject({ paused: false, workers: 3 });
  });
});

describe('Supervisor: memory limits and bad commands', () => {
  it('drains and replaces a worker over workerMemoryLimitBytes (handle.memory() or its stats)', async () => {
    const f = await startSupervisor({ initialWorkers: 2, workerMemoryLimitBytes: 100 * MIB });
    const [w1, w2] = f.host.alive;
    w1!.memoryBytes = 200 * MIB;
    w2!.say({ type: 'stats', memory: 150 * MIB, lagMs: 3 }); // memory() says null: stats count
    await f.advance(5_000);
    expect(f.ofType('memory-limit').map((e) => e.workerId)).toEqual(['sup-w1', 'sup-w2']);
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w3', 'sup-w4']);
    // Make-before-break: the replacement started before the old one was gone.
    const order = f.events
      .filter((e) => ['spawned', 'exited'].includes(e.type))
      .map((e) => `${e.type}:${e.workerId}`);
    expect(order.indexOf('spawned:sup-w3')).toBeLessThan(order.indexOf('exited:sup-w1'));
    expect(f.ofType('crashed')).toEqual([]);
  });

  it('moves an invalid command to the dead-letter stream and keeps going', async () => {
    const f = await startSupervisor();
    await f.command({ type: 'scale', workers: -1 });
    await f.command({ type: 'reboot' });
    await f.streams.append(Streams.supervisor('sup'), { payload: 'not json' });
    await f.command({ type: 'scale', workers: 1 });
    const dead = await f.streams.range(Streams.deadLetter, '-', '+');
    expect(dead.map((e) => e.fields['stream'])).toEqual([
      'cmd:supervisor:sup',
      'cmd:supervisor:sup',
      'cmd:supervisor:sup',
    ]);
    expect(dead[0]?.fields['reason']).toMatch(/workers/);
    expect(f.ofType('dead-letter')).toHaveLength(3);
    expect(f.host.alive).toHaveLength(1);
    // Everything was acknowledged, the bad entries included.
    expect(await f.streams.pending('cmd:supervisor:sup', 'supervisor')).toEqual([]);
  });
});
