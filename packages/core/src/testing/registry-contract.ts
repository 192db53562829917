import { describe, expect, it } from 'vitest';
import type { MemberKind, MemberRecord, Registry } from '../ports/registry.js';
import { type ContractOptions, type PortFactory, useHarness } from './harness.js';

const TTL = 200;

function member(id: string, kind: MemberKind = 'worker', state = 'running'): MemberRecord {
  return {
    kind,
    id,
    ...(kind === 'worker' ? { supervisorId: 'sup-1' } : {}),
    host: 'host-a',
    state,
    startedAt: 1_700_000_000_000,
    data: { channels: ['foo', 'bar'], connections: 2, nested: { rss: 123.5 } },
  };
}

const ids = (members: MemberRecord[]) => members.map((m) => m.id).sort();

/** The Registry contract (see the port's TSDoc). Every adapter runs it. */
export function registryContract(
  name: string,
  factory: PortFactory<Registry>,
  options: ContractOptions = {},
): void {
  describe(`Registry contract: ${name}`, () => {
    const h = useHarness(factory);
    const registry = () => h().port;

    it('stores what a heartbeat says and stamps lastSeenAt', async () => {
      const before = h().now();
      await registry().heartbeat(member('w1'), TTL);
      const got = await registry().get('worker', 'w1');
      expect(got).toMatchObject(member('w1'));
      expect(got?.lastSeenAt).toBeTypeOf('number');
      if (options.exactTime) expect(got?.lastSeenAt).toBe(before);
      expect(await registry().get('worker', 'unknown')).toBeNull();
    });

    it('lists alive members of one kind only', async () => {
      await registry().heartbeat(member('w1'), TTL);
      await registry().heartbeat(member('w2'), TTL);
      await registry().heartbeat(member('s1', 'supervisor'), TTL);
      expect(ids(await registry().list('worker'))).toEqual(['w1', 'w2']);
      expect(ids(await registry().list('supervisor'))).toEqual(['s1']);
      // Kinds are separate namespaces: the same id may exist in both.
      await registry().heartbeat(member('w1', 'supervisor'), TTL);
      expect(ids(await registry().list('supervisor'))).toEqual(['s1', 'w1']);
      expect((await registry().get('worker', 'w1'))?.kind).toBe('worker');
    });

    it('refreshes the record and the expiry on every heartbeat', async () => {
      await registry().heartbeat(member('w1', 'worker', 'starting'), TTL);
      await h().advance(120);
      await registry().heartbeat(member('w1', 'worker', 'running'), TTL);
      await h().advance(120);
      const listed = await registry().list('worker');
      expect(listed.map((m) => [m.id, m.state])).toEqual([['w1', 'running']]);
    });

    it('hides expired members from list, keeps them for get until swept, and sweeps each once', async () => {
      await registry().heartbeat(member('dead'), TTL);
      await registry().heartbeat(member('alive'), TTL * 10);
      await registry().heartbeat(member('sup', 'supervisor'), TTL);
      await h().advance(TTL + 50);
      expect(ids(await registry().list('worker'))).toEqual(['alive']);
      expect((await registry().get('worker', 'dead'))?.id).toBe('dead');

      const swept = await registry().sweepExpired('worker');
      expect(swept.map((m) => [m.id, m.state])).toEqual([['dead', 'running']]);
      expect(swept[0]?.data).toEqual(member('dead').data);
      expect(await registry().get('worker', 'dead')).toBeNull();
      expect(await registry().sweepExpired('worker')).toEqual([]);
      // The supervisor kind was not swept by the worker sweep.
      expect(ids(await registry().sweepExpired('supervisor'))).toEqual(['sup']);
    });

    it('returns each expired member to exactly one of two concurrent sweepers', async () => {
      const all = ['w1', 'w2', 'w3', 'w4', 'w5'];
      for (const id of all) await registry().heartbeat(member(id), TTL);
      await h().advance(TTL + 50);
      const [a, b] = await Promise.all([
        registry().sweepExpired('worker'),
        registry().sweepExpired('worker'),
      ]);
      expect(ids([...a, ...b])).toEqual(all);
    });

    it('revives an expired member that heartbeats before the sweep', async () => {
      await registry().heartbeat(member('w1'), TTL);
      await h().advance(TTL + 50);
      await registry().heartbeat(member('w1'), TTL);
      expect(await registry().sweepExpired('worker')).toEqual([]);
      expect(ids(await registry().list('worker'))).toEqual(['w1']);
    });

    it('removes a member on graceful exit and says whether it existed', async () => {
      await registry().heartbeat(member('w1'), TTL);
      expect(await registry().remove('worker', 'w1')).toBe(true);
      expect(await registry().remove('worker', 'w1')).toBe(false);
      expect(await registry().get('worker', 'w1')).toBeNull();
      expect(await registry().list('worker')).toEqual([]);
    });

    it.runIf(options.exactTime)('is alive 1 ms before ttl and expired at ttl exactly', async () => {
      await registry().heartbeat(member('w1'), TTL);
      await h().advance(TTL - 1);
      expect(ids(await registry().list('worker'))).toEqual(['w1']);
      expect(await registry().sweepExpired('worker')).toEqual([]);
      await h().advance(1);
      expect(await registry().list('worker')).toEqual([]);
      expect(ids(await registry().sweepExpired('worker'))).toEqual(['w1']);
    });
  });
}
