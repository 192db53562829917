import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../src/errors/index.js';
import { AutoScaler } from '../src/scaler/auto-scaler.js';
import { resolveScalerConfig } from '../src/scaler/config.js';
import { decideScale, type SupervisorScaleState } from '../src/scaler/decide.js';
import { initialTarget, usage, workersFor } from '../src/scaler/usage.js';

const config = resolveScalerConfig({ channelsPerWorker: 50, min: 1, max: 10, cooldownMs: 60_000 });
const one = resolveScalerConfig({ ...config, scaleOutStep: 'one' });

/** One supervisor with `workers` workers sharing `assigned` channels evenly. */
function single(
  workers: number,
  assigned: number,
  overrides: Partial<SupervisorScaleState> = {},
): SupervisorScaleState {
  return {
    id: 's1',
    target: workers,
    workers: Array.from({ length: workers }, (_, i) => ({
      id: `w${i}`,
      assigned: Math.floor(assigned / workers) + (i < assigned % workers ? 1 : 0),
    })),
    ...overrides,
  };
}

const decide = (workers: number, assigned: number, cfg = config, lastChangeAt = Number.NEGATIVE_INFINITY) =>
  decideScale({ assigned, supervisors: [single(workers, assigned)], now: 1_000_000, lastChangeAt }, cfg);

describe('scaler: usage math', () => {
  it('computes usage exactly at the thresholds', () => {
    expect(usage(35, 1, 50)).toBe(0.7);
    expect(usage(25, 1, 50)).toBe(0.5);
    expect(usage(0, 0, 50)).toBe(0);
    expect(usage(1, 0, 50)).toBe(Number.POSITIVE_INFINITY);
    expect(workersFor(70, 50, 0.7)).toBe(2);
    expect(workersFor(71, 50, 0.7)).toBe(3);
    expect(workersFor(0, 50, 0.7)).toBe(0);
  });

  it('does not scale out at exactly 0.7 and scales out just above it', () => {
    expect(decide(2, 70)).toMatchObject({ kind: 'none', usage: 0.7 });
    expect(decide(2, 71, one)).toMatchObject({ kind: 'scale-out', targets: new Map([['s1', 3]]) });
  });

  it('scales out by one, or straight to enough workers to get back to 0.7', () => {
    expect(decide(2, 300, one).targets).toEqual(new Map([['s1', 3]]));
    // 300 channels need ceil(300 / 35) = 9 workers to be at or under 0.7.
    expect(decide(2, 300).targets).toEqual(new Map([['s1', 9]]));
    expect(usage(300, 9, 50)).toBeLessThanOrEqual(0.7);
    expect(usage(300, 8, 50)).toBeGreaterThan(0.7);
  });

  it('does not scale in at exactly 0.5 and scales in just below it', () => {
    expect(decide(4, 100)).toMatchObject({ kind: 'none', usage: 0.5 });
    const below = decide(4, 99);
    expect(below.kind).toBe('scale-in');
    expect(below.targets).toEqual(new Map([['s1', 3]]));
  });

  it('does not scale in when removing one worker would push usage above 0.7 (the check the original got wrong)', () => {
    // 2 workers, 49 channels: 0.49 < 0.5, but on 1 worker 0.98 > 0.7 → stay.
    expect(decide(2, 49).kind).toBe('none');
    // 3 workers, 70 channels: 0.467 < 0.5, and on 2 workers exactly 0.7 → allowed.
    expect(decide(3, 70).kind).toBe('scale-in');
    // 3 workers, 71 channels: on 2 workers 0.71 > 0.7 → stay.
    expect(decide(3, 71).kind).toBe('none');
  });

  it('never goes below min or above max, and clamps out-of-range targets at once', () => {
    expect(decide(1, 0).kind).toBe('none');
    expect(decide(10, 10_000).kind).toBe('none');
    const cfg = resolveScalerConfig({ ...config, min: 2, max: 4 });
    expect(decide(1, 0, cfg, 999_999)).toMatchObject({ kind: 'clamp', targets: new Map([['s1', 2]]) });
    expect(decide(6, 0, cfg, 999_999)).toMatchObject({ kind: 'clamp', targets: new Map([['s1', 4]]) });
    expect(decide(3, 10_000, cfg).targets).toEqual(new Map([['s1', 4]]));
  });

  it('makes at most one change per cooldown: not 1 ms before it ends, yes exactly at its end', () => {
    const now = 1_000_000;
    expect(decide(2, 300, config, now - 59_999).kind).toBe('none');
    expect(decide(2, 300, config, now - 60_000).kind).toBe('scale-out');
  });

  it('drains the least-loaded worker cluster-wide, or drops a worker that never started', () => {
    const supervisors: SupervisorScaleState[] = [
      {
        id: 's1',
        target: 2,
        workers: [
          { id: 'a', assigned: 10 },
          { id: 'b', assigned: 3 },
        ],
      },
      {
        id: 's2',
        target: 2,
        workers: [
          { id: 'c', assigned: 2 },
          { id: 'd', assigned: 9 },
        ],
      },
    ];
    const decision = decideScale(
      { assigned: 24, supervisors, now: 0, lastChangeAt: Number.NEGATIVE_INFINITY },
      config,
    );
    expect(decision).toMatchObject({
      kind: 'scale-in',
      targets: new Map([['s2', 1]]),
      drain: new Map([['s2', ['c']]]),
    });
    const unstarted = decideScale(
      {
        assigned: 24,
        supervisors: [supervisors[0]!, { id: 's3', target: 2, workers: [{ id: 'e', assigned: 0 }] }],
        now: 0,
        lastChangeAt: Number.NEGATIVE_INFINITY,
      },
      config,
    );
    expect(unstarted).toMatchObject({ targets: new Map([['s3', 1]]), drain: new Map() });
  });

  it('spreads a scale-out over the supervisors with the fewest workers, within each max', () => {
    const cfg = resolveScalerConfig({ ...config, max: 3 });
    const supervisors: SupervisorScaleState[] = [
      { id: 's1', target: 3, workers: [] },
      { id: 's2', target: 1, workers: [] },
      { id: 's3', target: 2, workers: [] },
    ];
    const decision = decideScale(
      { assigned: 300, supervisors, now: 0, lastChangeAt: Number.NEGATIVE_INFINITY },
      cfg,
    );
    expect(decision.targets).toEqual(
      new Map([
        ['s2', 3],
        ['s3', 3],
      ]),
    );
  });
});

describe('scaler: new supervisors and the loop', () => {
  it('starts a new supervisor at the average of the others (clamped), min when alone', () => {
    expect(initialTarget([], 2, 25)).toBe(2);
    expect(initialTarget([10, 10, 11], 2, 25)).toBe(10);
    expect(initialTarget([40], 2, 25)).toBe(25);
    expect(initialTarget([1], 2, 25)).toBe(2);
  });

  it('adopts running workers after a failover, sends the initial target to an empty one, and respects the cooldown', () => {
    const scaler = new AutoScaler(
      resolveScalerConfig({ channelsPerWorker: 10, min: 1, max: 10, cooldownMs: 5_000 }),
    );
    const busy = (id: string, n: number, assigned: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, assigned, draining: false }));
    expect(scaler.step(0, 36, [{ id: 's1', workers: busy('s1', 6, 6) }])).toEqual([]);
    expect(
      scaler.step(1_000, 36, [
        { id: 's1', workers: busy('s1', 6, 6) },
        { id: 's2', workers: [] },
      ]),
    ).toEqual([{ supervisorId: 's2', workers: 6, kind: 'initial' }]);
    // A new supervisor does not hold back growth (a cluster boots into a mass join this way):
    // 80 on 12 → 0.67: nothing; 90 → 0.75: scale out at once.
    const s2 = { id: 's2', workers: [] };
    expect(scaler.step(1_001, 80, [{ id: 's1', workers: busy('s1', 6, 7) }, s2])).toEqual([]);
    const out = scaler.step(1_001, 90, [{ id: 's1', workers: busy('s1', 6, 7) }, s2]);
    expect(out).toEqual([{ supervisorId: 's1', workers: 7, kind: 'scale-out' }]);
    // Then nothing until the cooldown passed.
    expect(scaler.step(6_000, 200, [{ id: 's1', workers: busy('s1', 7, 9) }, s2])).toEqual([]);
    expect(scaler.step(6_001, 200, [{ id: 's1', workers: busy('s1', 7, 9) }, s2])).not.toEqual([]);
    // A supervisor that left is forgotten.
    scaler.step(9_000, 0, [{ id: 's2', workers: [] }]);
    expect([...scaler.targets.keys()]).toEqual(['s2']);
  });

  it('does not scale in within a cooldown of a supervisor’s initial target', () => {
    const scaler = new AutoScaler(
      resolveScalerConfig({ channelsPerWorker: 10, min: 1, max: 10, cooldownMs: 5_000 }),
    );
    const idle = (id: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, assigned: 1, draining: false }));
    expect(scaler.step(0, 4, [{ id: 's1', workers: idle('s1', 4) }])).toEqual([
      { supervisorId: 's1', workers: 3, kind: 'scale-in', drain: ['s1-0'] },
    ]);
    // With a second supervisor just given its initial workers, the same low usage waits.
    const fresh = new AutoScaler(
      resolveScalerConfig({ channelsPerWorker: 10, min: 1, max: 10, cooldownMs: 5_000 }),
    );
    const busy = (id: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${id}-${i}`, assigned: 20 / n, draining: false }));
    // 20 on 3 workers (0.67): nothing.
    expect(fresh.step(0, 20, [{ id: 's1', workers: busy('s1', 3) }])).toEqual([]);
    expect(
      fresh.step(100, 20, [
        { id: 's1', workers: busy('s1', 3) },
        { id: 's2', workers: [] },
      ]),
    ).toEqual([{ supervisorId: 's2', workers: 3, kind: 'initial' }]);
    // 20 on 6 (0.33) is below 0.5, and 20 on 5 (0.4) would be fine: scale-in, but not yet.
    const both = [
      { id: 's1', workers: busy('s1', 3) },
      {
        id: 's2',
        workers: Array.from({ length: 3 }, (_, i) => ({ id: `s2-${i}`, assigned: 0, draining: false })),
      },
    ];
    expect(fresh.step(5_099, 20, both)).toEqual([]);
    expect(fresh.step(5_100, 20, both)).toEqual([
      { supervisorId: 's2', workers: 2, kind: 'scale-in', drain: ['s2-0'] },
    ]);
  });

  it('validates its config, naming the rule', () => {
    for (const bad of [
      { scaleInBelow: 0.8 },
      { min: 5, max: 2 },
      { channelsPerWorker: 0 },
      { scaleOutAbove: 1.5 },
    ]) {
      expect(() => resolveScalerConfig(bad)).toThrow(
        expect.objectContaining({ code: 'TMI_ERR_INVALID_CONFIG' }),
      );
    }
    try {
      resolveScalerConfig({ min: 5, max: 2 });
    } catch (err) {
      expect(isTmiClusterError(err) && err.message).toContain('min must not exceed max');
    }
  });
});
