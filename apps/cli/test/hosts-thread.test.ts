import { MemoryDedupStore, MemoryRateLimiter, MemoryRegistry, MemoryStreamLog } from '@tmi-cluster/core';
import { describe, expect, it } from 'vitest';
import { HandleEvents } from '../src/hosts/handle-events.js';
import { ThreadWorkerHost } from '../src/hosts/thread-host.js';
import { fixture, THREAD_EXEC_ARGV, THREAD_LOADER } from './fixtures/paths.js';
import { watch } from './fixtures/watch.js';

function setup(mode: string) {
  const registry = new MemoryRegistry();
  const ports = {
    streams: new MemoryStreamLog(),
    registry,
    limiter: new MemoryRateLimiter(),
    dedup: new MemoryDedupStore(),
  };
  const host = new ThreadWorkerHost({
    entry: THREAD_LOADER,
    execArgv: THREAD_EXEC_ARGV,
    ports,
    config: { fixture: fixture('thread-worker.ts').href, mode, statsIntervalMs: 50 },
  });
  return { host, registry };
}

describe('ThreadWorkerHost with real worker threads', () => {
  it('spawns, gets ready using the bridged ports, reports heap stats, drains, stops on stop', async () => {
    const { host, registry } = setup('normal');
    const handle = host.spawn({ workerId: 'sup-w1', supervisorId: 'sup' });
    expect([handle.id, handle.kind, handle.pid]).toEqual(['sup-w1', 'thread', undefined]);
    const w = watch(handle);
    await w.next('ready');
    // The worker registered itself through the bridge into the main thread's registry.
    expect((await registry.get('worker', 'sup-w1'))?.supervisorId).toBe('sup');
    const stats = await w.next('stats');
    expect(stats).toMatchObject({ type: 'stats', lagMs: expect.any(Number) });
    expect(await handle.memory()).toBeGreaterThan(1_000_000);

    handle.send({ type: 'drain' });
    await w.next('drained');
    const order = w.messages.map((m) => m.type).filter((t) => t !== 'stats');
    expect(order).toEqual(['ready', 'draining', 'drained']);
    handle.send({ type: 'stop' });
    expect(await w.exit).toEqual({ code: 0, signal: null });
    expect(await registry.get('worker', 'sup-w1')).toBeNull();
    expect(await handle.memory()).toBeNull();
    expect(w.errors).toEqual([]);
  });

  it('reports a thread that throws as an error followed by exit code 1', async () => {
    const w = watch(setup('uncaught').host.spawn({ workerId: 'sup-w2', supervisorId: 'sup' }));
    expect(await w.exit).toEqual({ code: 1, signal: null });
    expect(w.errors.map((e) => e.message)).toEqual(['fixture blew up']);
  });

  it('sends fatal with the reason and exits 10 when main fails', async () => {
    const w = watch(setup('fatal').host.spawn({ workerId: 'sup-w3', supervisorId: 'sup' }));
    expect(await w.exit).toEqual({ code: 10, signal: null });
    const fatal = w.messages.find((m) => m.type === 'fatal');
    expect(fatal?.type === 'fatal' && fatal.message).toMatch(/fixture gave up/);
  });

  it('kills a thread that ignores drain and stop', async () => {
    const handle = setup('hang').host.spawn({ workerId: 'sup-w4', supervisorId: 'sup' });
    const w = watch(handle);
    await w.next('ready');
    handle.send({ type: 'drain' });
    handle.send({ type: 'stop' });
    await w.next('draining');
    handle.kill();
    expect(await w.exit).toEqual({ code: 1, signal: null });
  });
});

describe('HandleEvents', () => {
  it('reports invalid lifecycle messages as errors and emits exactly one exit', () => {
    const events = new HandleEvents();
    const seen: string[] = [];
    events.on('message', (m) => seen.push(m.type));
    events.on('error', (e) => seen.push(e.message));
    events.on('exit', (e) => seen.push(`exit ${e.code}`));
    events.received('w', { type: 'stats', memory: -1, lagMs: 0 });
    events.received('w', { type: 'ready' });
    events.exit({ code: 0, signal: null });
    events.exit({ code: 1, signal: null });
    events.received('w', { type: 'ready' });
    expect(seen).toEqual([expect.stringMatching(/invalid lifecycle message: memory/), 'ready', 'exit 0']);
  });
});
