import type { AssignmentStore, DedupStore, Lease, RateLimiter, Registry, StreamLog } from '@tmi-cluster/core';
import { describe, expectTypeOf, it } from 'vitest';
import type { RedisPorts } from '../src/index.js';
import * as api from '../src/index.js';

describe('public API', () => {
  it('gives every port the core interfaces describe (what the CLI wires in place of the memory ones)', () => {
    expectTypeOf<RedisPorts>().toMatchTypeOf<{
      streams: StreamLog;
      registry: Registry;
      limiter: RateLimiter & Required<Pick<RateLimiter, 'record'>>;
      dedup: DedupStore;
      lease: Lease;
      store: AssignmentStore;
      close(): Promise<void>;
    }>();
  });

  it('exports the factory and its option helpers as values, the adapters as types only', ({ expect }) => {
    expect(Object.keys(api).sort()).toEqual([
      'DEFAULT_MAX_LEN',
      'DEFAULT_PREFIX',
      'DEFAULT_REDIS_URL',
      'KeySpace',
      'createRedisPorts',
      'resolveRedisPortsOptions',
    ]);
  });
});
