import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Groups, Streams } from '../src/protocol/streams.js';
import { ClientCluster, privmsg, settle, until } from './client-fixture.js';

let cluster: ClientCluster;

beforeEach(() => {
  cluster = new ClientCluster();
});
afterEach(async () => {
  await cluster.closeAll();
});

const GROUP = Groups.application('bot');
const lines = (n: number, prefix = 'm') =>
  Array.from({ length: n }, (_, i) => ({ line: privmsg(`${prefix}${i}`, 'x') }));

/** A process of the application that read a batch and died before acknowledging it. */
async function deadConsumerReads(name: string, count: number): Promise<void> {
  const read = await cluster.streams.readGroup(Streams.events, GROUP, name, { count, blockMs: 0 });
  expect(read).toHaveLength(count);
}

describe('crash recovery', () => {
  it('a second process takes over what a dead one read but never acknowledged', async () => {
    await cluster.streams.ensureGroup(Streams.events, GROUP, 'end');
    await cluster.publish(lines(5));
    await deadConsumerReads('dead', 5);

    const client = cluster.client({ application: 'bot', claimIdleMs: 1_000, claimIntervalMs: 500 });
    const seen: string[] = [];
    client.on('message', (e) => {
      seen.push(e.id ?? '');
    });
    await client.ready();
    await settle();
    expect(seen).toEqual([]); // not idle long enough yet: the owner might be alive
    await cluster.clock.advanceAsync(client.options.blockMs);
    await until(() => seen.length === 5);
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    await until(async () => (await cluster.streams.pending(Streams.events, GROUP)).length === 0);
    expect((await client.status()).client.events.redelivered).toBe(5);
  });

  it('a restarted process with the same client id delivers its own pending entries at once', async () => {
    await cluster.streams.ensureGroup(Streams.events, GROUP, 'end');
    await cluster.publish(lines(3));
    await deadConsumerReads('proc-1', 3);

    const client = cluster.client({ application: 'bot', clientId: 'proc-1' });
    const seen: string[] = [];
    client.on('message', (e) => {
      seen.push(e.id ?? '');
    });
    await until(() => seen.length === 3);
    expect(seen).toEqual(['m0', 'm1', 'm2']);
    await until(async () => (await cluster.streams.pending(Streams.events, GROUP)).length === 0);
  });

  it('redelivers events whose handlers were running when their process died, and only those', async () => {
    // Process A takes a batch, wins the de-dup claims, starts its handlers and hangs (dies).
    const a = cluster.client({ application: 'bot', clientId: 'a', claimIdleMs: 1_000 });
    let release = () => {};
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    const seenA: string[] = [];
    a.on('message', async (e) => {
      seenA.push(e.id ?? '');
      await hung;
    });
    await a.ready();
    await cluster.publish(lines(3));
    await until(() => seenA.length === 3);

    // A copy of m0 from a second receiver arrives later: still a duplicate for everybody.
    const b = cluster.client({ application: 'bot', clientId: 'b', claimIdleMs: 1_000, claimIntervalMs: 500 });
    const seenB: string[] = [];
    b.on('message', (e) => {
      seenB.push(e.id ?? '');
    });
    await b.ready();
    await cluster.publish([{ line: privmsg('m0', 'x'), receiver: 'w2/c1' }]);
    await until(async () => (await b.status()).client.events.read === 1);
    expect(seenB).toEqual([]);

    await cluster.clock.advanceAsync(b.options.blockMs);
    await until(() => seenB.length === 3);
    expect(seenB).toEqual(['m0', 'm1', 'm2']);
    release();
  });
});
