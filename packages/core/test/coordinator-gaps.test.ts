import { afterEach, describe, expect, it } from 'vitest';
import type { GapRecord } from '../src/protocol/gaps.js';
import { gapRecordSchema } from '../src/protocol/gaps.js';
import { decodePayload, encodePayload } from '../src/protocol/envelope.js';
import { Streams } from '../src/protocol/streams.js';
import { ClientCluster, until } from './client-fixture.js';
import { Cluster, HEARTBEAT_TTL } from './coordinator-fixture.js';

async function gapsIn(cluster: Cluster): Promise<GapRecord[]> {
  const entries = await cluster.streams.range(Streams.gaps, '-', '+');
  return entries.map((e) => {
    const decoded = decodePayload(e.fields, gapRecordSchema);
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value;
  });
}

describe('coordinator: gaps', () => {
  it('reports a dead worker’s channels as a gap from its last heartbeat to the new confirmation', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a');
    const b = await cluster.worker('b');
    const coordinator = await cluster.active({ sweepMs: 100 });
    await coordinator.handle({ type: 'join', channels: ['x', 'y', 'z', 'w'] });
    await a.confirm();
    await b.confirm();
    await coordinator.tick();
    const onA = [...a.held];
    expect(onA).toHaveLength(2);
    // a's last heartbeat; b keeps beating.
    await cluster.clock.advanceAsync(1_000);
    await a.heartbeat();
    const lastBeat = cluster.clock.now();
    for (let t = 0; t < HEARTBEAT_TTL + 500; t += 100) {
      await b.heartbeat();
      await cluster.clock.advanceAsync(100);
      await coordinator.tick();
    }
    expect(await gapsIn(cluster)).toEqual([]);
    await b.confirm();
    const confirmedAt = cluster.clock.now();
    await coordinator.tick();
    const expected = onA.map((channel) => ({
      channel,
      from: lastBeat,
      to: confirmedAt,
      workerId: 'a',
      cause: 'worker-lost',
    }));
    expect(await gapsIn(cluster)).toEqual(expected);
    expect(coordinator.status().recentGaps).toEqual(expected);
    expect(coordinator.status().recentEvents.filter((e) => e.type === 'gap')).toHaveLength(2);
    // Confirmed once more (a repeated report): no second gap.
    for (const channel of onA)
      await cluster.report({ type: 'joined', workerId: 'b', connectionId: 'c0', channel, at: 1 });
    await coordinator.tick();
    expect(await gapsIn(cluster)).toHaveLength(2);
  });

  it('reports no gap where another worker held the channel all along (redundancy)', async () => {
    const cluster = new Cluster();
    const a = await cluster.worker('a', { host: 'h1' });
    const b = await cluster.worker('b', { host: 'h2' });
    const c = await cluster.worker('c', { host: 'h3' });
    const coordinator = await cluster.active({ sweepMs: 100, redundancy: 2 });
    await coordinator.handle({ type: 'join', channels: ['x'] });
    for (const w of [a, b, c]) await w.confirm();
    await coordinator.tick();
    const holders = [a, b, c].filter((w) => w.held.has('x'));
    expect(holders).toHaveLength(2);
    const [dead, alive] = holders as [typeof a, typeof a];
    const spare = [a, b, c].find((w) => !w.held.has('x'))!;
    for (let t = 0; t < HEARTBEAT_TTL + 500; t += 100) {
      await alive.heartbeat();
      await spare.heartbeat();
      await cluster.clock.advanceAsync(100);
      await coordinator.tick();
    }
    await spare.confirm();
    await coordinator.tick();
    expect(spare.held.has('x')).toBe(true);
    expect(dead.id).not.toBe(alive.id);
    expect(await gapsIn(cluster)).toEqual([]);
  });

  it('passes a worker’s reconnect gap on to applications', async () => {
    const cluster = new Cluster();
    await cluster.worker('a');
    const coordinator = await cluster.active();
    await cluster.report({ type: 'gap', workerId: 'a', connectionId: 'c2', channel: 'x', from: 5, to: 9 });
    await coordinator.tick();
    expect(await gapsIn(cluster)).toEqual([
      { channel: 'x', from: 5, to: 9, workerId: 'a', connectionId: 'c2', cause: 'reconnect' },
    ]);
  });
});

describe('client: on("gap")', () => {
  let cluster: ClientCluster;
  afterEach(async () => {
    await cluster.closeAll();
  });

  it('delivers each gap record once per application, and reports a bad record or a failing handler', async () => {
    cluster = new ClientCluster();
    const got: Record<string, GapRecord[]> = { one: [], two: [], other: [] };
    const errors: unknown[] = [];
    // From the start: the records may be appended before the groups exist.
    const one = cluster.client({ application: 'app', clientId: 'one', startFrom: 'start' });
    const two = cluster.client({ application: 'app', clientId: 'two', startFrom: 'start' });
    const other = cluster.client({ application: 'else', clientId: 'other', startFrom: 'start' });
    one.on('gap', (g) => void got.one!.push(g));
    two.on('gap', (g) => void got.two!.push(g));
    other.on('gap', (g) => {
      got.other!.push(g);
      throw new Error('handler broke');
    });
    other.on('error', (err) => errors.push(err));
    const record: GapRecord = { channel: 'x', from: 1, to: 2, workerId: 'a', cause: 'worker-lost' };
    for (let i = 0; i < 4; i++)
      await cluster.streams.append(Streams.gaps, encodePayload({ ...record, from: i }));
    await cluster.streams.append(Streams.gaps, { payload: '{"channel":1}' });
    await until(() => got.one!.length + got.two!.length === 4 && got.other!.length === 4);
    expect([...got.one!, ...got.two!].map((g) => g.from).sort()).toEqual([0, 1, 2, 3]);
    expect(got.other!.map((g) => g.from)).toEqual([0, 1, 2, 3]);
    await until(() => errors.length === 5);
    expect(errors.map((e) => (e as Error).message)).toContain('handler broke');
    expect(errors.some((e) => /unreadable gap record/.test((e as Error).message))).toBe(true);
    expect(() => one.on('gap', 'nope' as never)).toThrow(/handler must be a function/);
  });
});
