import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isTmiClusterError } from '../src/errors/index.js';
import type { SayResult } from '../src/protocol/results.js';
import { Streams } from '../src/protocol/streams.js';
import { ClientCluster, until } from './client-fixture.js';

let cluster: ClientCluster;

beforeEach(() => {
  cluster = new ClientCluster();
});
afterEach(async () => {
  await cluster.closeAll();
});

/** Plays the worker: waits for its next say command and answers it. */
async function answerNext(workerId: string, result: (channel: string) => SayResult, index = 0) {
  await until(async () => (await cluster.says(workerId)).length > index);
  const command = (await cluster.says(workerId))[index]!;
  await cluster.answerSay(command, result(command.channel));
  return command;
}

const sent = (channel: string): SayResult => ({ status: 'sent', channel, messageId: 'm-1', parts: 1 });

describe('say routing', () => {
  it('goes to the worker holding the confirmed placement and resolves with its answer', async () => {
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.heartbeatWorker('w2', 'bot');
    await cluster.placed('w1', ['other']);
    await cluster.placed('w2', ['foo']);
    const client = cluster.client({ clientId: 'app' });

    const result = client.say('#Foo', 'hello', { replyTo: 'parent-1', idempotencyKey: 'k-1' });
    const command = await answerNext('w2', sent);
    expect(await result).toEqual(sent('foo'));
    expect(command).toMatchObject({
      type: 'say',
      channel: 'foo',
      text: 'hello',
      replyTo: 'parent-1',
      idempotencyKey: 'k-1',
      respondTo: 'app',
    });
    expect(await cluster.says('w1')).toEqual([]);
  });

  it('answers not_joined without sending when no worker holds a confirmed placement', async () => {
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.placed('w1', ['pending'], 'pending');
    const client = cluster.client();
    expect(await client.say('nowhere', 'hi')).toEqual({
      status: 'rejected',
      channel: 'nowhere',
      reason: 'not_joined',
    });
    expect(await client.say('pending', 'hi')).toEqual({
      status: 'rejected',
      channel: 'pending',
      reason: 'not_joined',
    });
    expect(await cluster.streams.length(Streams.worker('w1'))).toBe(0);
  });

  it('prefers a worker that can send over an anonymous reader, and honours identity', async () => {
    await cluster.heartbeatWorker('reader', 'justinfan123');
    await cluster.heartbeatWorker('sender', 'bot_b');
    await cluster.placed('reader', ['foo']);
    await cluster.placed('sender', ['foo']);
    const client = cluster.client();

    const any = client.say('foo', 'one');
    await answerNext('sender', sent);
    expect((await any).status).toBe('sent');

    const asReader = client.say('foo', 'two', { identity: 'justinfan123' });
    await answerNext('reader', (channel) => ({ status: 'rejected', channel, reason: 'anonymous' }));
    expect(await asReader).toMatchObject({ status: 'rejected', reason: 'anonymous' });

    expect(await client.say('foo', 'three', { identity: 'somebody_else' })).toMatchObject({
      status: 'rejected',
      reason: 'not_joined',
    });
    const scoped = cluster.client({ identity: 'bot_b' });
    const viaDefault = scoped.say('foo', 'four');
    await answerNext('sender', sent, 1);
    expect((await viaDefault).status).toBe('sent');
  });

  it('routes to an anonymous reader that has a sender account, by the sender’s login', async () => {
    await cluster.heartbeatWorker('plain', 'justinfan1');
    await cluster.heartbeatWorker('withSender', 'justinfan2', { sender: 'bot_c' });
    await cluster.placed('plain', ['foo']);
    await cluster.placed('withSender', ['foo']);
    const scoped = cluster.client({ identity: 'bot_c' });
    const result = scoped.say('foo', 'hi');
    await answerNext('withSender', sent);
    expect((await result).status).toBe('sent');
    // Without an identity it still prefers the worker that can send.
    const any = cluster.client().say('foo', 'again');
    await answerNext('withSender', sent, 1);
    expect((await any).status).toBe('sent');
    expect(await cluster.says('plain')).toEqual([]);
  });

  it('gives every call a fresh idempotency key unless one is given', async () => {
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.placed('w1', ['foo']);
    const client = cluster.client();
    const first = client.say('foo', 'a');
    await answerNext('w1', sent, 0);
    const second = client.say('foo', 'a');
    await answerNext('w1', sent, 1);
    await Promise.all([first, second]);
    const [a, b] = await cluster.says('w1');
    expect(a!.idempotencyKey).toMatch(/^[0-9a-f-]{36}$/);
    expect(a!.idempotencyKey).not.toBe(b!.idempotencyKey);
  });
});

describe('say validation and time-out', () => {
  it('rejects empty text, bad channels and bad options before sending', async () => {
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.placed('w1', ['foo']);
    const client = cluster.client();
    for (const text of ['', '   ', '\r\n'])
      await expect(client.say('foo', text)).rejects.toMatchObject({ code: 'TMI_ERR_EMPTY_MESSAGE' });
    await expect(client.say('foo', 'x'.repeat(10_001))).rejects.toMatchObject({
      code: 'TMI_ERR_MESSAGE_TOO_LONG',
    });
    await expect(client.say('no such', 'hi')).rejects.toMatchObject({ code: 'TMI_ERR_INVALID_CHANNEL' });
    const badKey = await client.say('foo', 'hi', { idempotencyKey: '' }).catch((e: unknown) => e);
    expect(isTmiClusterError(badKey, 'TMI_ERR_INVALID_ARGUMENT')).toBe(true);
    expect(badKey).toMatchObject({ details: { field: 'idempotencyKey' } });
    await expect(client.say('foo', 'hi', { identity: 'Not A Login' })).rejects.toMatchObject({
      details: { field: 'identity' },
    });
    expect(await cluster.streams.length(Streams.worker('w1'))).toBe(0);
  });

  it('times out with TMI_ERR_TIMEOUT naming the idempotency key when the worker never answers', async () => {
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.placed('w1', ['foo']);
    const client = cluster.client({ requestTimeoutMs: 3_000 });
    const outcome = client.say('foo', 'hi', { idempotencyKey: 'retry-me' }).catch((e: unknown) => e);
    await until(async () => (await cluster.says('w1')).length === 1);
    await cluster.clock.advanceAsync(3_000);
    const error = await outcome;
    const [command] = await cluster.says('w1');
    expect(error).toMatchObject({ code: 'TMI_ERR_TIMEOUT', details: { requestId: command!.requestId } });
    expect((error as Error).message).toContain('retry-me');
  });
});
