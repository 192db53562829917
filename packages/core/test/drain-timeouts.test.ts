import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAIN_TIMEOUTS, drainTimeouts } from '../src/domain/drain-timeouts.js';
import { resolveCoordinatorOptions } from '../src/coordinator/options.js';
import { resolveSupervisorOptions } from '../src/supervisor/options.js';
import { resolveRuntimeOptions } from '../src/worker/runtime/options.js';

describe('drainTimeouts: one budget, three nested deadlines', () => {
  it('keeps coordinator < worker < supervisor for every budget, the supervisor getting all of it', () => {
    for (const total of [0, 1, 3, 7, 100, 999, 5_000, 30_000, 90_000, 3_600_000]) {
      const t = drainTimeouts(total);
      expect(t.coordinatorMs).toBeGreaterThan(0);
      expect(t.coordinatorMs).toBeLessThan(t.workerMs);
      expect(t.workerMs).toBeLessThan(t.supervisorMs);
      expect(t.supervisorMs).toBe(Math.max(3, total));
    }
    expect(drainTimeouts(90_000)).toEqual({ coordinatorMs: 60_000, workerMs: 75_000, supervisorMs: 90_000 });
  });

  it('is what each role uses by default', () => {
    expect(resolveCoordinatorOptions().drainTimeoutMs).toBe(DEFAULT_DRAIN_TIMEOUTS.coordinatorMs);
    expect(resolveRuntimeOptions().drainTimeoutMs).toBe(DEFAULT_DRAIN_TIMEOUTS.workerMs);
    expect(resolveSupervisorOptions().drainTimeoutMs).toBe(DEFAULT_DRAIN_TIMEOUTS.supervisorMs);
  });
});
