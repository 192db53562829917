import { describe, expect, it } from 'vitest';
import { BOT, runtimeHarness, type RuntimeHarness } from './worker-runtime-harness.js';

async function ready(
  options: Parameters<typeof runtimeHarness>[0] = {},
  channels = ['foo'],
): Promise<RuntimeHarness> {
  const h = runtimeHarness(options);
  await h.runtime.start();
  await h.join(channels);
  return h;
}

/** Sends a say and waits for its answer (moving time in small steps, as a confirmation may take a while). */
async function sayAndWait(
  h: RuntimeHarness,
  channel: string,
  text: string,
  extra: Record<string, unknown> = {},
) {
  const requestId = await h.say(channel, text, extra);
  for (let i = 0; i < 400; i++) {
    const reply = await h.reply(requestId);
    if (reply !== undefined) return reply.result;
    await h.advance(10);
  }
  throw new Error(`no answer to ${requestId}`);
}

describe('WorkerRuntime say', () => {
  it("sends a PRIVMSG and answers sent with Twitch's message id from the USERSTATE", async () => {
    const h = await ready();
    const requestId = await h.say('foo', 'hello chat');
    await h.advance(10);
    expect(h.chat.privmsgs().map((p) => p.line)).toEqual(['PRIVMSG #foo :hello chat']);
    expect(await h.replies()).toEqual([
      {
        type: 'say',
        requestId,
        result: { status: 'sent', channel: 'foo', messageId: 'msg-1', parts: 1, messageIds: ['msg-1'] },
      },
    ]);
    expect(await h.pending()).toBe(0);
    expect(h.runtime.status().stats).toMatchObject({ messagesOut: 1, saysSent: 1 });
    await h.runtime.stop();
  });

  it('replies with reply-parent-msg-id, keeps /me, and folds CR/LF so no second command can be injected', async () => {
    const h = await ready({}, ['foo', 'bar', 'baz']);
    await sayAndWait(h, 'foo', 'yes', { replyTo: 'abc-123' });
    await sayAndWait(h, 'bar', '/me waves');
    await sayAndWait(h, 'baz', 'one\r\nJOIN #evil');
    expect(h.chat.privmsgs().map((p) => p.line)).toEqual([
      '@reply-parent-msg-id=abc-123 PRIVMSG #foo :yes',
      'PRIVMSG #bar :/me waves',
      'PRIVMSG #baz :one JOIN #evil',
    ]);
    await h.runtime.stop();
  });

  it('refuses locally what Twitch would refuse or cannot be sent, without spending budget', async () => {
    const h = await ready();
    expect(await sayAndWait(h, 'foo', '   ')).toEqual({
      status: 'rejected',
      channel: 'foo',
      reason: 'empty',
    });
    expect(await sayAndWait(h, 'foo', '/ban someone')).toMatchObject({ reason: 'unsupported_command' });
    expect(await sayAndWait(h, 'notheld', 'hi')).toMatchObject({ status: 'rejected', reason: 'not_joined' });
    expect(h.chat.privmsgs()).toEqual([]);
    expect(await h.limiter.available('privmsg:bot', { count: 20, windowMs: 32_000 })).toBe(20);
    await h.runtime.stop();

    const anon = await ready({ options: { identity: 'anonymous' } });
    expect(await sayAndWait(anon, 'foo', 'hi')).toMatchObject({ status: 'rejected', reason: 'anonymous' });
    expect(anon.runtime.identity).toMatch(/^justinfan\d+$/);
    await anon.runtime.stop();
  });

  it("answers rejected with Twitch's NOTICE msg-id, and sent with a null id when Twitch stays silent", async () => {
    const h = await ready({}, ['foo', 'quiet']);
    h.chat.refuse.set('foo', 'msg_banned');
    h.chat.mute.add('quiet');
    expect(await sayAndWait(h, 'foo', 'hi')).toEqual({
      status: 'rejected',
      channel: 'foo',
      reason: 'msg_banned',
    });
    const start = h.clock.now();
    const requestId = await h.say('quiet', 'hi');
    await h.advance(1_900);
    expect(await h.reply(requestId)).toBeUndefined();
    await h.advance(200);
    expect((await h.reply(requestId))?.result).toMatchObject({ status: 'sent', messageId: null });
    expect(h.clock.now() - start).toBeGreaterThanOrEqual(2_000);
    await h.runtime.stop();
  });

  it('refuses the same text in the same channel within 30 s locally (msg_duplicate), unless privileged', async () => {
    const h = await ready({}, ['foo', 'modded']);
    expect(await sayAndWait(h, 'foo', 'same')).toMatchObject({ status: 'sent' });
    await h.advance(1_300);
    expect(await sayAndWait(h, 'foo', 'same')).toMatchObject({ status: 'rejected', reason: 'msg_duplicate' });
    expect(h.chat.privmsgs()).toHaveLength(1);
    await h.advance(30_000);
    expect(await sayAndWait(h, 'foo', 'same')).toMatchObject({ status: 'sent' });

    // Moderator: Twitch's USERSTATE says so; the pool reports privileged; no duplicate rule, no spacing.
    h.chat.moderator.add('modded');
    h.conn().say('@badges=moderator/1;mod=1 :tmi.twitch.tv USERSTATE #modded');
    await h.advance(10);
    for (let i = 0; i < 3; i++)
      expect(await sayAndWait(h, 'modded', 'same')).toMatchObject({ status: 'sent' });
    await h.runtime.stop();
  });

  it('charges a moderator message to the 20 bucket too, even past 20, as Twitch does', async () => {
    const h = await ready({}, ['foo', 'modded']);
    h.chat.moderator.add('modded');
    h.conn().say('@badges=moderator/1;mod=1 :tmi.twitch.tv USERSTATE #modded');
    await h.advance(10);
    for (let i = 0; i < 25; i++) {
      expect(await sayAndWait(h, 'modded', `mod ${i}`)).toMatchObject({ status: 'sent' });
      await h.advance(100);
    }
    const sent = h.chat.privmsgs().map((p) => p.at);
    const normal = { count: 20, windowMs: 32_000 };
    expect(await h.limiter.available('privmsg:bot', normal)).toBe(0);
    expect(await sayAndWait(h, 'foo', 'plain')).toMatchObject({ status: 'rate_limited' });
    // Once the first 20 left the window, the last 5 still count: 15 fit, not 20.
    await h.advance(sent[19]! + 32_000 - h.clock.now());
    expect(await h.limiter.available('privmsg:bot', normal)).toBe(15);
    expect(await sayAndWait(h, 'foo', 'plain')).toMatchObject({ status: 'sent' });
    await h.runtime.stop();
  });

  it('keeps 1 message per 1.2 s per channel: refuses at once by default, waits with sayMaxWaitMs', async () => {
    const h = await ready();
    const first = await h.say('foo', 'one');
    const second = await h.say('foo', 'two');
    await h.advance(10);
    expect((await h.reply(first))?.result.status).toBe('sent');
    const limited = (await h.reply(second))?.result;
    expect(limited).toMatchObject({ status: 'rate_limited', channel: 'foo' });
    expect(limited?.status === 'rate_limited' && limited.retryAfterMs).toBeGreaterThan(1_000);
    await h.runtime.stop();

    const w = await ready({ options: { sayMaxWaitMs: 1_500 } });
    await w.say('foo', 'one');
    await w.say('foo', 'two');
    for (let i = 0; i < 20; i++) await w.advance(100);
    expect((await w.replies()).map((r) => r.result.status)).toEqual(['sent', 'sent']);
    const [a, b] = w.chat.privmsgs();
    expect(b!.at - a!.at).toBeGreaterThanOrEqual(1_200);
    await w.runtime.stop();
  });

  it('allows 20 messages per 32 s per normal account; the 21st is rate_limited with retryAfterMs', async () => {
    const channels = Array.from({ length: 21 }, (_, i) => `ch${i}`);
    const h = await ready({}, channels);
    const ids: string[] = [];
    for (const c of channels) ids.push(await h.say(c, `hello ${c}`));
    await h.advance(10);
    const results = await Promise.all(ids.map(async (id) => (await h.reply(id))?.result));
    expect(results.slice(0, 20).every((r) => r?.status === 'sent')).toBe(true);
    expect(results[20]).toMatchObject({ status: 'rate_limited', channel: 'ch20' });
    const last = results[20];
    expect(last?.status === 'rate_limited' && last.retryAfterMs).toBeGreaterThan(31_000);
    expect(h.chat.privmsgs()).toHaveLength(20);
    await h.advance(32_000);
    expect(await sayAndWait(h, 'ch20', 'later')).toMatchObject({ status: 'sent' });
    await h.runtime.stop();
  });

  it('uses the 100-per-window bucket where privileged and 7,500 for a verified account', async () => {
    const channels = Array.from({ length: 30 }, (_, i) => `v${i}`);
    const verified = await ready({ options: { identity: { ...BOT, tier: 'verified' } } }, channels);
    for (const c of channels) await verified.say(c, 'hi');
    await verified.advance(10);
    expect((await verified.replies()).every((r) => r.result.status === 'sent')).toBe(true);
    await verified.runtime.stop();

    const h = await ready();
    h.chat.moderator.add('foo');
    h.conn().say('@badges=moderator/1;mod=1 :tmi.twitch.tv USERSTATE #foo');
    await h.advance(10);
    for (let i = 0; i < 101; i++) await h.say('foo', `m${i}`);
    // One channel's says run one after the other: give each its turn (no time passes).
    for (let i = 0; i < 50 && (await h.replies()).length < 101; i++) await h.advance(0);
    const statuses = (await h.replies()).map((r) => r.result.status);
    expect(statuses.filter((s) => s === 'sent')).toHaveLength(100);
    expect(statuses[100]).toBe('rate_limited');
    await h.runtime.stop();
  });

  it('sends an idempotency key once: a second delivery answers duplicate; a rate-limited say keeps its key', async () => {
    const h = await ready();
    const once = { idempotencyKey: 'same-key' };
    expect(await sayAndWait(h, 'foo', 'first', once)).toMatchObject({ status: 'sent' });
    await h.advance(2_000);
    expect(await sayAndWait(h, 'foo', 'second', once)).toEqual({
      status: 'duplicate',
      channel: 'foo',
      idempotencyKey: 'same-key',
    });
    expect(h.chat.privmsgs()).toHaveLength(1);

    const keep = { idempotencyKey: 'retry-me' };
    await h.say('foo', 'a');
    const limited = await h.say('foo', 'b', keep);
    await h.advance(10);
    expect((await h.reply(limited))?.result.status).toBe('rate_limited');
    await h.advance(1_300);
    expect(await sayAndWait(h, 'foo', 'b', keep)).toMatchObject({ status: 'sent' });
    await h.runtime.stop();
  });

  it('splits a long text at word boundaries into parts of ≤ 500 code points, spaced per channel', async () => {
    const h = await ready();
    const words = Array.from({ length: 300 }, (_, i) => `wörd${i % 10}`);
    const text = words.join(' ');
    const result = await sayAndWait(h, 'foo', text);
    expect(result).toMatchObject({ status: 'sent', parts: 4, messageId: 'msg-1' });
    expect(result.status === 'sent' && result.messageIds).toEqual(['msg-1', 'msg-2', 'msg-3', 'msg-4']);
    const sent = h.chat.privmsgs();
    const texts = sent.map((p) => p.line.slice('PRIVMSG #foo :'.length));
    expect(texts.join(' ')).toBe(text);
    for (const t of texts) {
      expect(Array.from(t).length).toBeLessThanOrEqual(500);
      expect(t).not.toMatch(/^\s|\s$/);
    }
    for (let i = 1; i < sent.length; i++) expect(sent[i]!.at - sent[i - 1]!.at).toBeGreaterThanOrEqual(1_200);
    await h.runtime.stop();

    const r = await ready({ options: { overLength: 'reject' } });
    expect(await sayAndWait(r, 'foo', text)).toMatchObject({ status: 'rejected', reason: 'too_long' });
    // More parts than one window holds could never be sent whole.
    const many = Array.from({ length: 24 }, () => 'x'.repeat(400)).join(' ');
    const s = await ready();
    expect(await sayAndWait(s, 'foo', many)).toMatchObject({ status: 'rejected', reason: 'too_long' });
    expect(s.chat.privmsgs()).toEqual([]);
    await r.runtime.stop();
    await s.runtime.stop();
  });

  it("refuses with not_connected while the channel's connection is down, and sends again once re-joined", async () => {
    const h = await ready({ options: { pool: { reconnectMinMs: 1_000 } } });
    h.conn().drop();
    await h.advance(10);
    expect(await sayAndWait(h, 'foo', 'hi')).toMatchObject({ status: 'rejected', reason: 'not_connected' });
    await h.advance(3_000);
    expect(h.runtime.status().stats.reconnects).toBe(1);
    expect(await sayAndWait(h, 'foo', 'hi')).toMatchObject({ status: 'sent' });
    await h.runtime.stop();
  });
});
