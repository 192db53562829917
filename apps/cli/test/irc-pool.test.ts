import { describe, expect, it } from 'vitest';
import { account, simWithPool, waitFor } from './helpers/irc-pool-harness.js';

const big = account('bigbot', 'verified');

describe('tmi.js pool against twitch-sim: bulk join', () => {
  it('joins 1,000 channels as a verified bot within its limits: 12 connections of ≤ 90', async () => {
    const h = await simWithPool({
      accounts: [big.sim],
      channels: 1_000,
      // Limits on, with Twitch's verified numbers (2,000 JOIN and 200 AUTH per 10 s). The
      // 100-channel cap per account is the coordinator's business (it counts across workers),
      // so it is lifted here to measure the pool alone.
      limits: { enabled: true, profiles: { verified: { concurrentChannels: null } } },
    });
    const start = Date.now();
    for (let i = 0; i < 1_000; i++) h.pool.join(big.identity, `channel${i}`);
    await waitFor(() => h.pool.status().confirmed === 1_000, 60_000, '1,000 confirmations');
    const elapsed = Date.now() - start;

    const status = h.pool.status();
    expect(status.connections).toHaveLength(12);
    expect(status.connections.every((c) => c.wanted <= 90 && c.confirmed === c.wanted)).toBe(true);
    expect(h.of('joined')).toHaveLength(1_000);
    expect(h.of('join-failed')).toEqual([]);
    const sims = h.sim.connections();
    expect(sims).toHaveLength(12);
    expect(sims.reduce((n, c) => n + c.channels.length, 0)).toBe(1_000);
    const counters = h.sim.counters('bigbot');
    expect(counters.joinAttempts).toBe(1_000);
    expect(counters.authAttempts).toBe(12);
    expect(counters.violations).toEqual({
      auth: 0,
      join: 0,
      privmsg: 0,
      channelRate: 0,
      duplicate: 0,
      concurrentChannels: 0,
    });
    // Connections open one at a time, 2 s apart (connectSpacingMs): the 12th starts after 22 s.
    expect(elapsed).toBeGreaterThanOrEqual(22_000);
    console.info(`bulk: 1,000 channels confirmed on 12 connections in ${elapsed} ms`);
  }, 90_000);
});
