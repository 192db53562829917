import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Coordinator } from '../src/coordinator/coordinator.js';
import { isTmiClusterError } from '../src/errors/index.js';
import { type CoordinatorCommand, coordinatorCommandSchema } from '../src/protocol/commands.js';
import { decodePayload, encodePayload } from '../src/protocol/envelope.js';
import { Groups, Streams } from '../src/protocol/streams.js';
import { ClientCluster, settle, until } from './client-fixture.js';
import { ListChannelManager } from './coordinator-fixture.js';

let cluster: ClientCluster;

beforeEach(() => {
  cluster = new ClientCluster();
});
afterEach(async () => {
  await cluster.closeAll();
});

/** Ticks the coordinator until the request settles, as its poll timer would. */
async function drive<T>(coordinator: Coordinator, request: Promise<T>): Promise<T> {
  let done = false;
  request.then(
    () => (done = true),
    () => (done = true),
  );
  for (let i = 0; i < 500 && !done; i++) {
    await coordinator.tick();
    await settle(2);
  }
  return request;
}

async function commandsSent(): Promise<CoordinatorCommand[]> {
  const entries = await cluster.streams.range(Streams.coordinator, '-', '+');
  return entries.map((e) => {
    const decoded = decodePayload(e.fields, coordinatorCommandSchema);
    if (!decoded.ok) throw new Error(decoded.reason);
    return decoded.value;
  });
}

describe('join, part, authorize, revoke against the real coordinator', () => {
  it('normalises names, joins, reports already-held channels as ignored, parts', async () => {
    const worker = await cluster.worker('w1');
    const coordinator = await cluster.active();
    const client = cluster.client({ clientId: 'app-1' });

    const joined = await drive(coordinator, client.join(['#Foo', ' bar ', 'foo']));
    expect(joined).toEqual({
      resolved: { foo: 'w1', bar: 'w1' },
      ignored: {},
      rejected: [],
      unauthorized: [],
    });
    const [command] = await commandsSent();
    expect(command).toMatchObject({ type: 'join', channels: ['foo', 'bar'], respondTo: 'app-1' });
    expect(command?.requestId).toMatch(/^[0-9a-f-]{36}$/);

    await worker.confirm();
    const again = await drive(coordinator, client.join('foo'));
    expect(again.ignored).toEqual({ foo: 'w1' });

    const parted = await drive(coordinator, client.part(['FOO', 'nope']));
    expect(parted).toEqual({ parted: ['foo'], notJoined: ['nope'] });
  });

  it('passes authorize/reconnect through and answers authorize and revoke', async () => {
    const manager = new ListChannelManager();
    cluster.channels = manager;
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    const client = cluster.client();

    expect(await drive(coordinator, client.join('foo'))).toMatchObject({ unauthorized: ['foo'] });
    const joined = await drive(coordinator, client.join('foo', { authorize: true, reconnect: true }));
    expect(joined.resolved).toEqual({ foo: 'w1' });
    expect(manager.allowed.get('foo')).toEqual({ reconnect: true, revoked: false });

    expect(await drive(coordinator, client.authorize(['#Bar'], { reconnect: false }))).toEqual(['bar']);
    expect(manager.allowed.get('bar')).toEqual({ reconnect: false, revoked: false });
    expect(await drive(coordinator, client.revoke('foo'))).toEqual(['foo']);
    expect(manager.allowed.get('foo')?.revoked).toBe(true);
    expect(await cluster.store.counts()).toMatchObject({ wanted: 0 });
  });

  it('sends nothing for an empty list', async () => {
    const client = cluster.client();
    expect(await client.join([])).toEqual({ resolved: {}, ignored: {}, rejected: [], unauthorized: [] });
    expect(await client.part([])).toEqual({ parted: [], notJoined: [] });
    expect(await cluster.streams.length(Streams.coordinator)).toBe(0);
  });
});

describe('invalid channel names', () => {
  it('rejects with TMI_ERR_INVALID_CHANNEL naming every bad name, before anything is sent', async () => {
    const client = cluster.client();
    const long = 'x'.repeat(26);
    const error = await client.join(['good', 'bad name', '#', long, 'fine']).catch((e: unknown) => e);
    expect(isTmiClusterError(error, 'TMI_ERR_INVALID_CHANNEL')).toBe(true);
    const message = (error as Error).message;
    expect(message).toContain('3 invalid channel name(s)');
    expect(message).toContain('"bad name"');
    expect(message).toContain(long);
    expect((error as { details: { channels: unknown[] } }).details.channels).toHaveLength(3);
    for (const op of [client.part('a b'), client.authorize(['ok', '!']), client.revoke('#')])
      await expect(op).rejects.toMatchObject({ code: 'TMI_ERR_INVALID_CHANNEL' });
    await settle();
    expect(await cluster.streams.length(Streams.coordinator)).toBe(0);
  });
});

describe('time-out and close', () => {
  it('times out with TMI_ERR_TIMEOUT naming the request id; a late answer is dropped', async () => {
    const client = cluster.client({ requestTimeoutMs: 5_000 });
    const request = client.join('foo');
    const outcome = request.catch((e: unknown) => e);
    await until(async () => (await cluster.streams.length(Streams.coordinator)) === 1);
    await cluster.clock.advanceAsync(4_999);
    expect(await client.status()).toMatchObject({ client: { pendingRequests: 1 } });
    await cluster.clock.advanceAsync(1);
    const error = await outcome;
    const [command] = await commandsSent();
    expect(error).toMatchObject({ code: 'TMI_ERR_TIMEOUT', details: { requestId: command?.requestId } });
    expect((error as Error).message).toContain(command!.requestId!);

    // The coordinator comes back and answers: nobody waits any more.
    const coordinator = await cluster.active();
    await cluster.worker('w1');
    await coordinator.tick();
    await until(async () => (await client.status()).client.lateReplies === 1);
    expect((await client.status()).client.pendingRequests).toBe(0);
  });

  it('close() rejects waiting requests with TMI_ERR_CLOSED, is idempotent, and refuses new work', async () => {
    const client = cluster.client();
    const waiting = client.part(['foo', 'bar']).catch((e: unknown) => e);
    await until(async () => (await cluster.streams.length(Streams.coordinator)) === 1);
    const first = client.close();
    expect(client.close()).toBe(first);
    await first;
    expect(await waiting).toMatchObject({ code: 'TMI_ERR_CLOSED' });
    await expect(client.join('foo')).rejects.toMatchObject({ code: 'TMI_ERR_CLOSED' });
    await expect(client.say('foo', 'hi')).rejects.toMatchObject({ code: 'TMI_ERR_CLOSED' });
    expect(() => client.on('message', () => {})).toThrow(/TMI_ERR_CLOSED/);
    expect(client.closed).toBe(true);
  });
});

describe('chunking', () => {
  it('joins 100,000 channels as 100 commands of ≤ 1,000 with at most 8 in flight, merged', async () => {
    const client = cluster.client({ clientId: 'bulk' });
    const names = Array.from({ length: 100_000 }, (_, i) => `channel_${i}`);
    await cluster.streams.ensureGroup(Streams.coordinator, 'fake', 'start');
    const request = client.join(names);
    let done = false;
    request.finally(() => (done = true)).catch(() => {});
    const seen: string[][] = [];
    let maxOutstanding = 0;
    // A stand-in coordinator: answers every join command, one read at a time.
    while (!done) {
      const entries = await cluster.streams.readGroup(Streams.coordinator, 'fake', 'fake', {
        count: 100,
        blockMs: 0,
      });
      maxOutstanding = Math.max(maxOutstanding, entries.length);
      for (const entry of entries) {
        const decoded = decodePayload(entry.fields, coordinatorCommandSchema);
        if (!decoded.ok || decoded.value.type !== 'join') throw new Error('not a join');
        const { channels, requestId, respondTo } = decoded.value;
        seen.push(channels);
        const resolved = Object.fromEntries(channels.map((c) => [c, 'w1']));
        const result = { resolved, ignored: {}, rejected: [], unauthorized: [] };
        await cluster.streams.append(
          Streams.replies(respondTo!),
          encodePayload({ type: 'join', requestId, result }),
        );
      }
      await settle(1);
    }
    const result = await request;
    expect(seen).toHaveLength(100);
    expect(Math.max(...seen.map((c) => c.length))).toBe(1_000);
    expect(maxOutstanding).toBeLessThanOrEqual(8);
    expect(new Set(seen.flat()).size).toBe(100_000);
    expect(Object.keys(result.resolved)).toHaveLength(100_000);
  });
});

describe('options', () => {
  it('validates with TMI_ERR_INVALID_CONFIG naming the field', () => {
    expect(() => cluster.client({ requestTimeoutMs: 0 })).toThrow(/client\.requestTimeoutMs/);
    expect(() => cluster.client({ application: 'has space' })).toThrow(
      /TMI_ERR_INVALID_CONFIG.*client\.application/,
    );
    expect(() => cluster.client({ bogus: 1 } as never)).toThrow(/bogus/);
  });

  it('fills defaults, with a random client id', () => {
    const a = cluster.client();
    const b = cluster.client();
    expect(a.clientId).not.toBe(b.clientId);
    expect(a.options).toMatchObject({
      application: 'default',
      identity: null,
      requestTimeoutMs: 10_000,
      maxChannelsPerRequest: 1_000,
      dedupTtlMs: 30_000,
      dedupWindowMs: 5_000,
      concurrency: 16,
      startFrom: 'end',
    });
    expect(Object.isFrozen(a.options)).toBe(true);
  });

  it('answers on the client’s own reply stream, read by group', async () => {
    await cluster.worker('w1');
    const coordinator = await cluster.active();
    const client = cluster.client({ clientId: 'mine' });
    await drive(coordinator, client.join('foo'));
    expect(await cluster.streams.pending(Streams.replies('mine'), Groups.replies)).toEqual([]);
  });
});
