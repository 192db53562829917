import { describe, expect, it } from 'vitest';
import type { WorkerReport } from '../src/protocol/reports.js';
import { BOT, type RuntimeHarness, runtimeHarness } from './worker-runtime-harness.js';

const SENDER = { login: 'sender', token: 'sendertoken', tier: 'verified' as const };

/** A worker reading anonymously with a separate sender, holding `channels` as a reader. */
async function readerWithSender(channels: string[], options = {}): Promise<RuntimeHarness> {
  const h = runtimeHarness({ options: { identity: 'anonymous', sender: SENDER, ...options } });
  await h.runtime.start();
  await h.command({ type: 'join', channels, identity: h.runtime.identity, fence: 1 });
  await h.advance(10);
  return h;
}

const seatReports = async (h: RuntimeHarness) =>
  (await h.reports()).filter((r): r is Extract<WorkerReport, { type: `seat-${string}` }> =>
    r.type.startsWith('seat-'),
  );

/** The sender's connection (the reader's opened first). */
const senderConn = (h: RuntimeHarness) => h.twitch.connections.find((c) => c.nick === SENDER.login)!;

async function answer(h: RuntimeHarness, requestId: string) {
  for (let i = 0; i < 200; i++) {
    const reply = await h.reply(requestId);
    if (reply !== undefined) return reply.result;
    await h.advance(10);
  }
  throw new Error(`no answer to ${requestId}`);
}

describe('WorkerRuntime with anonymous readers and a sender account', () => {
  it('asks for a seat, joins as the sender once granted, sends there and confirms by USERSTATE', async () => {
    const h = await readerWithSender(['foo']);
    expect(h.runtime.identity).toMatch(/^justinfan\d+$/);
    expect(h.runtime.sender).toBe('sender');
    const requestId = await h.say('foo', 'hello');
    await h.advance(10);
    expect(await seatReports(h)).toEqual([
      expect.objectContaining({ type: 'seat-wanted', workerId: 'w1', identity: 'sender', channel: 'foo' }),
    ]);
    // Nothing goes out before the coordinator granted the seat.
    expect(h.chat.privmsgs()).toEqual([]);
    expect(h.twitch.lines('JOIN ').map((l) => l.line)).toEqual(['JOIN #foo']);
    await h.command({ type: 'seat', identity: 'sender', channel: 'foo', fence: 1 });
    expect(await answer(h, requestId)).toMatchObject({ status: 'sent', messageId: 'msg-1' });
    const privmsg = h.twitch.sent.find((s) => s.line.startsWith('PRIVMSG'))!;
    expect(h.twitch.byId(privmsg.connectionId).nick).toBe('sender');
    // The second say in the same channel (after Twitch's 1 s per channel) needs no new seat.
    await h.advance(1_300);
    expect(await answer(h, await h.say('foo', 'again'))).toMatchObject({ status: 'sent' });
    expect((await seatReports(h)).filter((r) => r.type === 'seat-wanted')).toHaveLength(1);
    // The sender's JOIN is no placement: the coordinator hears of the reader's channel only.
    const joined = (await h.reports()).filter((r) => r.type === 'joined');
    expect(joined.map((r) => r.identity)).toEqual([h.runtime.identity]);
    await h.advance(2_000);
    const beat = await h.registry.get('worker', 'w1');
    expect(beat?.data).toMatchObject({ identity: h.runtime.identity, sender: 'sender', seats: ['foo'] });
    await h.runtime.stop();
  });

  it('gives a seat back on unseat only after the say using it, and reports it released', async () => {
    const h = await readerWithSender(['foo', 'bar']);
    const first = await h.say('foo', 'one');
    await h.advance(10);
    await h.command({ type: 'seat', identity: 'sender', channel: 'foo', fence: 1 });
    expect(await answer(h, first)).toMatchObject({ status: 'sent' });
    // Twitch stays silent on the next one, so the say is still waiting when unseat arrives.
    h.chat.mute.add('foo');
    await h.advance(1_300);
    const second = await h.say('foo', 'two');
    await h.advance(10);
    await h.command({ type: 'unseat', identity: 'sender', channel: 'foo', fence: 1 });
    await h.advance(10);
    expect(h.twitch.lines('PART ')).toEqual([]);
    expect(await answer(h, second)).toMatchObject({ status: 'sent', messageId: null });
    await h.advance(10);
    expect(h.twitch.lines('PART ').map((l) => l.line)).toEqual(['PART #foo']);
    expect((await seatReports(h)).at(-1)).toMatchObject({ type: 'seat-released', channel: 'foo' });
    expect(senderConn(h).inside.has('foo')).toBe(false);
    // The reader is still there.
    expect(h.twitch.connections.find((c) => c.nick !== SENDER.login)!.inside.has('foo')).toBe(true);
    expect(h.runtime.status().pool.connections.map((c) => c.confirmed)).toEqual([2, 0]);
    await h.runtime.stop();
  });

  it('answers no_seat when no seat comes in time, and gives back a grant that comes too late', async () => {
    const h = await readerWithSender(['foo'], { seatTimeoutMs: 1_000 });
    const requestId = await h.say('foo', 'hello');
    await h.advance(600);
    // Asked again half way, in case the request was lost with a coordinator's term.
    expect((await seatReports(h)).map((r) => r.type)).toEqual(['seat-wanted', 'seat-wanted']);
    await h.advance(500);
    expect(await answer(h, requestId)).toEqual({ status: 'rejected', channel: 'foo', reason: 'no_seat' });
    await h.command({ type: 'seat', identity: 'sender', channel: 'foo', fence: 1 });
    await h.advance(10);
    expect((await seatReports(h)).at(-1)).toMatchObject({
      type: 'seat-released',
      channel: 'foo',
      reason: 'not_wanted',
    });
    expect(h.twitch.connections.some((c) => c.nick === SENDER.login)).toBe(false);
    await h.runtime.stop();
  });

  it('leaves with the reader: a part also frees the sender’s seat', async () => {
    const h = await readerWithSender(['foo']);
    const requestId = await h.say('foo', 'hello');
    await h.advance(10);
    await h.command({ type: 'seat', identity: 'sender', channel: 'foo', fence: 1 });
    await answer(h, requestId);
    await h.command({ type: 'part', channels: ['foo'], fence: 1 });
    await h.advance(10);
    expect(h.twitch.lines('PART ').map((l) => l.line)).toEqual(['PART #foo', 'PART #foo']);
    expect((await seatReports(h)).at(-1)).toMatchObject({ type: 'seat-released', channel: 'foo' });
    expect(await answer(h, await h.say('foo', 'gone'))).toMatchObject({ reason: 'not_joined' });
    await h.runtime.stop();
  });

  it('refuses seat commands for another account as invalid (dead letter)', async () => {
    const h = await readerWithSender(['foo']);
    await h.command({ type: 'seat', identity: 'someoneelse', channel: 'foo', fence: 1 });
    await h.advance(10);
    expect((await h.deadLetters()).map((d) => d.reason)).toEqual([
      'identity "someoneelse" is not this worker\'s sender',
    ]);
    await h.runtime.stop();
  });

  it('rejects a sender equal to a bot identity (it sends itself)', () => {
    expect(() => runtimeHarness({ options: { identity: BOT, sender: { ...BOT } } })).toThrow(
      /worker\.sender: must differ from identity/,
    );
  });
});
