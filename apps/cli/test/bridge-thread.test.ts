import { MessageChannel, Worker } from 'node:worker_threads';
import {
  ManualClock,
  MemoryDedupStore,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
} from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { exposePorts } from '../src/bridge/expose.js';
import { fixture, THREAD_EXEC_ARGV, THREAD_LOADER } from './fixtures/paths.js';

interface RemoteError {
  name: string;
  message: string;
  code?: string;
  details?: Record<string, unknown>;
  tmi: boolean;
}

/** A real worker thread calling the main thread's adapters through the bridge. */
async function startThread() {
  const clock = new ManualClock();
  const streams = new MemoryStreamLog({ clock });
  const registry = new MemoryRegistry({ clock });
  const { port1, port2 } = new MessageChannel();
  const server = exposePorts(port1, {
    streams,
    registry,
    limiter: new MemoryRateLimiter({ clock }),
    dedup: new MemoryDedupStore({ clock }),
  });
  const worker = new Worker(THREAD_LOADER, {
    execArgv: THREAD_EXEC_ARGV,
    workerData: { fixture: fixture('bridge-remote.ts').href, bridgePort: port2 },
    transferList: [port2],
  });
  threads.push(worker);
  await new Promise((resolve) => worker.once('message', resolve));
  let next = 0;
  const pending = new Map<number, (answer: [number, number, unknown]) => void>();
  worker.on('message', (answer: [number, number, unknown]) => pending.get(answer[0])?.(answer));
  /** Calls `port.method(...args)` inside the thread; resolves with the value or the error it saw. */
  const remote = (port: string, method: string, ...args: unknown[]) =>
    new Promise<{ ok: boolean; value: unknown; error: RemoteError }>((resolve) => {
      const id = next++;
      pending.set(id, ([, ok, value]) => {
        pending.delete(id);
        resolve({ ok: ok === 1, value, error: value as RemoteError });
      });
      worker.postMessage([id, port, method, args]);
    });
  return { clock, streams, registry, server, worker, remote };
}

const threads: Worker[] = [];
afterEach(async () => {
  for (const t of threads.splice(0)) await t.terminate();
});

describe('port bridge with a real worker thread', () => {
  it('runs every StreamLog, Registry, RateLimiter and DedupStore method from the thread', async () => {
    const { remote, streams, clock } = await startThread();
    const value = async (port: string, method: string, ...args: unknown[]) => {
      const r = await remote(port, method, ...args);
      expect(r.ok, `${port}.${method}: ${JSON.stringify(r.value)}`).toBe(true);
      return r.value;
    };
    const [id1] = (await value('streams', 'appendMany', 'cmd', [{ n: '1' }, { n: '2' }])) as string[];
    expect(await value('streams', 'append', 'cmd', { n: '3' })).toMatch(/^\d+-2$/);
    await value('streams', 'ensureGroup', 'cmd', 'g', 'start');
    const read = (await value('streams', 'readGroup', 'cmd', 'g', 'c1', { count: 2, blockMs: 0 })) as {
      id: string;
    }[];
    expect(read.map((e) => e.id)[0]).toBe(id1);
    expect(await value('streams', 'ack', 'cmd', 'g', [id1])).toBe(1);
    expect(await value('streams', 'pending', 'cmd', 'g')).toHaveLength(1);
    clock.advance(1_000);
    expect(await value('streams', 'claimIdle', 'cmd', 'g', 'c2', { minIdleMs: 500, count: 10 })).toHaveLength(
      1,
    );
    expect(await value('streams', 'range', 'cmd', '-', '+')).toHaveLength(3);
    expect(await value('streams', 'length', 'cmd')).toBe(3);
    expect(await value('streams', 'trim', 'cmd', 2)).toBe(1);
    await value('streams', 'deleteConsumer', 'cmd', 'g', 'c2');

    // A blocking read in the thread is woken by an append in the main thread.
    await value('streams', 'readGroup', 'cmd', 'g', 'c1', { count: 10, blockMs: 0 });
    const blocked = remote('streams', 'readGroup', 'cmd', 'g', 'c1', { count: 10, blockMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await streams.append('cmd', { n: 'late' });
    const woken = await blocked;
    expect((woken.value as { fields: { n: string } }[]).map((e) => e.fields.n)).toEqual(['late']);

    const member = { kind: 'worker', id: 'w1', host: 'h', state: 'running', startedAt: 1, data: { a: [1] } };
    await value('registry', 'heartbeat', member, 1_000);
    expect(await value('registry', 'get', 'worker', 'w1')).toMatchObject({ id: 'w1', data: { a: [1] } });
    expect(await value('registry', 'list', 'worker')).toHaveLength(1);
    clock.advance(1_000);
    expect(await value('registry', 'sweepExpired', 'worker')).toHaveLength(1);
    expect(await value('registry', 'remove', 'worker', 'w1')).toBe(false);

    const limit = { count: 2, windowMs: 10_000 };
    expect(await value('limiter', 'take', 'join:bot', limit, 2)).toEqual({
      ok: true,
      remaining: 0,
      retryAfterMs: 0,
    });
    expect(await value('limiter', 'available', 'join:bot', limit)).toBe(0);
    expect(await value('dedup', 'claim', 'event:x', 1_000)).toBe(true);
    expect(await value('dedup', 'claim', 'event:x', 1_000)).toBe(false);
  });

  it('re-throws TmiClusterErrors in the thread with code and details', async () => {
    const { remote } = await startThread();
    const r = await remote('streams', 'readGroup', 'none', 'g', 'c', { count: 1, blockMs: 0 });
    expect(r.ok).toBe(false);
    expect(r.error).toMatchObject({ name: 'TmiClusterError', code: 'TMI_ERR_NO_SUCH_GROUP', tmi: true });
    const local = (await new MemoryStreamLog()
      .readGroup('none', 'g', 'c', { count: 1, blockMs: 0 })
      .catch((err: unknown) => err)) as { message: string; details: unknown };
    expect([r.error.message, r.error.details]).toEqual([local.message, local.details]);
    const bad = await remote('dedup', 'claim', 'k', 0);
    expect(bad.error).toMatchObject({ code: 'TMI_ERR_INVALID_ARGUMENT', tmi: true });
  });

  it('rejects the thread’s pending calls when the main thread closes, and later calls too', async () => {
    const { remote, server } = await startThread();
    await remote('streams', 'ensureGroup', 's', 'g', 'end');
    const blocked = remote('streams', 'readGroup', 's', 'g', 'c', { count: 1, blockMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    server.close();
    expect((await blocked).error).toMatchObject({ code: 'TMI_ERR_CLOSED', tmi: true });
    expect((await remote('registry', 'list', 'worker')).error).toMatchObject({ code: 'TMI_ERR_CLOSED' });
  });

  it('closes the serving end when the thread dies with a call in flight', async () => {
    const { remote, server, worker } = await startThread();
    await remote('streams', 'ensureGroup', 's', 'g', 'end');
    void remote('streams', 'readGroup', 's', 'g', 'c', { count: 1, blockMs: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await worker.terminate();
    for (let i = 0; i < 50 && !server.closed; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    expect(server.closed).toBe(true);
  });
});
