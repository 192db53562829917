import {
  assignmentStoreContract,
  dedupStoreContract,
  leaseContract,
  rateLimiterContract,
  registryContract,
  streamLogContract,
} from '@tmi-cluster/core/testing';
import { describe } from 'vitest';
import { redisAvailable, redisFactory } from './helpers/redis.js';

// The core contracts, unchanged, against the real server: real time, a key prefix per test.
const available = await redisAvailable();

describe.runIf(available)('Redis adapters against the core contracts', () => {
  streamLogContract(
    'redis',
    redisFactory((ports) => ports.streams),
  );
  registryContract(
    'redis',
    redisFactory((ports) => ports.registry),
  );
  leaseContract(
    'redis',
    redisFactory((ports) => ports.lease),
  );
  rateLimiterContract(
    'redis',
    redisFactory((ports) => ports.limiter),
  );
  dedupStoreContract(
    'redis',
    redisFactory((ports) => ports.dedup),
  );
  assignmentStoreContract(
    'redis',
    redisFactory((ports) => ports.store),
  );
});
