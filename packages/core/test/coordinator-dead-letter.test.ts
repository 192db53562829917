import { describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../src/errors/index.js';
import { Streams } from '../src/protocol/streams.js';
import { Cluster, joinsOf } from './coordinator-fixture.js';

describe('coordinator: bad input never stops the loop', () => {
  it('moves invalid commands and reports to the dead-letter stream with the reason and goes on', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    const coordinator = await cluster.active();
    await cluster.streams.append(Streams.coordinator, { payload: '{not json' });
    await cluster.streams.append(Streams.coordinator, { other: 'x' });
    await cluster.send({ type: 'join', channels: ['#Bad Name'] });
    await cluster.send({ type: 'explode' });
    await cluster.send({ type: 'join', channels: ['fine'] });
    await cluster.report({ type: 'joined', workerId: 'a' } as never);
    await coordinator.tick();
    const dead = await cluster.streams.range(Streams.deadLetter, '-', '+');
    expect(dead).toHaveLength(5);
    expect(dead.map((d) => d.fields['stream'])).toEqual([
      Streams.coordinator,
      Streams.coordinator,
      Streams.coordinator,
      Streams.coordinator,
      Streams.reports,
    ]);
    expect(dead[0]?.fields['reason']).toContain('not JSON');
    expect(dead[1]?.fields['reason']).toContain('missing field');
    expect(dead[2]?.fields['reason']).toContain('channels.0');
    expect(dead[4]?.fields['reason']).toContain('connectionId');
    expect(await joinsOf(cluster, 'a')).toEqual(['fine']);
    expect(await cluster.streams.pending(Streams.coordinator, 'coordinator')).toEqual([]);
    expect(coordinator.status().recentEvents.filter((e) => e.type === 'dead-letter')).toHaveLength(5);
  });

  it('rejects an invalid in-process command with TMI_ERR_INVALID_COMMAND', async () => {
    const cluster = new Cluster();
    const coordinator = await cluster.active();
    await expect(coordinator.handle({ type: 'join', channels: [] })).rejects.toSatisfy((e: unknown) =>
      isTmiClusterError(e, 'TMI_ERR_INVALID_COMMAND'),
    );
  });

  it('keeps a command whose handler failed, reloads state and runs it again', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    let failures = 1;
    const manager = cluster.channels;
    cluster.channels = {
      ...manager,
      authorized: async (channels) => {
        if (failures-- > 0) throw new Error('database unreachable');
        return manager.authorized(channels);
      },
      acknowledged: async () => {},
      authorize: async () => {},
      revoke: async () => {},
      stale: async () => new Set(),
      reconnectable: async () => [],
    };
    const coordinator = await cluster.active({ commandRetryIdleMs: 2_000 });
    await cluster.send({ type: 'join', channels: ['x'], respondTo: 'cli' });
    await coordinator.tick();
    expect(coordinator.status().recentEvents.at(-1)).toMatchObject({ type: 'error' });
    expect(await cluster.replies('cli')).toEqual([]);
    for (let t = 0; t < 3_000; t += 100) await cluster.clock.advanceAsync(100);
    expect(await cluster.replies('cli')).toMatchObject([{ type: 'join', result: { resolved: { x: 'a' } } }]);
    expect(await joinsOf(cluster, 'a')).toEqual(['x']);
  });
});
