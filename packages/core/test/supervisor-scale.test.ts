import { describe, expect, it } from 'vitest';
import { flush, startSupervisor, T0 } from './supervisor-fixture.js';

describe('Supervisor: scaling in', () => {
  it('retires the workers the coordinator named first, then the newest', async () => {
    const f = await startSupervisor({ initialWorkers: 4 });
    await f.command({ type: 'scale', workers: 2, drain: ['sup-w2', 'not-ours'] });
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w1', 'sup-w3']);
    expect(f.host.byId('sup-w2').received).toEqual([{ type: 'drain' }, { type: 'stop' }]);
    expect(f.host.byId('sup-w4').received).toEqual([{ type: 'drain' }, { type: 'stop' }]);
    expect(f.ofType('retiring').map((e) => [e.workerId, e.data?.['reason']])).toEqual([
      ['sup-w2', 'named'],
      ['sup-w4', 'scale'],
    ]);
    expect(f.ofType('exited').map((e) => e.workerId)).toEqual(['sup-w2', 'sup-w4']);
    expect(f.ofType('crashed')).toEqual([]);

    await f.command({ type: 'scale', workers: 1 });
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w1']);
  });

  it('retires every named worker even beyond the surplus, and tops up with a new one', async () => {
    const f = await startSupervisor({ initialWorkers: 2 });
    // The coordinator already told both to drain: keeping one would leave an idle zombie.
    await f.command({ type: 'scale', workers: 1, drain: ['sup-w1', 'sup-w2'] });
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w3']);
  });

  it('bounds a retirement: drain → stop after drainTimeoutMs → kill after killTimeoutMs', async () => {
    const f = await startSupervisor({ initialWorkers: 1, drainTimeoutMs: 90_000, killTimeoutMs: 10_000 });
    const worker = f.host.alive[0]!;
    worker.behaviour.drain = false;
    worker.behaviour.stop = false;
    f.supervisor.scale(0);
    await f.advance(89_999);
    expect(worker.received).toEqual([{ type: 'drain' }]);
    await f.advance(1);
    expect(worker.received).toEqual([{ type: 'drain' }, { type: 'stop' }]);
    await f.advance(9_999);
    expect(worker.killed).toBe(false);
    await f.advance(1);
    expect(worker.exited).toEqual({ code: null, signal: 'SIGKILL' });
    expect(f.ofType('killed')[0]).toMatchObject({ at: T0 + 100_000, data: { why: 'stop timeout' } });
    // Retired on purpose: no crash, no restart.
    expect(f.ofType('crashed')).toEqual([]);
    await f.advance(60_000);
    expect(f.host.handles).toHaveLength(1);
  });

  it('lets go of a worker that reports drained on its own and replaces it', async () => {
    const f = await startSupervisor({ initialWorkers: 1 });
    f.host.alive[0]!.say({ type: 'drained' });
    await flush();
    expect(f.host.byId('sup-w1').received).toEqual([{ type: 'stop' }]);
    expect(f.host.alive.map((h) => h.id)).toEqual(['sup-w2']);
  });

  it('stops a worker that is not ready yet without draining it', async () => {
    const f = await startSupervisor();
    f.host.next = { ...f.host.next, ready: false };
    f.supervisor.scale(1);
    f.supervisor.scale(0);
    await flush();
    expect(f.host.byId('sup-w1').received).toEqual([{ type: 'stop' }]);
    expect(f.host.alive).toEqual([]);
  });
});
