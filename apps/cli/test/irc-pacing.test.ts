import { describe, expect, it } from 'vitest';
import { account, simWithPool, waitFor } from './helpers/irc-pool-harness.js';

const bot = account('pacedbot');

describe('tmi.js pool against twitch-sim: JOIN pacing of a normal account', () => {
  it('joins 60 channels in three windows without breaking 20 JOINs per 10 s', async () => {
    const h = await simWithPool({
      accounts: [bot.sim],
      channels: 60,
      // Twitch's normal limits, and a JOIN over budget closes the connection, as on Twitch.
      limits: { enabled: true, joinOverflow: 'disconnect' },
    });
    const joins: { at: number; channels: number }[] = [];
    h.sim.on('command', (e) => {
      if (e.message?.command === 'JOIN')
        joins.push({ at: Date.now(), channels: e.message.params[0]!.split(',').length });
    });
    const start = Date.now();
    for (let i = 0; i < 60; i++) h.pool.join(bot.identity, `channel${i}`);
    await waitFor(() => h.pool.status().confirmed === 60, 40_000, '60 confirmations');
    const elapsed = Date.now() - start;

    expect(h.sim.counters('pacedbot')).toMatchObject({ joinAttempts: 60, authAttempts: 1 });
    expect(h.sim.counters('pacedbot').violations).toMatchObject({ join: 0, auth: 0 });
    // Seen from the server: any 10 s window holds at most 20 channel JOINs.
    for (const first of joins) {
      const inWindow = joins.filter((j) => j.at >= first.at && j.at < first.at + 10_000);
      expect(inWindow.reduce((n, j) => n + j.channels, 0)).toBeLessThanOrEqual(20);
    }
    expect(joins.map((j) => j.channels)).toEqual([20, 20, 20]);
    expect(elapsed).toBeGreaterThanOrEqual(20_000);
    expect(h.sim.connections()).toHaveLength(1);
    console.info(
      `pacing: 60 channels in ${elapsed} ms, JOIN lines at +${joins.map((j) => j.at - start).join(' ms, +')} ms`,
    );
  }, 60_000);
});
