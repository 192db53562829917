import { describe, expect, it } from 'vitest';
import type { LimitProfileName, SimAccount } from '../src/sim/accounts.js';
import {
  createRateLimiter,
  DEFAULT_PROFILES,
  type JoinVerdict,
  type RateLimitOptions,
  resolveProfiles,
  type SayVerdict,
  SlidingWindow,
} from '../src/sim/limits/index.js';

function account(login: string, profile: LimitProfileName = 'normal'): SimAccount {
  return { login, userId: '1', displayName: login, profile, color: '', profileImageUrl: '' };
}

/** A limiter on a clock the test moves by hand. */
function setup(options: Omit<RateLimitOptions, 'clock'> = {}) {
  const clock = { now: 1_000_000 };
  const limiter = createRateLimiter({ ...options, clock: () => clock.now });
  return {
    limiter,
    clock,
    advance(ms: number) {
      clock.now += ms;
    },
  };
}

/** `n` messages, each in its own channel (so the per-channel rules stay out of the way). */
function sayMany(
  limiter: ReturnType<typeof createRateLimiter>,
  a: SimAccount,
  n: number,
  privileged = false,
  prefix = 'c',
): boolean[] {
  const out: boolean[] = [];
  for (let i = 0; i < n; i++) out.push(limiter.trySay(a, `#${prefix}${i}`, `msg ${i}`, privileged).ok);
  return out;
}

/** The refusal reason, or undefined when the verdict is ok. */
function reason(v: JoinVerdict | SayVerdict): string | undefined {
  return v.ok ? undefined : v.reason;
}

const RATELIMIT_TEXT = 'Your message was not sent because you are sending messages too quickly.';
const DUPLICATE_TEXT =
  'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.';

describe('SlidingWindow', () => {
  it('allows `count` per window; a slot frees exactly windowMs after it was used', () => {
    const w = new SlidingWindow();
    const limit = { count: 3, windowMs: 100 };
    for (const t of [0, 10, 20]) {
      expect(w.allows(t, limit)).toBe(true);
      w.record(t, limit.count);
    }
    expect(w.allows(99, limit)).toBe(false);
    expect(w.allows(100, limit)).toBe(true);
    expect(w.allows(109, limit)).toBe(true);
    w.record(100, limit.count);
    expect(w.allows(109, limit)).toBe(false);
    expect(w.allows(110, limit)).toBe(true);
  });

  it('keeps at most `count` entries however many are recorded', () => {
    const w = new SlidingWindow();
    for (let t = 0; t < 10_000; t++) w.record(t, 50);
    expect(w.size).toBe(50);
    // The 50 newest are t = 9,950 … 9,999; the oldest of them leaves at 9,950 + 100.
    expect(w.allows(10_049, { count: 50, windowMs: 100 })).toBe(false);
    expect(w.allows(10_050, { count: 50, windowMs: 100 })).toBe(true);
  });

  it('answers a smaller limit from a larger ring (profile changed)', () => {
    const w = new SlidingWindow();
    for (let t = 0; t < 100; t++) w.record(t, 100);
    // The 5th newest is t=95.
    expect(w.allows(194, { count: 5, windowMs: 100 })).toBe(false);
    expect(w.allows(195, { count: 5, windowMs: 100 })).toBe(true);
  });

  it('count 0 refuses everything', () => {
    expect(new SlidingWindow().allows(0, { count: 0, windowMs: 1 })).toBe(false);
  });
});

describe('profiles', () => {
  it("default numbers are Twitch's (reference §2.1)", () => {
    expect(DEFAULT_PROFILES.normal).toEqual({
      join: { count: 20, windowMs: 10_000 },
      auth: { count: 20, windowMs: 10_000 },
      privmsg: { count: 20, windowMs: 30_000 },
      privmsgModerator: { count: 100, windowMs: 30_000 },
      perChannelIntervalMs: 1000,
      duplicateWindowMs: 30_000,
      concurrentChannels: 100,
    });
    expect(DEFAULT_PROFILES.verified).toEqual({
      join: { count: 2000, windowMs: 10_000 },
      auth: { count: 200, windowMs: 10_000 },
      privmsg: { count: 7500, windowMs: 30_000 },
      privmsgModerator: { count: 7500, windowMs: 30_000 },
      perChannelIntervalMs: 1000,
      duplicateWindowMs: 30_000,
      concurrentChannels: 100,
    });
    expect(Object.values(DEFAULT_PROFILES.unlimited).every((v) => v === null)).toBe(true);
    expect(Object.isFrozen(DEFAULT_PROFILES.normal)).toBe(true);
  });

  it('merges overrides field by field; null switches a limit off', () => {
    const p = resolveProfiles({
      normal: { privmsg: { count: 5, windowMs: 1000 }, duplicateWindowMs: null, join: undefined },
    });
    expect(p.normal.privmsg).toEqual({ count: 5, windowMs: 1000 });
    expect(p.normal.duplicateWindowMs).toBeNull();
    expect(p.normal.join).toEqual(DEFAULT_PROFILES.normal.join);
    expect(p.normal.privmsgModerator).toEqual(DEFAULT_PROFILES.normal.privmsgModerator);
    expect(p.verified).toEqual(DEFAULT_PROFILES.verified);
    expect(Object.isFrozen(p.normal)).toBe(true);
    // The defaults themselves are untouched.
    expect(DEFAULT_PROFILES.normal.privmsg).toEqual({ count: 20, windowMs: 30_000 });
  });

  it('rejects bad numbers and unknown profiles', () => {
    expect(() => resolveProfiles({ normal: { join: { count: -1, windowMs: 10 } } })).toThrow(
      /normal\.join\.count/,
    );
    expect(() => resolveProfiles({ normal: { auth: { count: 1, windowMs: 0 } } })).toThrow(/windowMs/);
    expect(() => resolveProfiles({ normal: { concurrentChannels: 1.5 } })).toThrow(/concurrentChannels/);
    expect(() => resolveProfiles({ normal: { perChannelIntervalMs: Number.NaN } })).toThrow(RangeError);
    expect(() => resolveProfiles({ bogus: {} } as never)).toThrow(/unknown rate-limit profile "bogus"/);
    expect(() => createRateLimiter({ joinOverflow: 'explode' as never })).toThrow(/joinOverflow/);
  });

  it('a limiter uses its overrides', () => {
    const { limiter } = setup({ profiles: { normal: { auth: { count: 2, windowMs: 1000 } } } });
    const a = account('bot');
    expect([limiter.tryAuth(a), limiter.tryAuth(a), limiter.tryAuth(a)]).toEqual([true, true, false]);
  });
});

describe('AUTH', () => {
  it('20 per 10 s: 20th allowed, 21st refused, free again at t+10 s', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    for (let i = 0; i < 20; i++) expect(limiter.tryAuth(a)).toBe(true);
    expect(limiter.tryAuth(a)).toBe(false);
    advance(9_999);
    expect(limiter.tryAuth(a)).toBe(false);
    advance(1);
    // The refused attempt at 9,999 ms counts (attempts use up the bucket), so 19 fit now.
    for (let i = 0; i < 19; i++) expect(limiter.tryAuth(a)).toBe(true);
    expect(limiter.tryAuth(a)).toBe(false);
    const c = limiter.counters('bot');
    expect(c.authAttempts).toBe(20 + 1 + 1 + 19 + 1);
    expect(c.violations.auth).toBe(3);
  });

  it('verified: 200 per 10 s', () => {
    const { limiter } = setup();
    const a = account('vbot', 'verified');
    for (let i = 0; i < 200; i++) expect(limiter.tryAuth(a)).toBe(true);
    expect(limiter.tryAuth(a)).toBe(false);
  });

  it('is per account, not per connection', () => {
    const { limiter } = setup();
    for (let i = 0; i < 20; i++) limiter.tryAuth(account('one'));
    expect(limiter.tryAuth(account('one'))).toBe(false);
    expect(limiter.tryAuth(account('two'))).toBe(true);
  });
});

describe('JOIN rate', () => {
  it('20 per 10 s; overflow disconnects by default', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    for (let i = 0; i < 20; i++) expect(limiter.tryJoin(a, `#c${i}`, false)).toEqual({ ok: true });
    expect(limiter.tryJoin(a, '#c20', false)).toEqual({ ok: false, reason: 'join_rate', disconnect: true });
    advance(9_999);
    expect(limiter.tryJoin(a, '#c21', false).ok).toBe(false);
    advance(1);
    expect(limiter.tryJoin(a, '#c22', false).ok).toBe(true);
    expect(limiter.counters('bot').violations.join).toBe(2);
  });

  it("joinOverflow 'drop' refuses without disconnecting", () => {
    const { limiter } = setup({ joinOverflow: 'drop' });
    const a = account('bot');
    for (let i = 0; i < 20; i++) limiter.tryJoin(a, `#c${i}`, false);
    expect(limiter.tryJoin(a, '#x', false)).toEqual({ ok: false, reason: 'join_rate', disconnect: false });
  });

  it('a re-JOIN of a held channel still counts against the rate', () => {
    const { limiter } = setup();
    const a = account('bot');
    limiter.joined(a, '#same', false);
    for (let i = 0; i < 20; i++) expect(limiter.tryJoin(a, '#same', false).ok).toBe(true);
    expect(limiter.tryJoin(a, '#same', false).ok).toBe(false);
    expect(limiter.counters('bot').joinAttempts).toBe(21);
  });

  it('verified: 2000 per 10 s', () => {
    const { limiter } = setup();
    const a = account('vbot', 'verified');
    // Exempt channels so the concurrent cap stays out of the way.
    for (let i = 0; i < 2000; i++) expect(limiter.tryJoin(a, `#c${i}`, true).ok).toBe(true);
    expect(limiter.tryJoin(a, '#more', true).ok).toBe(false);
  });
});

describe('concurrent channels', () => {
  const big = { normal: { join: { count: 10_000, windowMs: 10_000 } } };

  it('caps counted channels at 100; exempt channels and re-joins pass', () => {
    const { limiter } = setup({ profiles: big });
    const a = account('bot');
    for (let i = 0; i < 100; i++) {
      expect(limiter.tryJoin(a, `#c${i}`, false).ok).toBe(true);
      limiter.joined(a, `#c${i}`, false);
    }
    expect(limiter.tryJoin(a, '#c100', false)).toEqual({
      ok: false,
      reason: 'concurrent_channels',
      disconnect: false,
    });
    // Mod/broadcaster channels do not count and are not capped.
    expect(limiter.tryJoin(a, '#mine', true).ok).toBe(true);
    limiter.joined(a, '#mine', true);
    // A channel already held is no new channel.
    expect(limiter.tryJoin(a, '#c5', false).ok).toBe(true);
    const c = limiter.counters('bot');
    expect(c).toMatchObject({ concurrentChannels: 101, countedChannels: 100, peakCountedChannels: 100 });
    expect(c.violations.concurrentChannels).toBe(1);
    // Leaving one makes room.
    limiter.parted(a, '#c0');
    expect(limiter.tryJoin(a, '#c100', false).ok).toBe(true);
  });

  it('verified accounts are capped too (exemption removed 2024-06-26)', () => {
    const { limiter } = setup();
    const a = account('vbot', 'verified');
    for (let i = 0; i < 100; i++) limiter.joined(a, `#c${i}`, false);
    expect(reason(limiter.tryJoin(a, '#c100', false))).toBe('concurrent_channels');
  });

  it('reference-counts a channel joined on two connections', () => {
    const { limiter } = setup();
    const a = account('bot');
    limiter.joined(a, '#shared', false); // connection 1
    limiter.joined(a, '#shared', false); // connection 2
    limiter.joined(a, '#modded', true);
    expect(limiter.counters('bot')).toMatchObject({ concurrentChannels: 2, countedChannels: 1 });
    limiter.parted(a, '#shared');
    expect(limiter.counters('bot')).toMatchObject({ concurrentChannels: 2, countedChannels: 1 });
    limiter.parted(a, '#shared');
    expect(limiter.counters('bot')).toMatchObject({
      concurrentChannels: 1,
      countedChannels: 0,
      peakCountedChannels: 1,
    });
    limiter.parted(a, '#shared'); // one too many: ignored
    limiter.parted(a, '#never');
    expect(limiter.counters('bot')).toMatchObject({ concurrentChannels: 1, countedChannels: 0 });
  });

  it('a held exempt channel that is no longer exempt counts as new', () => {
    const { limiter } = setup({ profiles: { normal: { concurrentChannels: 1 } } });
    const a = account('bot');
    limiter.joined(a, '#other', false);
    limiter.joined(a, '#was-mod', true);
    expect(limiter.tryJoin(a, '#was-mod', true).ok).toBe(true);
    expect(reason(limiter.tryJoin(a, '#was-mod', false))).toBe('concurrent_channels');
    // The newest exempt flag wins.
    limiter.joined(a, '#other', true);
    expect(limiter.counters('bot').countedChannels).toBe(0);
    limiter.joined(a, '#other', false);
    expect(limiter.counters('bot').countedChannels).toBe(1);
  });
});

describe('PRIVMSG account bucket', () => {
  it('20 per 30 s for non-privileged; refusal is msg_ratelimit', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(sayMany(limiter, a, 20).every(Boolean)).toBe(true);
    expect(limiter.trySay(a, '#x', 'over', false)).toEqual({
      ok: false,
      reason: 'privmsg_rate',
      noticeId: 'msg_ratelimit',
      noticeText: RATELIMIT_TEXT,
    });
    advance(29_999);
    expect(limiter.trySay(a, '#y', 'still over', false).ok).toBe(false);
    advance(1);
    // The 20 sent and the refused attempt at t=0 have left; the refused one at 29,999 ms still
    // counts (attempts use up the bucket), so 19 fit.
    expect(sayMany(limiter, a, 20, false, 'd')).toEqual([...Array(19).fill(true), false]);
  });

  it('moderator bucket: 100 per 30 s for privileged', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(sayMany(limiter, a, 100, true).every(Boolean)).toBe(true);
    expect(reason(limiter.trySay(a, '#modchan', 'over', true))).toBe('privmsg_rate');
    advance(29_999);
    expect(limiter.trySay(a, '#modchan', 'over', true).ok).toBe(false);
    advance(1);
    expect(limiter.trySay(a, '#modchan', 'again', true).ok).toBe(true);
  });

  it('privileged messages count toward the 20 bucket', () => {
    const { limiter } = setup();
    const a = account('bot');
    expect(sayMany(limiter, a, 20, true).every(Boolean)).toBe(true);
    // The normal bucket is full, so a non-privileged message is refused ...
    expect(reason(limiter.trySay(a, '#plain', 'hi', false))).toBe('privmsg_rate');
    // ... while privileged ones go on up to 100 attempts in all (the refused one counts).
    expect(sayMany(limiter, a, 80, true, 'm')).toEqual([...Array(79).fill(true), false]);
  });

  it('non-privileged messages count toward the 100 as well', () => {
    const { limiter } = setup();
    const a = account('bot');
    sayMany(limiter, a, 20);
    expect(sayMany(limiter, a, 81, true, 'm')).toEqual([...Array(80).fill(true), false]);
  });

  it('verified: 7500 per 30 s whatever the role', () => {
    const { limiter } = setup();
    const a = account('vbot', 'verified');
    expect(sayMany(limiter, a, 7500).every(Boolean)).toBe(true);
    expect(limiter.trySay(a, '#x', 'over', false).ok).toBe(false);
    expect(limiter.trySay(a, '#y', 'over', true).ok).toBe(false);
  });

  it('refusals by the channel rules still use up the bucket', () => {
    const { limiter } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'first', false).ok).toBe(true);
    for (let i = 0; i < 19; i++)
      expect(reason(limiter.trySay(a, '#c', `fast ${i}`, false))).toBe('channel_rate');
    expect(reason(limiter.trySay(a, '#other', 'x', false))).toBe('privmsg_rate');
  });
});

describe('PRIVMSG per-channel interval', () => {
  it('1 s between accepted messages in one channel for non-privileged', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'a', false).ok).toBe(true);
    advance(999);
    expect(limiter.trySay(a, '#c', 'b', false)).toEqual({
      ok: false,
      reason: 'channel_rate',
      noticeId: 'msg_ratelimit',
      noticeText: RATELIMIT_TEXT,
    });
    // Another channel is not affected.
    expect(limiter.trySay(a, '#d', 'b', false).ok).toBe(true);
    advance(1);
    // Measured from the last accepted message (t=0), not the refused one at 999.
    expect(limiter.trySay(a, '#c', 'c', false).ok).toBe(true);
    expect(limiter.counters('bot').violations.channelRate).toBe(1);
  });

  it('privileged messages are exempt', () => {
    const { limiter } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'a', true).ok).toBe(true);
    expect(limiter.trySay(a, '#c', 'b', true).ok).toBe(true);
  });

  it('applies to verified accounts too', () => {
    const { limiter, advance } = setup();
    const a = account('vbot', 'verified');
    expect(limiter.trySay(a, '#c', 'a', false).ok).toBe(true);
    advance(500);
    expect(reason(limiter.trySay(a, '#c', 'b', false))).toBe('channel_rate');
  });
});

describe('PRIVMSG duplicate rule', () => {
  it('same text, same channel within 30 s is msg_duplicate', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'hello', false).ok).toBe(true);
    advance(1000);
    expect(limiter.trySay(a, '#c', 'hello', false)).toEqual({
      ok: false,
      reason: 'duplicate',
      noticeId: 'msg_duplicate',
      noticeText: DUPLICATE_TEXT,
    });
    // Exact comparison: a different text passes.
    expect(limiter.trySay(a, '#c', 'hello ', false).ok).toBe(true);
    expect(limiter.counters('bot').violations.duplicate).toBe(1);
  });

  it('another channel is fine', () => {
    const { limiter } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'hello', false).ok).toBe(true);
    expect(limiter.trySay(a, '#d', 'hello', false).ok).toBe(true);
  });

  it('another account is fine', () => {
    const { limiter, advance } = setup();
    expect(limiter.trySay(account('one'), '#c', 'hello', false).ok).toBe(true);
    advance(1000);
    expect(limiter.trySay(account('two'), '#c', 'hello', false).ok).toBe(true);
  });

  it('privileged is exempt', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'hello', true).ok).toBe(true);
    advance(1000);
    expect(limiter.trySay(a, '#c', 'hello', true).ok).toBe(true);
  });

  it('allowed again at exactly 30 s', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    expect(limiter.trySay(a, '#c', 'hello', false).ok).toBe(true);
    advance(29_999);
    expect(reason(limiter.trySay(a, '#c', 'hello', false))).toBe('duplicate');
    advance(1);
    expect(limiter.trySay(a, '#c', 'hello', false).ok).toBe(true);
  });

  it('compares with the previous message only', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    limiter.trySay(a, '#c', 'a', false);
    advance(1000);
    limiter.trySay(a, '#c', 'b', false);
    advance(1000);
    expect(limiter.trySay(a, '#c', 'a', false).ok).toBe(true);
  });

  it('a privileged message becomes the previous one', () => {
    const { limiter, advance } = setup();
    const a = account('bot');
    limiter.trySay(a, '#c', 'hello', true);
    advance(1000);
    expect(reason(limiter.trySay(a, '#c', 'hello', false))).toBe('duplicate');
  });
});

describe('unlimited and disabled', () => {
  it('unlimited profile limits nothing', () => {
    const { limiter } = setup();
    const a = account('load', 'unlimited');
    for (let i = 0; i < 500; i++) {
      expect(limiter.tryAuth(a)).toBe(true);
      expect(limiter.tryJoin(a, `#c${i}`, false).ok).toBe(true);
      limiter.joined(a, `#c${i}`, false);
      expect(limiter.trySay(a, '#c0', 'same', false).ok).toBe(true);
    }
    expect(limiter.counters('load')).toMatchObject({ privmsgSent: 500, countedChannels: 500 });
  });

  it('enabled: false allows everything but still counts', () => {
    const { limiter } = setup({ enabled: false });
    const a = account('bot');
    for (let i = 0; i < 50; i++) {
      expect(limiter.tryAuth(a)).toBe(true);
      expect(limiter.tryJoin(a, `#c${i}`, false).ok).toBe(true);
      limiter.joined(a, `#c${i}`, false);
    }
    for (let i = 0; i < 150; i++) expect(limiter.trySay(a, '#c', 'same', false).ok).toBe(true);
    for (let i = 50; i < 150; i++) expect(limiter.tryJoin(a, `#c${i}`, false).ok).toBe(true);
    const c = limiter.counters('bot');
    expect(c).toMatchObject({
      authAttempts: 50,
      joinAttempts: 150,
      privmsgAttempts: 150,
      privmsgSent: 150,
      countedChannels: 50,
    });
    expect(Object.values(c.violations).every((v) => v === 0)).toBe(true);
  });
});

describe('counters and reset', () => {
  it('counts attempts, sent and violations per account', () => {
    const { limiter } = setup();
    const a = account('bot');
    limiter.tryAuth(a);
    limiter.tryJoin(a, '#c', false);
    limiter.joined(a, '#c', false);
    limiter.trySay(a, '#c', 'x', false);
    limiter.trySay(a, '#c', 'x', false);
    expect(limiter.counters('BOT')).toEqual({
      login: 'bot',
      authAttempts: 1,
      joinAttempts: 1,
      privmsgAttempts: 2,
      privmsgSent: 1,
      concurrentChannels: 1,
      countedChannels: 1,
      peakCountedChannels: 1,
      violations: { auth: 0, join: 0, privmsg: 0, channelRate: 1, duplicate: 0, concurrentChannels: 0 },
    });
    limiter.tryAuth(account('other'));
    expect(limiter.allCounters().map((c) => c.login)).toEqual(['bot', 'other']);
  });

  it('an unknown login has zero counters', () => {
    const { limiter } = setup();
    expect(limiter.counters('nobody')).toMatchObject({ login: 'nobody', privmsgAttempts: 0 });
  });

  it('counters are snapshots', () => {
    const { limiter } = setup();
    const a = account('bot');
    const before = limiter.counters('bot');
    limiter.tryAuth(a);
    expect(before.authAttempts).toBe(0);
    const snap = limiter.counters('bot');
    snap.violations.auth = 99;
    expect(limiter.counters('bot').violations.auth).toBe(0);
  });

  it('reset clears windows and counters, keeps live channels', () => {
    const { limiter } = setup();
    const a = account('bot');
    const idle = account('idle');
    limiter.tryAuth(idle);
    for (let i = 0; i < 3; i++) limiter.joined(a, `#c${i}`, false);
    limiter.parted(a, '#c2');
    sayMany(limiter, a, 21);
    for (let i = 0; i < 21; i++) limiter.tryAuth(a);
    limiter.reset();

    expect(limiter.counters('bot')).toEqual({
      login: 'bot',
      authAttempts: 0,
      joinAttempts: 0,
      privmsgAttempts: 0,
      privmsgSent: 0,
      concurrentChannels: 2,
      countedChannels: 2,
      peakCountedChannels: 2,
      violations: { auth: 0, join: 0, privmsg: 0, channelRate: 0, duplicate: 0, concurrentChannels: 0 },
    });
    expect(limiter.allCounters().map((c) => c.login)).toEqual(['bot']);
    // Windows are empty again without moving the clock.
    expect(limiter.tryAuth(a)).toBe(true);
    expect(sayMany(limiter, a, 20).every(Boolean)).toBe(true);
    // Channels joined before the reset are still released by their PART.
    limiter.parted(a, '#c0');
    expect(limiter.counters('bot').countedChannels).toBe(1);
  });
});

describe('profile read per call', () => {
  it('an account promoted to verified gets the larger budget', () => {
    const { limiter } = setup();
    const a = account('bot');
    sayMany(limiter, a, 20);
    expect(limiter.trySay(a, '#x', 'over', false).ok).toBe(false);
    a.profile = 'verified';
    expect(limiter.trySay(a, '#y', 'now fine', false).ok).toBe(true);
  });
});
