import { describe, expect, it } from 'vitest';
import { account, chatLine, simWithPool, waitFor } from './helpers/irc-pool-harness.js';

const bot = account('bot');

describe('tmi.js pool against twitch-sim: channel outcomes', () => {
  it("reports suspended, banned and missing channels with Twitch's reason, and joins the rest", async () => {
    const h = await simWithPool(
      {
        accounts: [bot.sim],
        channels: [
          { login: 'open' },
          { login: 'gone', state: 'suspended' },
          { login: 'mean', banned: ['bot'] },
        ],
      },
      { joinTimeoutMs: 400, joinRetries: 1, joinRetryDelayMs: 100 },
    );
    for (const c of ['open', 'gone', 'mean', 'ghost']) h.pool.join(bot.identity, c);
    await waitFor(() => h.of('join-failed').length === 3 && h.of('joined').length === 1, 10_000, 'outcomes');
    expect(Object.fromEntries(h.of('join-failed').map((r) => [r.channel, r.reason]))).toEqual({
      gone: 'msg_channel_suspended',
      mean: 'msg_banned',
      ghost: 'no_answer',
    });
    expect(h.of('joined')).toEqual([expect.objectContaining({ channel: 'open', connectionId: 'c1' })]);
    // The missing channel was tried twice (one retry), the others once.
    const attempts = h.sim.counters('bot').joinAttempts;
    expect(attempts).toBe(5);
    expect(h.sim.counters('bot').violations).toMatchObject({ join: 0, auth: 0 });
    expect(h.pool.status()).toMatchObject({ wanted: 1, confirmed: 1 });
  });

  it('forwards chat raw with receiver id and time, and reports privileged when made moderator', async () => {
    const h = await simWithPool({ accounts: [bot.sim], channels: [{ login: 'chan' }] });
    h.pool.join(bot.identity, 'chan');
    await waitFor(() => h.of('joined').length === 1, 5_000, 'join');
    const before = Date.now();
    const line = chatLine('chan', 'id-1', 'hello there');
    h.sim.inject('chan', line);
    await waitFor(() => h.lines.some((l) => l.id === 'id-1'), 5_000, 'chat line');
    const got = h.lines.find((l) => l.id === 'id-1')!;
    expect(got).toMatchObject({ line, receiverId: 'w1/c1', channel: 'chan', command: 'PRIVMSG' });
    expect(got.receivedAt).toBeGreaterThanOrEqual(before);
    h.sim.channels.setModerator('chan', 'bot');
    await waitFor(() => h.of('privileged').length === 1, 5_000, 'privileged');
    expect(h.of('privileged')[0]).toEqual({
      type: 'privileged',
      workerId: 'w1',
      identity: 'bot',
      channel: 'chan',
      privileged: true,
      // Moderator (not only VIP): exempt from the 100-channel rule too.
      exempt: true,
    });
  });

  it('reports a ban while inside as parted: banned, and part() as parted: requested', async () => {
    const h = await simWithPool({ accounts: [bot.sim], channels: [{ login: 'a' }, { login: 'b' }] });
    h.pool.join(bot.identity, 'a');
    h.pool.join(bot.identity, 'b');
    await waitFor(() => h.of('joined').length === 2, 5_000, 'joins');
    h.sim.channels.ban('a', 'bot');
    h.pool.part('b');
    await waitFor(() => h.of('parted').length === 2, 5_000, 'parts');
    expect(Object.fromEntries(h.of('parted').map((r) => [r.channel, r.reason]))).toEqual({
      a: 'banned',
      b: 'requested',
    });
    expect(h.sim.connections()[0]!.channels).toEqual([]);
  });

  it('reads anonymously as justinfan', async () => {
    const h = await simWithPool({ channels: [{ login: 'x' }, { login: 'y' }] });
    const anon = { login: 'justinfan4711', token: null };
    h.pool.join(anon, 'x');
    h.pool.join(anon, 'y');
    await waitFor(() => h.of('joined').length === 2, 5_000, 'anonymous joins');
    expect(h.sim.connections()[0]).toMatchObject({ anonymous: true, login: 'justinfan4711' });
    h.sim.inject('y', chatLine('y', 'anon-1'));
    await waitFor(() => h.lines.some((l) => l.id === 'anon-1'), 5_000, 'chat line');
    await expect(h.pool.send('justinfan4711', 'y', 'PING :still-here')).resolves.toEqual({
      connectionId: 'c1',
      receiverId: 'w1/c1',
    });
  });

  it('sends raw lines for a token identity on the connection in the channel', async () => {
    const h = await simWithPool({ accounts: [bot.sim], channels: [{ login: 'chan' }] });
    const said: string[] = [];
    h.sim.on('message', (m) => said.push(`${m.login}@${m.channel}: ${m.text}`));
    h.pool.join(bot.identity, 'chan');
    await waitFor(() => h.of('joined').length === 1, 5_000, 'join');
    await expect(h.pool.send('bot', 'chan', 'PRIVMSG #chan :hi from the pool')).resolves.toMatchObject({
      connectionId: 'c1',
    });
    await waitFor(() => said.length === 1, 5_000, 'message at the sim');
    expect(said).toEqual(['bot@chan: hi from the pool']);
  });

  it('a refused login is retried with back-off and never crashes the pool', async () => {
    const h = await simWithPool(
      { accounts: [bot.sim], channels: [{ login: 'chan' }] },
      { connectSpacingMs: 0, reconnectMinMs: 100, reconnectMaxMs: 400 },
    );
    const refused: string[] = [];
    h.sim.on('close', (e) => refused.push(e.reason));
    h.pool.join({ login: 'bot', token: 'wrong' }, 'chan');
    await waitFor(() => refused.length >= 3, 5_000, 'three refused logins');
    expect(refused.slice(0, 3)).toEqual(Array(3).fill('Login authentication failed'));
    expect(h.of('joined')).toEqual([]);
    // A refreshed token is used from the next attempt on.
    h.pool.join({ login: 'bot', token: 'bottoken' }, 'chan');
    await waitFor(() => h.of('joined').length === 1, 5_000, 'join with the new token');
  });
});
