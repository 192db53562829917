import { describe, expect, it } from 'vitest';
import { ANON, BOT, poolHarness } from './helpers/pool-harness.js';

describe('ConnectionPool join confirmation and failures', () => {
  it('confirms on our own JOIN echo only, and reports joined with the connection id', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.twitch.answerJoins = false;
    h.pool.join(BOT, 'foo');
    await h.advance(10);
    const conn = h.twitch.connections[0]!;
    conn.say(':someone!someone@someone.tmi.twitch.tv JOIN #foo');
    expect(h.of('joined')).toHaveLength(0);
    conn.say(':bot!bot@bot.tmi.twitch.tv JOIN #foo');
    expect(h.of('joined')).toEqual([
      {
        type: 'joined',
        identity: 'bot',
        workerId: 'w1',
        connectionId: 'c1',
        channel: 'foo',
        at: h.clock.now(),
      },
    ]);
    expect(h.pool.status().connections[0]).toMatchObject({ wanted: 1, confirmed: 1, pending: 0 });
    await h.pool.close();
  });

  it('confirms an anonymous join on ROOMSTATE', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.twitch.answerJoins = false;
    h.pool.join(ANON, 'foo');
    await h.advance(10);
    h.twitch.connections[0]!.say('@room-id=1;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #foo');
    expect(h.of('joined').map((r) => r.channel)).toEqual(['foo']);
    await h.pool.close();
  });

  it("reports Twitch's refusal reason and stops wanting the channel", async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.twitch.refuse.set('gone', 'msg_channel_suspended');
    h.twitch.refuse.set('mean', 'msg_banned');
    h.twitch.refuse.set('tos', 'tos_ban');
    for (const c of ['gone', 'mean', 'tos', 'fine']) h.pool.join(BOT, c);
    await h.advance(10);
    expect(h.of('join-failed').map((r) => [r.channel, r.reason])).toEqual([
      ['gone', 'msg_channel_suspended'],
      ['mean', 'msg_banned'],
      ['tos', 'tos_ban'],
    ]);
    expect(h.pool.status()).toMatchObject({ wanted: 1, confirmed: 1 });
    // A msg_banned answering a PRIVMSG in a joined channel is not a join failure.
    h.twitch.connections[0]!.say('@msg-id=msg_banned :tmi.twitch.tv NOTICE #fine :You are banned.');
    expect(h.of('join-failed')).toHaveLength(3);
    await h.advance(60_000);
    expect(h.twitch.joinedChannels()).toEqual(['gone', 'mean', 'tos', 'fine']);
    await h.pool.close();
  });

  it('retries an unanswered JOIN with back-off, paid from the budget, then reports no_answer', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', joinTimeoutMs: 10_000, joinRetries: 2 });
    h.twitch.silent.add('nobody');
    h.pool.join(BOT, 'nobody');
    const start = h.clock.now();
    for (let t = 0; t < 40_000; t += 500) await h.advance(500);
    const attempts = h.twitch.lines('JOIN #nobody').map((j) => j.at - start);
    // Sent, timed out at 10 s, retried 1 s later; timed out at 21 s, retried 2 s later; given up at 33 s.
    expect(attempts).toEqual([0, 11_000, 23_000]);
    expect(h.of('join-failed')).toEqual([
      {
        type: 'join-failed',
        identity: 'bot',
        workerId: 'w1',
        channel: 'nobody',
        reason: 'no_answer',
        at: start + 33_000,
      },
    ]);
    expect(h.pool.status().wanted).toBe(0);
    await h.pool.close();
  });

  it('a late echo after a timeout still confirms, and the queued retry is not sent', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', joinRetryDelayMs: 5_000 });
    h.twitch.answerJoins = false;
    h.pool.join(BOT, 'slow');
    await h.advance(10_500);
    h.twitch.connections[0]!.confirm('slow');
    await h.advance(10_000);
    expect(h.twitch.lines('JOIN ')).toHaveLength(1);
    expect(h.of('joined')).toHaveLength(1);
    await h.pool.close();
  });

  it('a PART from the server is a ban; part() sends PART and reports on the echo', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.pool.join(BOT, 'a');
    h.pool.join(BOT, 'b');
    await h.advance(10);
    const conn = h.twitch.connections[0]!;
    conn.say(':bot!bot@bot.tmi.twitch.tv PART #a');
    expect(h.of('parted')).toEqual([expect.objectContaining({ channel: 'a', reason: 'banned' })]);
    h.pool.part('b');
    expect(h.twitch.lines('PART ').map((p) => p.line)).toEqual(['PART #b']);
    expect(h.of('parted')).toHaveLength(1);
    await h.advance(10);
    expect(h.of('parted')[1]).toMatchObject({ channel: 'b', reason: 'requested' });
    expect(h.pool.status()).toMatchObject({ wanted: 0, confirmed: 0 });
    await h.pool.close();
  });

  it('reports privileged (moderator, broadcaster, VIP) and exempt (not VIP) from USERSTATE, and when each ends', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.pool.join(BOT, 'chan');
    await h.advance(10);
    const conn = h.twitch.connections[0]!;
    conn.say('@badge-info=;badges=;mod=0;user-type= :tmi.twitch.tv USERSTATE #chan');
    expect(h.of('privileged')).toHaveLength(0);
    conn.say('@badge-info=;badges=moderator/1;mod=1;user-type=mod :tmi.twitch.tv USERSTATE #chan');
    conn.say('@badge-info=;badges=moderator/1;mod=1;user-type=mod :tmi.twitch.tv USERSTATE #chan');
    conn.say('@badge-info=;badges=vip/1;mod=0;user-type= :tmi.twitch.tv USERSTATE #chan');
    conn.say('@badge-info=;badges=;mod=0;user-type= :tmi.twitch.tv USERSTATE #chan');
    expect(h.of('privileged')).toEqual([
      {
        type: 'privileged',
        workerId: 'w1',
        identity: 'bot',
        channel: 'chan',
        privileged: true,
        exempt: true,
      },
      // A VIP keeps the larger PRIVMSG bucket but not the 100-channel exemption.
      {
        type: 'privileged',
        workerId: 'w1',
        identity: 'bot',
        channel: 'chan',
        privileged: true,
        exempt: false,
      },
      {
        type: 'privileged',
        workerId: 'w1',
        identity: 'bot',
        channel: 'chan',
        privileged: false,
        exempt: false,
      },
    ]);
    conn.say('@badge-info=;badges=broadcaster/1;mod=0;user-type= :tmi.twitch.tv USERSTATE #chan');
    expect(h.of('privileged').at(-1)).toMatchObject({ privileged: true, exempt: true });
    await h.pool.close();
  });

  it('forwards every inbound line with receiver id, time, channel, command and id', async () => {
    const h = poolHarness({ joinBudget: 'preallocated' });
    h.pool.join(BOT, 'chan');
    await h.advance(10);
    const privmsg = '@id=abc;room-id=1 :u!u@u.tmi.twitch.tv PRIVMSG #chan :hi';
    h.twitch.connections[0]!.say(privmsg);
    expect(h.lines.at(-1)).toEqual({
      line: privmsg,
      receivedAt: h.clock.now(),
      receiverId: 'w1/c1',
      channel: 'chan',
      command: 'PRIVMSG',
      id: 'abc',
    });
    // The registration line and the whole join block were forwarded too.
    expect(h.lines.map((l) => l.command)).toEqual(['376', 'JOIN', '353', '366', 'ROOMSTATE', 'PRIVMSG']);
    await h.pool.close();
  });

  it('keeps the sender’s USERSTATE and the reader’s PRIVMSG of one message apart (same id)', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', connectSpacingMs: 0 });
    h.pool.join(ANON, 'chan');
    h.pool.join(BOT, 'chan', { budget: 'pool' });
    await h.advance(10);
    const [reader, sender] = [h.twitch.connections[0]!, h.twitch.connections[1]!];
    expect([reader.nick, sender.nick]).toEqual(['justinfan123', 'bot']);
    // Twitch acknowledges our message to the sender with a USERSTATE carrying the message's id,
    // and fans the PRIVMSG with that id out to the reader: both are real lines, neither a copy.
    const userstate = '@badges=;id=m-1;mod=0 :tmi.twitch.tv USERSTATE #chan';
    const privmsg = '@id=m-1;room-id=1 :bot!bot@bot.tmi.twitch.tv PRIVMSG #chan :hi';
    reader.say(privmsg);
    sender.say(userstate);
    const forwarded = h.lines.filter((l) => l.line === privmsg || l.line === userstate);
    expect(forwarded.map((l) => [l.command, l.id, l.receiverId])).toEqual([
      ['PRIVMSG', 'm-1', 'w1/c1'],
      ['USERSTATE', null, 'w1/c2'],
    ]);
    // A chat line both connections receive is still forwarded once.
    const chat = '@id=m-2;room-id=1 :u!u@u.tmi.twitch.tv PRIVMSG #chan :hello';
    reader.say(chat);
    sender.say(chat);
    expect(h.lines.filter((l) => l.line === chat)).toHaveLength(1);
    await h.pool.close();
  });

  it('send() uses the connection in the channel, or opens one for an identity without any', async () => {
    const h = poolHarness({ joinBudget: 'preallocated', connectSpacingMs: 0 });
    const sent = h.pool.send(BOT, 'elsewhere', 'PRIVMSG #elsewhere :hello');
    await h.advance(10);
    await expect(sent).resolves.toEqual({ connectionId: 'c1', receiverId: 'w1/c1' });
    expect(h.twitch.lines('PRIVMSG')).toEqual([
      expect.objectContaining({ connectionId: 'c1', line: 'PRIVMSG #elsewhere :hello' }),
    ]);
    await expect(h.pool.send('bot', 'x', 'a\r\nb')).rejects.toThrow(/TMI_ERR_INVALID_ARGUMENT/);
    await expect(h.pool.send('nobody', 'x', 'PING')).rejects.toThrow(/unknown identity/);
    await h.pool.close();
    expect(() => h.pool.join(BOT, 'x')).toThrow(/TMI_ERR_CLOSED/);
  });
});
