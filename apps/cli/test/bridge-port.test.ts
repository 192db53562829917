import { MessageChannel } from 'node:worker_threads';
import {
  isTmiClusterError,
  ManualClock,
  MemoryDedupStore,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
  TmiClusterError,
} from '@tmi-cluster/core';
import { afterEach, describe, expect, it } from 'vitest';
import { connectPorts } from '../src/bridge/connect.js';
import { exposePorts } from '../src/bridge/expose.js';

function setup() {
  const clock = new ManualClock();
  const streams = new MemoryStreamLog({ clock });
  const { port1, port2 } = new MessageChannel();
  const server = exposePorts(port1, {
    streams,
    registry: new MemoryRegistry({ clock }),
    limiter: new MemoryRateLimiter({ clock }),
    dedup: new MemoryDedupStore({ clock }),
  });
  const client = connectPorts(port2);
  cleanups.push(() => {
    client.close();
    server.close();
  });
  return { clock, streams, server, client, port1, port2 };
}

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (err: unknown) => err,
  );
}

describe('port bridge over a MessageChannel', () => {
  it('re-throws errors as TmiClusterError with code, message and details intact', async () => {
    const { client, streams } = setup();
    const local = await rejection(streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 0 }));
    const remote = await rejection(client.streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 0 }));
    expect(remote).toBeInstanceOf(TmiClusterError);
    expect(isTmiClusterError(remote, 'TMI_ERR_NO_SUCH_GROUP')).toBe(true);
    const [l, r] = [local, remote] as TmiClusterError[];
    expect(r!.message).toBe(l!.message);
    expect(r!.details).toEqual(l!.details);

    const invalid = await rejection(client.limiter.take('k', { count: 0, windowMs: 10 }));
    expect(isTmiClusterError(invalid, 'TMI_ERR_INVALID_ARGUMENT')).toBe(true);
  });

  it('serves a blocking readGroup while other calls go on, and wakes it on an append', async () => {
    const { client, streams } = setup();
    await client.streams.ensureGroup('s', 'g', 'end');
    const reading = client.streams.readGroup('s', 'g', 'c', { count: 10, blockMs: 60_000 });
    // Not stuck behind the blocked read:
    expect(await client.dedup.claim('x', 1_000)).toBe(true);
    expect(await client.streams.length('s')).toBe(0);
    await streams.appendMany('s', [{ n: '1' }, { n: '2' }]);
    const entries = await reading;
    expect(entries.map((e) => e.fields['n'])).toEqual(['1', '2']);
    expect(entries[0]?.deliveries).toBe(1);
  });

  it('rejects pending calls with TMI_ERR_CLOSED when the client closes, and every later call', async () => {
    const { client, server } = setup();
    await client.streams.ensureGroup('s', 'g', 'end');
    const reading = client.streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 60_000 });
    client.close();
    const err = await rejection(reading);
    expect(isTmiClusterError(err, 'TMI_ERR_CLOSED')).toBe(true);
    expect((err as TmiClusterError).details).toEqual({ call: 'streams.readGroup' });
    expect(isTmiClusterError(await rejection(client.registry.list('worker')), 'TMI_ERR_CLOSED')).toBe(true);
    expect(client.closed).toBe(true);
    // The serving end learns of it too.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.closed).toBe(true);
  });

  it('rejects pending calls when the serving end closes', async () => {
    const { client, server } = setup();
    await client.streams.ensureGroup('s', 'g', 'end');
    const reading = client.streams.readGroup('s', 'g', 'c', { count: 1, blockMs: 60_000 });
    await client.ping();
    server.close();
    expect(isTmiClusterError(await rejection(reading), 'TMI_ERR_CLOSED')).toBe(true);
    expect(client.closed).toBe(true);
  });

  it('refuses methods outside the allowlist and arguments that cannot be cloned', async () => {
    const { client, port1, port2 } = setup();
    // A raw request for `close` on the stream log (a method the adapter has, but not the port).
    const answer = new Promise<unknown>((resolve) => port2.once('message', resolve));
    port2.postMessage([999_999, 'streams', 'close', []]);
    const [id, ok, error] = (await answer) as [number, number, { code: string }];
    expect([id, ok, error.code]).toEqual([999_999, 0, 'TMI_ERR_INVALID_ARGUMENT']);
    expect(port1).toBeDefined();

    const uncloneable = { fields: () => 1 } as unknown as Record<string, string>;
    const err = await rejection(client.streams.append('s', uncloneable));
    expect((err as Error).name).toBe('DataCloneError');
    // The bridge still works afterwards.
    expect(await client.streams.append('s', { a: '1' })).toMatch(/^\d+-0$/);
  });

  it('passes plain errors on by name and message', async () => {
    const { port1, port2 } = new MessageChannel();
    const failing = {
      claim: async () => {
        throw new RangeError('boom');
      },
    };
    const server = exposePorts(port1, { dedup: failing });
    const client = connectPorts(port2);
    cleanups.push(() => {
      client.close();
      server.close();
    });
    const err = (await rejection(client.dedup.claim('k', 1))) as Error;
    expect([err.name, err.message]).toEqual(['RangeError', 'boom']);
    // A port that was not exposed answers with a clear error instead of hanging.
    expect(
      isTmiClusterError(await rejection(client.registry.list('worker')), 'TMI_ERR_INVALID_ARGUMENT'),
    ).toBe(true);
  });
});
