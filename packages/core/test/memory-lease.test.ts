import { describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock/manual-clock.js';
import { isTmiClusterError } from '../src/errors/index.js';
import { MemoryLease } from '../src/memory/memory-lease.js';
import { leaseContract, manualClockFactory } from '../src/testing/index.js';

leaseContract(
  'memory',
  manualClockFactory((clock) => new MemoryLease({ clock })),
  { exactTime: true },
);

describe('MemoryLease', () => {
  it('hands out copies: mutating a grant does not extend the lease', async () => {
    const clock = new ManualClock();
    const lease = new MemoryLease({ clock });
    const grant = await lease.acquire('l', 'a', 100);
    grant!.expiresAt += 1_000_000;
    clock.advance(100);
    expect(await lease.current('l')).toBeNull();
  });

  it('rejects a ttl that is not a positive duration', async () => {
    const lease = new MemoryLease({ clock: new ManualClock() });
    for (const ttl of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(lease.acquire('l', 'a', ttl)).rejects.toSatisfy((e: unknown) =>
        isTmiClusterError(e, 'TMI_ERR_INVALID_ARGUMENT'),
      );
    }
  });
});
