import { ManualClock } from '../clock/manual-clock.js';
import type { PortFactory } from './harness.js';

/**
 * A factory for a port built on a fresh ManualClock: `advance` moves that clock, so TTL tests
 * take no real time. Pass `{ exactTime: true }` to the contract alongside it.
 */
export function manualClockFactory<P>(create: (clock: ManualClock) => P): PortFactory<P> {
  return async () => {
    const clock = new ManualClock();
    return {
      port: create(clock),
      advance: async (ms) => clock.advance(ms),
      now: () => clock.now(),
      cleanup: async () => {},
    };
  };
}
