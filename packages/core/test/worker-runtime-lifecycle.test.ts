import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../src/errors/index.js';
import { prepareSay, splitAtWords, WorkerRuntime } from '../src/worker/runtime/index.js';
import { runtimeHarness } from './worker-runtime-harness.js';

function settled(promise: Promise<unknown>): () => boolean {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  return () => done;
}

describe('WorkerRuntime lifecycle', () => {
  it('drains on command: draining in the registry at once, serving until the current coordinator says drained', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.join(['foo'], 4);
    const drained = settled(h.runtime.drained);
    await h.command({ type: 'drain' });
    await h.advance(10);
    expect((await h.registry.get('worker', 'w1'))?.state).toBe('draining');
    expect(h.runtime.status().state).toBe('draining');
    // Still serving: the coordinator parts channels as they are confirmed elsewhere.
    await h.command({ type: 'part', channels: ['foo'], fence: 4 });
    await h.command({ type: 'drained', fence: 3 });
    await h.advance(10);
    expect(h.twitch.lines('PART ')).toHaveLength(1);
    expect(drained()).toBe(false);
    await h.command({ type: 'drained', fence: 4 });
    await h.advance(10);
    expect(drained()).toBe(true);
    expect(h.runtime.status().recent.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['draining', 'stale-fence', 'drained']),
    );
    await h.runtime.stop();
  });

  it('ends a drain the host asked for after drainTimeoutMs when no drained comes', async () => {
    const h = runtimeHarness({ options: { drainTimeoutMs: 30_000 } });
    await h.runtime.start();
    const done = settled(h.runtime.drain());
    await h.advance(29_000);
    expect(done()).toBe(false);
    await h.advance(1_000);
    expect(done()).toBe(true);
    await h.runtime.stop();
  });

  it('ignores drained while not draining', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    const drained = settled(h.runtime.drained);
    await h.command({ type: 'drained', fence: 1 });
    await h.advance(10);
    expect(drained()).toBe(false);
    expect(h.runtime.status().state).toBe('ready');
    await h.runtime.stop();
    expect(drained()).toBe(true);
  });

  it('stops gracefully: closes the pool, leaves the registry, resolves drained; idempotent', async () => {
    const h = runtimeHarness();
    await h.runtime.start();
    await h.join(['foo']);
    expect(await h.registry.get('worker', 'w1')).not.toBeNull();
    await Promise.all([h.runtime.stop(), h.runtime.stop()]);
    expect(h.conn().state).toBe('closed');
    expect(await h.registry.get('worker', 'w1')).toBeNull();
    expect(h.runtime.status().state).toBe('stopped');
    await h.runtime.drained;
    // No beat lands after leaving.
    await h.advance(10_000);
    expect(await h.registry.get('worker', 'w1')).toBeNull();
  });

  it('beats every heartbeatMs with the configured ttl', async () => {
    const h = runtimeHarness({ options: { heartbeatMs: 1_000, heartbeatTtlMs: 3_000 } });
    await h.runtime.start();
    const first = (await h.registry.get('worker', 'w1'))!.lastSeenAt!;
    await h.advance(1_000);
    expect((await h.registry.get('worker', 'w1'))!.lastSeenAt).toBe(first + 1_000);
    expect((await h.registry.list('worker')).map((m) => m.id)).toEqual(['w1']);
    await h.runtime.stop();
  });

  it('validates options once, naming the field (TMI_ERR_INVALID_CONFIG)', () => {
    const h = runtimeHarness();
    const build = (options: object) => () => new WorkerRuntime(h.deps, options);
    const expectField = (options: object, field: RegExp) => {
      try {
        build(options)();
      } catch (err) {
        expect(isTmiClusterError(err, 'TMI_ERR_INVALID_CONFIG')).toBe(true);
        expect((err as Error).message).toMatch(field);
        return;
      }
      throw new Error('no error');
    };
    expectField(
      { heartbeatMs: 5_000, heartbeatTtlMs: 5_000 },
      /worker\.heartbeatTtlMs: must be greater than heartbeatMs/,
    );
    expectField({ identity: { login: 'Bad Login', token: 't' } }, /worker\.identity/);
    expectField({ overLength: 'truncate' }, /worker\.overLength/);
    expectField({ sayMaxWaitMs: -1 }, /worker\.sayMaxWaitMs/);
    expectField({ pool: { maxChannels: 0 } }, /maxChannels/);
    expect(() => new WorkerRuntime({ ...h.deps, workerId: '' })).toThrow(/workerId/);
    expect(() => new WorkerRuntime({ ...h.deps, streams: undefined as never })).toThrow(/streams/);
    // `oauth:` in front of a token is accepted and removed.
    expect(build({ identity: { login: 'bot', token: 'oauth:abc' } })).not.toThrow();
  });
});

describe('say text preparation', () => {
  it('counts code points, cuts at the last space, and cuts a word longer than the limit', () => {
    expect(splitAtWords(Array.from('aa bb cc'), 5)).toEqual(['aa bb', 'cc']);
    expect(splitAtWords(Array.from('aaaaaaa bb'), 5)).toEqual(['aaaaa', 'aa bb']);
    expect(splitAtWords(Array.from('ab   cd'), 3)).toEqual(['ab', 'cd']);
    const emoji = '😀'.repeat(500);
    expect(prepareSay(emoji, 'split')).toEqual({ ok: true, parts: [emoji] });
    expect(prepareSay(`${emoji}😀`, 'split')).toEqual({ ok: true, parts: [emoji, '😀'] });
    expect(prepareSay(`/me ${'a '.repeat(300)}`, 'split')).toMatchObject({
      ok: true,
      parts: [expect.stringMatching(/^\/me a/), expect.stringMatching(/^\/me a/)],
    });
    expect(prepareSay('/me', 'split')).toEqual({ ok: false, reason: 'empty' });
    expect(prepareSay('// not a command', 'split')).toEqual({ ok: true, parts: ['// not a command'] });
  });
});
