import { afterEach, describe, expect, it, vi } from 'vitest';
import { Backoff } from '../ui/lib/backoff.js';
import { bannerFor } from '../ui/lib/banner.js';
import { chartWindow } from '../ui/lib/chart-window.js';
import { BoundedLog } from '../ui/lib/bounded-log.js';
import { CursorPager } from '../ui/lib/cursor-pager.js';
import { debounce } from '../ui/lib/debounce.js';
import {
  formatAgo,
  formatByState,
  formatBytes,
  formatCount,
  formatDuration,
  formatRate,
} from '../ui/lib/format.js';
import { headroom } from '../ui/lib/headroom.js';
import type { LiveStatus } from '../ui/lib/live-source.js';
import { pathOf, routeOf } from '../ui/lib/routes.js';
import { describeSayResult } from '../ui/lib/say-result.js';
import type { Overview } from '../ui/lib/types.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('format', () => {
  it('formats bytes, counts, rates, ages and durations, with a dash for missing values', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(300 * 1024 * 1024)).toBe('300 MiB');
    expect(formatBytes(-1)).toBe('–');
    expect(formatBytes(null)).toBe('–');
    expect(formatCount(1234567.4)).toBe('1,234,567');
    expect(formatCount(Number.NaN)).toBe('–');
    expect(formatRate(3.24)).toBe('3.2');
    expect(formatRate(0)).toBe('0.0');
    expect(formatRate(1234.5)).toBe('1,235');
    expect(formatAgo(1_000, 1_500)).toBe('just now');
    expect(formatAgo(0, 42_000)).toBe('42 s ago');
    expect(formatAgo(0, 5 * 60_000)).toBe('5 min ago');
    expect(formatAgo(0, 3 * 3_600_000)).toBe('3 h ago');
    expect(formatAgo(0, 2 * 86_400_000)).toBe('2 d ago');
    expect(formatAgo(null, 0)).toBe('–');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1500)).toBe('1.5 s');
    expect(formatDuration(90_000)).toBe('1 min 30 s');
    expect(formatDuration(120_000)).toBe('2 min');
    expect(formatDuration(2 * 3_600_000 + 5 * 60_000)).toBe('2 h 5 min');
    expect(formatByState({ running: 3, draining: 1, stopped: 0 })).toBe('running 3 · draining 1');
    expect(formatByState({})).toBe('none');
  });
});

describe('headroom', () => {
  it('reports the tightest budget across identities and kinds', () => {
    const h = headroom([
      { identity: 'bot', kind: 'join', used: 10, limit: 20, windowMs: 10_000 },
      { identity: 'bot', kind: 'privmsg', used: 90, limit: 100, windowMs: 30_000 },
      { identity: 'anon', kind: 'auth', used: 0, limit: 0, windowMs: 10_000 },
    ]);
    expect(h.free).toBeCloseTo(0.1);
    expect(h.tightest?.kind).toBe('privmsg');
  });

  it('clamps an overrun budget to 0 and answers null without limits', () => {
    expect(headroom([{ identity: 'b', kind: 'join', used: 25, limit: 20, windowMs: 1 }]).free).toBe(0);
    expect(headroom([])).toEqual({ free: null, tightest: null });
  });
});

describe('Backoff', () => {
  it('doubles up to the ceiling with jitter between half and all of it, and resets', () => {
    const low = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0 });
    expect([low.next(), low.next(), low.next(), low.next(), low.next()]).toEqual([50, 100, 200, 400, 500]);
    const high = new Backoff({ initialMs: 100, maxMs: 1000, random: () => 0.999999 });
    expect([high.next(), high.next(), high.next(), high.next(), high.next()]).toEqual([
      100, 200, 400, 800, 1000,
    ]);
    high.reset();
    expect(high.attempt).toBe(0);
    expect(high.next()).toBe(100);
  });
});

describe('BoundedLog', () => {
  it('keeps the newest items first, skips known ids and forgets dropped ones', () => {
    const log = new BoundedLog<{ id: string; at: number }>(3);
    log.merge(
      [
        { id: 'a', at: 1 },
        { id: 'c', at: 3 },
        { id: 'b', at: 2 },
      ],
      (i) => i.at,
    );
    expect(log.items.map((i) => i.id)).toEqual(['c', 'b', 'a']);
    expect(log.add({ id: 'b', at: 9 })).toBe(false);
    expect(log.add({ id: 'd', at: 4 })).toBe(true);
    expect(log.items.map((i) => i.id)).toEqual(['d', 'c', 'b']);
    // 'a' was dropped, so it is new again.
    expect(log.add({ id: 'a', at: 5 })).toBe(true);
    expect(log.size).toBe(3);
  });

  it('stays bounded over a long run', () => {
    const log = new BoundedLog<{ id: string }>(200);
    for (let i = 0; i < 50_000; i++) log.add({ id: String(i) });
    expect(log.size).toBe(200);
    expect(log.items[0]?.id).toBe('49999');
  });
});

describe('CursorPager', () => {
  it('walks forward with the server cursors and back through the remembered ones', () => {
    const pager = new CursorPager();
    expect(pager.current).toBeNull();
    expect(pager.back()).toBeUndefined();
    pager.loaded('c2');
    expect(pager.hasNext).toBe(true);
    expect(pager.forward()).toBe('c2');
    pager.loaded('c3');
    expect(pager.forward()).toBe('c3');
    pager.loaded(null);
    expect(pager.hasNext).toBe(false);
    expect(pager.forward()).toBeNull();
    expect(pager.page).toBe(3);
    expect(pager.back()).toBe('c2');
    expect(pager.back()).toBeNull();
    expect(pager.hasPrevious).toBe(false);
    pager.loaded('x');
    pager.forward();
    pager.reset();
    expect(pager.page).toBe(1);
    expect(pager.hasNext).toBe(false);
  });
});

describe('routes', () => {
  it('maps paths and hash routes to screens, unknown to the overview', () => {
    expect(routeOf('/')).toBe('overview');
    expect(routeOf('/channels/')).toBe('channels');
    expect(routeOf('/', '#/events')).toBe('events');
    expect(routeOf('/invite')).toBe('invite');
    expect(routeOf('/nope')).toBe('overview');
    expect(pathOf('workers')).toBe('/workers');
    expect(pathOf('invite')).toBe('/invite');
  });
});

describe('debounce', () => {
  it('runs once with the last arguments after the quiet period; cancel and flush work', () => {
    vi.useFakeTimers();
    const calls: string[] = [];
    const d = debounce((s: string) => calls.push(s), 250);
    d('a');
    d('ab');
    vi.advanceTimersByTime(249);
    expect(calls).toEqual([]);
    d('abc');
    vi.advanceTimersByTime(250);
    expect(calls).toEqual(['abc']);
    d('x');
    d.cancel();
    vi.advanceTimersByTime(1000);
    expect(calls).toEqual(['abc']);
    d('y');
    d.flush();
    expect(calls).toEqual(['abc', 'y']);
  });
});

describe('bannerFor', () => {
  const open: LiveStatus = { state: 'open', error: null, retryAt: null, attempts: 0 };
  const overview = (status: Overview['status'], reasons: string[] = []): Overview => ({
    status,
    reasons,
    at: 0,
    rates: { messagesIn: 0, messagesOut: 0, commands: 0 },
    channels: { wanted: 0, confirmed: 0, pending: 0, failed: 0 },
    workers: { total: 0, byState: {} },
    supervisors: { total: 0, byState: {} },
    connections: 0,
    memory: { rssBytes: 0 },
    joinQueue: 0,
    rateLimits: [],
    coordinator: { id: null, term: null },
  });

  it('puts a lost connection before whatever the last overview said', () => {
    const b = bannerFor({
      live: { state: 'retrying', error: 'HTTP 503', retryAt: 4_000, attempts: 2 },
      overview: overview('operational'),
      receivedAt: 0,
      now: 1_000,
    });
    expect(b.tone).toBe('error');
    expect(b.title).toBe('Server unreachable');
    expect(b.reasons[0]).toContain('HTTP 503');
    expect(b.reasons[0]).toContain('in 3 s');
  });

  it('says stale when overviews stopped arriving, and relays the cluster status otherwise', () => {
    expect(bannerFor({ live: open, overview: null, receivedAt: null, now: 0 }).title).toBe('Connecting…');
    expect(
      bannerFor({ live: open, overview: overview('operational'), receivedAt: 0, now: 6_000 }).title,
    ).toBe('No recent updates');
    const degraded = bannerFor({
      live: open,
      overview: overview('degraded', ['1 worker down']),
      receivedAt: 0,
      now: 1,
    });
    expect(degraded).toEqual({ tone: 'warn', title: 'Degraded', reasons: ['1 worker down'] });
    expect(
      bannerFor({ live: open, overview: overview('down', ['no workers']), receivedAt: 0, now: 1 }).tone,
    ).toBe('error');
  });
});

describe('chartWindow', () => {
  it('grows with the data up to the window, then slides; never narrower than a minute', () => {
    expect(chartWindow(1000, 1010, 900, 0)).toEqual([950, 1010]);
    expect(chartWindow(1000, 1300, 900, 0)).toEqual([1000, 1300]);
    expect(chartWindow(1000, 5000, 900, 0)).toEqual([4100, 5000]);
    expect(chartWindow(null, null, 900, 777)).toEqual([717, 777]);
  });
});

describe('describeSayResult', () => {
  it('turns each SayResult into a notice', () => {
    expect(describeSayResult({ status: 'sent', channel: 'a', messageId: 'x', parts: 1 })).toEqual({
      tone: 'ok',
      text: 'Sent to #a',
    });
    expect(describeSayResult({ status: 'sent', channel: 'a', messageId: null, parts: 3 }).text).toBe(
      'Sent to #a in 3 parts',
    );
    expect(describeSayResult({ status: 'rate_limited', channel: 'a', retryAfterMs: 1500 })).toEqual({
      tone: 'error',
      text: 'Not sent to #a: rate limit, try again in 1.5 s',
    });
    expect(describeSayResult({ status: 'rejected', channel: 'a', reason: 'msg_banned' }).text).toBe(
      'Twitch refused the message in #a (msg_banned)',
    );
    expect(describeSayResult({ status: 'duplicate', channel: 'a', idempotencyKey: 'k' }).tone).toBe('error');
    expect(describeSayResult(null).text).toBe('Unexpected answer: null');
  });
});
