import { isTmiClusterError, type MemberKind } from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { openTestPorts, redisAvailable } from './helpers/redis.js';

const available = await redisAvailable();
type Ports = Awaited<ReturnType<typeof openTestPorts>>;
const errorOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

describe.runIf(available)('bad arguments to the Redis adapters', () => {
  let ports: Ports | undefined;
  afterEach(async () => {
    await ports?.cleanup();
    ports = undefined;
  });

  it('are refused with TMI_ERR_INVALID_ARGUMENT naming the field, and write nothing', async () => {
    ports = await openTestPorts();
    const { registry, lease, limiter, dedup, store } = ports;
    const fence = { lease: 'coordinator', token: 1 };
    const member = { kind: 'worker' as MemberKind, id: 'w', host: 'h', state: 's', startedAt: 1, data: {} };
    const cases: [string, Promise<unknown>][] = [
      ['ttlMs', registry.heartbeat(member, 0)],
      ['kind', registry.list('bogus' as MemberKind)],
      ['ttlMs', lease.acquire('l', 'a', -5)],
      ['ttlMs', lease.renew('l', 'a', 1, Number.NaN)],
      ['limit.count', limiter.take('k', { count: 0, windowMs: 100 })],
      ['limit.windowMs', limiter.take('k', { count: 1, windowMs: 0 })],
      ['limit.windowMs', limiter.available('k', { count: 1, windowMs: Number.POSITIVE_INFINITY })],
      ['cost', limiter.record!('k', { count: 1, windowMs: 100 }, 0)],
      ['ttlMs', dedup.claim('k', 0)],
      [
        'claims.1',
        dedup.claimAll(
          [
            { keys: ['a'], owner: 'o' },
            { keys: [], owner: 'o' },
          ],
          100,
        ),
      ],
      ['fence.token', store.want({ lease: 'coordinator', token: 0 }, [])],
      ['fence.token', store.claimFence({ lease: 'coordinator', token: 1.5 })],
      ['fence.lease', store.removeWorker({ lease: '', token: 1 }, 'w')],
      ['channels.0.redundancy', store.want(fence, [{ channel: 'a', since: 1, redundancy: 0 }])],
      [
        'channels.1.channel',
        store.want(fence, [
          { channel: 'a', since: 1, redundancy: 1 },
          { channel: 'b\x1e', since: 1, redundancy: 1 },
        ]),
      ],
      [
        'placements.0.state',
        store.place(fence, [{ channel: 'a', workerId: 'w', state: 'bogus' as 'pending', since: 1 }]),
      ],
      [
        'placements.0.workerId',
        store.place(fence, [{ channel: 'a', workerId: 'w\x1f', state: 'pending', since: 1 }]),
      ],
      [
        'placements.0.since',
        store.place(fence, [{ channel: 'a', workerId: 'w', state: 'pending', since: Number.NaN }]),
      ],
      ['cursor', store.list('abc', 10)],
      ['limit', store.list(null, 0)],
    ];
    for (const [field, call] of cases) {
      const err = await errorOf(call);
      expect(isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT'), `${field}: ${String(err)}`).toBe(true);
      expect((err as { details: { field: string } }).details.field).toBe(field);
    }
    const [, keys] = await ports.redis.scan('0', 'MATCH', `${ports.prefix}*`, 'COUNT', 1_000);
    expect(keys).toEqual([]);
  });

  it('accepts fractional durations (Redis takes whole ms: TTLs are rounded up)', async () => {
    ports = await openTestPorts();
    expect(await ports.dedup.claim('k', 1_000.2)).toBe(true);
    const ttl = await ports.redis.pttl(`${ports.prefix}{dedup}:k`);
    expect(ttl).toBeGreaterThan(900);
    expect(ttl).toBeLessThanOrEqual(1_001);
    const grant = await ports.lease.acquire('l', 'a', 1_000.4);
    expect(grant?.holder).toBe('a');
    const decision = await ports.limiter.take('k', { count: 1, windowMs: 50.5 });
    expect(decision.ok).toBe(true);
    const refused = await ports.limiter.take('k', { count: 1, windowMs: 50.5 });
    expect(Number.isInteger(refused.retryAfterMs)).toBe(true);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
  });
});
