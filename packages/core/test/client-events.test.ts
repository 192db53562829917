import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClusterClient } from '../src/client/index.js';
import { Groups, Streams } from '../src/protocol/streams.js';
import { ClientCluster, privmsg, settle, until } from './client-fixture.js';

let cluster: ClientCluster;

beforeEach(() => {
  cluster = new ClientCluster();
});
afterEach(async () => {
  await cluster.closeAll();
});

const T = 1_700_000_000_000;
const ROOMSTATE =
  '@emote-only=0;followers-only=-1;r9k=0;room-id=1;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #foo';
const JOIN = ':bob!bob@bob.tmi.twitch.tv JOIN #foo';
const CLEARCHAT = '@room-id=1;tmi-sent-ts=1700000000000 :tmi.twitch.tv CLEARCHAT #foo';

/** The ids of the messages this client's handler saw, in delivery order. */
function collect(client: ClusterClient): string[] {
  const seen: string[] = [];
  client.on('message', (event) => {
    seen.push(event.id ?? '?');
  });
  return seen;
}

describe('typed delivery', () => {
  it('delivers typed events with receiver, receive time and raw line from the entry', async () => {
    const client = cluster.client();
    const messages: { text: string; receiverId: string; receivedAt: number; raw: string }[] = [];
    const cheers: number[] = [];
    const all: string[] = [];
    client.on('message', (e) => {
      messages.push({ text: e.text, receiverId: e.receiverId, receivedAt: e.receivedAt, raw: e.raw });
    });
    client.on('cheer', (e) => {
      cheers.push(e.bits);
    });
    client.on('*', (e) => {
      all.push(e.type);
    });
    await client.ready();
    const line = privmsg('m1', 'hello');
    await cluster.publish([
      { line, receiver: 'w7/c3', receivedAt: T + 42 },
      { line: privmsg('m2', 'cheer100', { bits: 100 }) },
      { line: ROOMSTATE },
    ]);
    await until(() => all.length === 3);
    expect(messages[0]).toEqual({ text: 'hello', receiverId: 'w7/c3', receivedAt: T + 42, raw: line });
    expect(messages).toHaveLength(2);
    expect(cheers).toEqual([100]);
    expect(all).toEqual(['message', 'message', 'roomstate']);
  });

  it('stops delivering to an unsubscribed handler', async () => {
    const client = cluster.client();
    const a = collect(client);
    const seenB: string[] = [];
    const off = client.on('message', (e) => {
      seenB.push(e.id ?? '');
    });
    await client.ready();
    await cluster.publish([{ line: privmsg('m1', 'x') }]);
    await until(() => a.length === 1 && seenB.length === 1);
    off();
    off();
    await cluster.publish([{ line: privmsg('m2', 'y') }]);
    await until(() => a.length === 2);
    expect(seenB).toEqual(['m1']);
  });

  it('rejects unknown event names and non-function handlers', () => {
    const client = cluster.client();
    expect(() => client.on('nope' as 'message', () => {})).toThrow(/TMI_ERR_INVALID_ARGUMENT/);
    expect(() => client.on('message', 42 as never)).toThrow(/must be a function/);
  });
});

describe('de-duplication', () => {
  it('delivers the same message from two receivers once', async () => {
    const client = cluster.client();
    const seen = collect(client);
    await client.ready();
    const line = privmsg('dup-1', 'hi');
    await cluster.publish([
      { line, receiver: 'w1/c1', receivedAt: T },
      { line, receiver: 'w2/c1', receivedAt: T + 3 },
      { line: privmsg('other', 'x') },
    ]);
    await until(async () => (await client.status()).client.events.read === 3);
    await settle();
    expect(seen).toEqual(['dup-1', 'other']);
    expect((await client.status()).client.events).toMatchObject({ duplicates: 1, delivered: 2 });
  });

  it('merges id-less copies within the window, keeps them apart at twice the window', async () => {
    const client = cluster.client({ dedupWindowMs: 1_000 });
    const seen: { type: string; receiverId: string }[] = [];
    client.on('*', (e) => {
      seen.push({ type: e.type, receiverId: e.receiverId });
    });
    await client.ready();
    await cluster.publish([
      { line: JOIN, receiver: 'w1/c1', receivedAt: T + 400 },
      { line: JOIN, receiver: 'w2/c1', receivedAt: T + 1_400 }, // 1 s later: the same JOIN
      { line: ROOMSTATE, receiver: 'w1/c1', receivedAt: T },
      { line: ROOMSTATE, receiver: 'w2/c1', receivedAt: T + 999 },
      { line: JOIN, receiver: 'w1/c1', receivedAt: T + 3_400 }, // 2 s after either copy: a new JOIN
    ]);
    await until(async () => (await client.status()).client.events.read === 5);
    await settle();
    expect(seen.map((s) => s.type)).toEqual(['join', 'roomstate', 'join']);
    expect((await client.status()).client.events.duplicates).toBe(2);
  });

  it('keeps connection-level lines per connection (each RECONNECT is its own fact)', async () => {
    const client = cluster.client();
    const seen: string[] = [];
    client.on('reconnect', (e) => {
      seen.push(e.receiverId);
    });
    await client.ready();
    const line = ':tmi.twitch.tv RECONNECT';
    await cluster.publish([
      { line, receiver: 'w1/c1' },
      { line, receiver: 'w1/c2' },
      { line, receiver: 'w1/c2' },
    ]);
    await until(async () => (await client.status()).client.events.read === 3);
    await settle();
    expect(seen).toEqual(['w1/c1', 'w1/c2']);
  });
});

describe('consumer groups', () => {
  it('splits one application’s events between its processes, each event once', async () => {
    const a = cluster.client({ application: 'bot', batchSize: 5 });
    const b = cluster.client({ application: 'bot', batchSize: 5 });
    const seenA = collect(a);
    const seenB = collect(b);
    await Promise.all([a.ready(), b.ready()]);
    for (let i = 0; i < 20; i++) {
      await cluster.publish(Array.from({ length: 5 }, (_, k) => ({ line: privmsg(`m${i * 5 + k}`, 'x') })));
      await settle(5);
    }
    await until(() => seenA.length + seenB.length === 100);
    await settle();
    expect(seenA.length).toBeGreaterThan(0);
    expect(seenB.length).toBeGreaterThan(0);
    expect(seenA.filter((id) => seenB.includes(id))).toEqual([]);
    expect(new Set([...seenA, ...seenB]).size).toBe(100);
  });

  it('gives every application every event, de-duplicated on its own', async () => {
    const x = cluster.client({ application: 'archiver' });
    const y = cluster.client({ application: 'bot' });
    const seenX = collect(x);
    const seenY = collect(y);
    await Promise.all([x.ready(), y.ready()]);
    const lines = Array.from({ length: 10 }, (_, i) => privmsg(`m${i}`, 'x'));
    await cluster.publish(lines.flatMap((line) => [{ line }, { line, receiver: 'w2/c1' }]));
    await until(() => seenX.length === 10 && seenY.length === 10);
    await settle();
    expect(seenX).toEqual(seenY);
    expect(seenX).toHaveLength(10);
  });
});

describe('handler failures and concurrency', () => {
  it('reports a throwing or rejecting handler with its event and keeps delivering', async () => {
    const client = cluster.client();
    const errors: { message: string; eventId: string | null }[] = [];
    client.on('error', (err, event) => {
      errors.push({ message: (err as Error).message, eventId: event?.type === 'message' ? event.id : null });
    });
    client.on('message', () => {
      throw new Error('sync boom');
    });
    client.on('message', async () => {
      throw new Error('async boom');
    });
    const seen = collect(client);
    await client.ready();
    await cluster.publish([{ line: privmsg('m1', 'x') }, { line: privmsg('m2', 'y') }]);
    await until(() => seen.length === 2 && errors.length === 4);
    await cluster.publish([{ line: privmsg('m3', 'z') }]);
    await until(() => seen.length === 3);
    expect(
      errors
        .filter((e) => e.eventId === 'm1')
        .map((e) => e.message)
        .sort(),
    ).toEqual(['async boom', 'sync boom']);
    await until(async () => (await client.status()).client.events.handlerErrors === 6);
  });

  it('skips and reports an entry that is not an event', async () => {
    const client = cluster.client();
    const errors: unknown[] = [];
    client.on('error', (err) => {
      errors.push(err);
    });
    const seen = collect(client);
    await client.ready();
    await cluster.streams.append(Streams.events, { garbage: '1' });
    await cluster.publish([{ line: privmsg('m1', 'x') }]);
    await until(() => seen.length === 1);
    expect(errors).toEqual([expect.objectContaining({ code: 'TMI_ERR_INVALID_ARGUMENT' })]);
    expect((await client.status()).client.events.malformed).toBe(1);
  });

  it('runs at most `concurrency` handler calls at once, started in stream order', async () => {
    for (const concurrency of [1, 4]) {
      const client = cluster.client({ application: `c${concurrency}`, concurrency });
      let inFlight = 0;
      let max = 0;
      const started: string[] = [];
      client.on('message', async (e) => {
        started.push(e.id ?? '');
        max = Math.max(max, ++inFlight);
        await settle(3);
        inFlight--;
      });
      await client.ready();
      const ids = Array.from({ length: 10 }, (_, i) => `m${i}`);
      await cluster.publish(ids.map((id) => ({ line: privmsg(id, 'x') })));
      await until(() => started.length === 10 && inFlight === 0);
      expect(max).toBe(concurrency);
      expect(started).toEqual(ids);
      await client.close();
    }
  });
});

describe('parse only what somebody wants', () => {
  it('acknowledges unwanted lines without de-duplicating or parsing them', async () => {
    const client = cluster.client();
    const clears: string[] = [];
    client.on('clearchat', (e) => {
      clears.push(e.action);
    });
    await client.ready();
    await cluster.publish([
      ...Array.from({ length: 50 }, (_, i) => ({ line: privmsg(`m${i}`, 'x') })),
      { line: CLEARCHAT },
      { line: 'PING :tmi.twitch.tv' },
    ]);
    await until(() => clears.length === 1);
    await until(async () => (await client.status()).client.events.read === 52);
    const { events } = (await client.status()).client;
    expect(events).toMatchObject({ parsed: 1, unwanted: 51, delivered: 1 });
    // The CLEARCHAT's content claims and its winner marker; nothing for the 51 others.
    expect(cluster.dedup.size).toBeLessThanOrEqual(3);
    expect(await cluster.streams.pending(Streams.events, Groups.application('default'))).toEqual([]);
  });

  it('parses messages for a cheer subscription but delivers only cheers', async () => {
    const client = cluster.client();
    const cheers: number[] = [];
    client.on('cheer', (e) => {
      cheers.push(e.bits);
    });
    await client.ready();
    await cluster.publish([{ line: privmsg('m1', 'plain') }, { line: privmsg('m2', 'c', { bits: 5 }) }]);
    await until(async () => (await client.status()).client.events.read === 2);
    await until(() => cheers.length === 1);
    expect((await client.status()).client.events).toMatchObject({ parsed: 2, delivered: 1 });
  });
});
