import { describe, expect, it } from 'vitest';
import { OverlapDedup } from '../src/worker/overlap-dedup.js';
import {
  backoffDelay,
  identityLimits,
  joinBatchSize,
  joinLine,
  resolvePoolOptions,
  TIER_LIMITS,
} from '../src/worker/index.js';
import { isPrivilegedUserstate, joinFailureOf, prefixNick } from '../src/worker/line-facts.js';
import { BOT, poolHarness } from './helpers/pool-harness.js';

describe('worker pool building blocks', () => {
  it('OverlapDedup filters only while two receivers hold a channel, plus its ttl', () => {
    const d = new OverlapDedup(1_000, 100);
    d.enter('a');
    expect(d.isDuplicate('a', 'k', 0)).toBe(false);
    expect(d.isDuplicate('a', 'k', 0)).toBe(false);
    d.enter('a');
    expect(d.isDuplicate('a', 'k', 10)).toBe(false);
    expect(d.isDuplicate('a', 'k', 20)).toBe(true);
    d.leave('a', 500);
    expect(d.isDuplicate('a', 'k', 1_000)).toBe(true);
    expect(d.isDuplicate('a', 'k', 1_500)).toBe(false);
    expect(d.activeChannels).toBe(0);
  });

  it('OverlapDedup forgets keys older than the ttl and beyond maxKeys', () => {
    const d = new OverlapDedup(1_000, 3);
    d.enter('a');
    d.enter('a');
    for (const k of ['k1', 'k2', 'k3', 'k4']) d.isDuplicate('a', k, 0);
    expect(d.isDuplicate('a', 'k1', 0)).toBe(false);
    expect(d.isDuplicate('a', 'k4', 999)).toBe(true);
    expect(d.isDuplicate('a', 'k4', 2_100)).toBe(false);
  });

  it('joinBatchSize respects bytes and count; joinLine builds the comma line', () => {
    expect(joinBatchSize(['a', 'b', 'c'], 500, 2)).toBe(2);
    // `JOIN #aaaa,#bbbb` is 16 bytes.
    expect(joinBatchSize(['aaaa', 'bbbb', 'c'], 16, 10)).toBe(2);
    expect(joinBatchSize(['aaaa', 'bbbb', 'c'], 15, 10)).toBe(1);
    expect(joinBatchSize([], 500, 10)).toBe(0);
    expect(joinLine(['a', 'b'])).toBe('JOIN #a,#b');
  });

  it('backoffDelay doubles from min, caps at max, and adds up to 50 % jitter', () => {
    expect([1, 2, 3, 4, 10].map((n) => backoffDelay(n, 1_000, 30_000, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 30_000,
    ]);
    expect(backoffDelay(1, 1_000, 30_000, () => 0.999)).toBe(1_500);
    expect(backoffDelay(10, 1_000, 30_000, () => 0.999)).toBe(30_000);
  });

  it('identityLimits: tier defaults with a safety margin, overridable', () => {
    expect(identityLimits(BOT)).toEqual(TIER_LIMITS.normal);
    expect(identityLimits({ ...BOT, tier: 'verified' }).join).toEqual({ count: 2_000, windowMs: 10_500 });
    expect(identityLimits({ ...BOT, limits: { join: { count: 5, windowMs: 1 } } }).join.count).toBe(5);
  });

  it('line facts: prefix nick, join-failure reasons, privileged USERSTATE', () => {
    expect(prefixNick(':Bot!bot@bot.tmi.twitch.tv JOIN #a', 0)).toBe('bot');
    expect(prefixNick('PING :x', 0)).toBeNull();
    expect(joinFailureOf('@msg-id=msg_channel_suspended :tmi.twitch.tv NOTICE #a :x')).toBe(
      'msg_channel_suspended',
    );
    expect(joinFailureOf('@msg-id=msg_ratelimit :tmi.twitch.tv NOTICE #a :x')).toBeNull();
    expect(joinFailureOf(':tmi.twitch.tv NOTICE #a :x')).toBeNull();
    expect(isPrivilegedUserstate('@badges=broadcaster/1;mod=0 :tmi.twitch.tv USERSTATE #a')).toBe(true);
    expect(isPrivilegedUserstate('@badges=subscriber/12,premium/1;mod=0 :tmi.twitch.tv USERSTATE #a')).toBe(
      false,
    );
  });

  it('validates options once, naming the field', () => {
    const h = poolHarness();
    const base = { workerId: 'w', factory: h.twitch, rateLimiter: h.limiter, onLine: () => {} };
    expect(resolvePoolOptions(base).maxChannels).toBe(90);
    expect(() => resolvePoolOptions({ ...base, maxChannels: 0 })).toThrow(
      /maxChannels must be an integer ≥ 1/,
    );
    expect(() => resolvePoolOptions({ ...base, workerId: '' })).toThrow(/TMI_ERR_INVALID_CONFIG.*workerId/);
    expect(() => resolvePoolOptions({ ...base, reconnectMaxMs: 10, reconnectMinMs: 100 })).toThrow(
      /reconnectMaxMs/,
    );
    const wrong = 'coordinator' as unknown as 'pool';
    expect(() => resolvePoolOptions({ ...base, joinBudget: wrong })).toThrow(/joinBudget/);
  });

  it('refuses bad identities and channels with a clear error', async () => {
    const h = poolHarness();
    expect(() => h.pool.join({ login: 'Bad Login', token: 't' }, 'a')).toThrow(/login must be/);
    expect(() => h.pool.join({ login: 'bot', token: null }, 'a')).toThrow(/justinfan/);
    expect(() => h.pool.join(BOT, 'no spaces')).toThrow(/TMI_ERR_INVALID_CHANNEL/);
    expect(() => h.pool.join('unknown', 'a')).toThrow(/unknown identity/);
    await h.pool.close();
  });
});
