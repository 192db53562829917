import { SystemClock } from '../src/clock/system-clock.js';
import { MemoryDedupStore } from '../src/memory/memory-dedup-store.js';
import { MemoryLease } from '../src/memory/memory-lease.js';
import { MemoryRateLimiter } from '../src/memory/memory-rate-limiter.js';
import { MemoryRegistry } from '../src/memory/memory-registry.js';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import {
  dedupStoreContract,
  leaseContract,
  type PortFactory,
  rateLimiterContract,
  realPause,
  registryContract,
  streamLogContract,
} from '../src/testing/index.js';

/**
 * The contracts once more on the real clock with real sleeps and no exact-time tests: the
 * conditions a Redis adapter runs them under. Keeps the suites honest about needing a ManualClock.
 */
function realTime<P>(create: () => P): PortFactory<P> {
  return async () => ({ port: create(), advance: realPause, now: () => Date.now(), cleanup: async () => {} });
}

const clock = new SystemClock();
streamLogContract(
  'memory, real time',
  realTime(() => new MemoryStreamLog({ clock })),
);
registryContract(
  'memory, real time',
  realTime(() => new MemoryRegistry({ clock })),
);
leaseContract(
  'memory, real time',
  realTime(() => new MemoryLease({ clock })),
);
rateLimiterContract(
  'memory, real time',
  realTime(() => new MemoryRateLimiter({ clock })),
);
dedupStoreContract(
  'memory, real time',
  realTime(() => new MemoryDedupStore({ clock })),
);
