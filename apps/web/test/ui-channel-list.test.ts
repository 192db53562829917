import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { get } from 'svelte/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../ui/lib/api.js';
import { channelViewFromQuery, createChannelList } from '../ui/lib/channel-list.js';
import { parseChannelList } from '../ui/lib/channel-names.js';
import { createChatTail } from '../ui/lib/chat-tail.js';
import { poll } from '../ui/lib/poller.js';

const ALL = Array.from({ length: 120 }, (_, i) => `channel${i}`);
let server: Server;
let base = '';
const queries: URLSearchParams[] = [];
/** Per-search delay, to make an older request answer after a newer one. */
const slow = new Map<string, number>();

// Serves the contract's channel list (search = substring, cursor = offset) and one chat stream.
beforeAll(async () => {
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/api/channels/chan_a/chat') {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (let i = 0; i < 5; i++) {
        res.write(
          `event: message\ndata: ${JSON.stringify({ id: `m${i}`, user: 'u', displayName: 'U', text: `hi ${i}`, at: i, color: null })}\n\n`,
        );
      }
      res.write('event: message\ndata: {"broken":true}\n\n');
      return;
    }
    if (url.pathname !== '/api/channels') return void res.writeHead(404).end('{}');
    queries.push(url.searchParams);
    const search = url.searchParams.get('search') ?? '';
    const filter = url.searchParams.get('filter') ?? 'all';
    if (filter === 'failed')
      return void res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"error":"boom","message":"store down"}');
    const limit = Number(url.searchParams.get('limit') ?? 50);
    const offset = Number(url.searchParams.get('cursor') ?? 0);
    const matching = ALL.filter((c) => c.includes(search));
    const items = matching.slice(offset, offset + limit).map((login) => ({
      login,
      state: 'confirmed',
      workerId: 'w1',
      confirmedSince: 1,
      failure: null,
      authorized: null,
    }));
    const next = offset + limit < matching.length ? String(offset + limit) : null;
    setTimeout(() => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ items, total: matching.length, nextCursor: next }));
    }, slow.get(search) ?? 0);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

async function until(cond: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('createChannelList', () => {
  it('pages forward and back with the server cursor', async () => {
    const list = createChannelList(new ApiClient({ baseUrl: base }), { pageSize: 50, debounceMs: 10 });
    await until(() => get(list).total !== null, 'the first page');
    expect(get(list)).toMatchObject({ total: 120, page: 1, hasNext: true, hasPrevious: false });
    expect(get(list).items[0]?.login).toBe('channel0');
    list.next();
    await until(() => get(list).page === 2 && !get(list).loading, 'page 2');
    list.next();
    await until(() => get(list).page === 3 && !get(list).loading, 'page 3');
    expect(get(list).items.map((c) => c.login)).toEqual(ALL.slice(100));
    expect(get(list).hasNext).toBe(false);
    list.previous();
    await until(() => get(list).page === 2 && !get(list).loading, 'back to page 2');
    expect(get(list).items[0]?.login).toBe('channel50');
    list.dispose();
  });

  it('debounces typing into one request and starts over at page 1', async () => {
    const list = createChannelList(new ApiClient({ baseUrl: base }), { debounceMs: 30 });
    await until(() => get(list).total !== null, 'the first page');
    list.next();
    await until(() => get(list).page === 2 && !get(list).loading, 'page 2');
    queries.length = 0;
    for (const s of ['c', 'ch', 'channel1', 'channel11']) list.setSearch(s);
    await until(
      () => get(list).search === 'channel11' && get(list).total === 11 && !get(list).loading,
      'the search',
    );
    expect(queries.map((q) => q.get('search'))).toEqual(['channel11']);
    expect(queries[0]?.get('cursor')).toBeNull();
    expect(get(list).page).toBe(1);
    expect(get(list).items.map((c) => c.login)).toContain('channel110');
    list.dispose();
  });

  it('keeps the newest answer when an older, slower one arrives later', async () => {
    slow.set('channel2', 300);
    const list = createChannelList(new ApiClient({ baseUrl: base }), { debounceMs: 0 });
    await until(() => get(list).total !== null, 'the first page');
    list.setSearch('channel2');
    await new Promise((r) => setTimeout(r, 20));
    list.setSearch('channel3');
    await until(() => get(list).total === 11 && get(list).search === 'channel3', 'the channel3 result');
    await new Promise((r) => setTimeout(r, 400));
    expect(get(list).items.every((c) => c.login.includes('channel3'))).toBe(true);
    list.dispose();
  });

  it('refreshes the page shown in the background without a loading state', async () => {
    const list = createChannelList(new ApiClient({ baseUrl: base }), { debounceMs: 0 });
    await until(() => get(list).total !== null && !get(list).loading, 'the first page');
    const loadingSeen: boolean[] = [];
    const stop = list.subscribe((s) => loadingSeen.push(s.loading));
    const before = queries.length;
    list.refresh();
    await until(() => queries.length === before + 1, 'the refresh request');
    await new Promise((r) => setTimeout(r, 50));
    stop();
    expect(loadingSeen.every((l) => !l)).toBe(true);
    expect(get(list).items).toHaveLength(50);
    list.dispose();
  });

  it('shows a server error and recovers on the next query', async () => {
    const list = createChannelList(new ApiClient({ baseUrl: base }), { debounceMs: 0 });
    await until(() => get(list).total !== null, 'the first page');
    list.setFilter('failed');
    await until(() => get(list).error !== null, 'the error');
    expect(get(list).error).toBe('store down');
    list.setFilter('confirmed');
    await until(() => get(list).error === null && !get(list).loading, 'recovery');
    expect(queries.at(-1)?.get('filter')).toBe('confirmed');
    list.dispose();
  });
});

describe('channelViewFromQuery', () => {
  it('reads search and filter from the URL, ignoring what is not a filter', () => {
    expect(channelViewFromQuery('?search=chan&filter=failed')).toEqual({ search: 'chan', filter: 'failed' });
    expect(channelViewFromQuery('?filter=nonsense')).toEqual({ search: '', filter: 'all' });
    expect(channelViewFromQuery('')).toEqual({ search: '', filter: 'all' });
  });

  it('starts the list with them', async () => {
    const list = createChannelList(new ApiClient({ baseUrl: base }), {
      initial: channelViewFromQuery('?search=channel11&filter=confirmed'),
    });
    await until(() => get(list).total !== null, 'the first page');
    expect(get(list)).toMatchObject({ search: 'channel11', filter: 'confirmed', total: 11 });
    expect(queries.at(-1)?.get('search')).toBe('channel11');
    list.dispose();
  });
});

describe('createChatTail', () => {
  it('keeps the newest valid chat lines of one channel, bounded', async () => {
    const tail = createChatTail('chan_a', { baseUrl: base, limit: 3 });
    tail.start();
    try {
      await until(() => get(tail.messages).length === 3 && get(tail.messages)[0]?.id === 'm4', 'the tail');
      expect(get(tail.messages).map((m) => m.text)).toEqual(['hi 4', 'hi 3', 'hi 2']);
      expect(get(tail.status).state).toBe('open');
    } finally {
      tail.stop();
    }
  });
});

describe('parseChannelList', () => {
  it('accepts commas, spaces, # and any case; reports what is not a login', () => {
    expect(parseChannelList('#Foo, bar  baz\nfoo;bad-name x'.padEnd(5))).toEqual({
      channels: ['foo', 'bar', 'baz', 'x'],
      invalid: ['bad-name'],
    });
    expect(parseChannelList('   ')).toEqual({ channels: [], invalid: [] });
    expect(parseChannelList('a'.repeat(26)).invalid).toHaveLength(1);
  });
});

describe('poll', () => {
  it('never overlaps runs, keeps going after a failure and stops for good', async () => {
    let running = 0;
    let overlapped = false;
    let runs = 0;
    const errors: unknown[] = [];
    const poller = poll(
      async () => {
        running++;
        if (running > 1) overlapped = true;
        runs++;
        await new Promise((r) => setTimeout(r, 15));
        running--;
        if (runs === 2) throw new Error('down');
      },
      5,
      (e) => errors.push(e),
    );
    poller.refresh();
    poller.refresh();
    await until(() => runs >= 4, 'four runs');
    poller.stop();
    const at = runs;
    await new Promise((r) => setTimeout(r, 60));
    expect(overlapped).toBe(false);
    expect(errors).toHaveLength(1);
    expect(runs).toBeLessThanOrEqual(at + 1);
  });
});
