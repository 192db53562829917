import { type Readable, writable } from 'svelte/store';
import { ApiError } from './api-error.js';
import type { ApiClient } from './api.js';
import { CursorPager } from './cursor-pager.js';
import { debounce } from './debounce.js';
import { CHANNEL_FILTERS, type ChannelFilter, type ChannelItem } from './types.js';

export interface ChannelListState {
  search: string;
  filter: ChannelFilter;
  items: ChannelItem[];
  total: number | null;
  page: number;
  hasNext: boolean;
  hasPrevious: boolean;
  loading: boolean;
  error: string | null;
}

export interface ChannelList extends Readable<ChannelListState> {
  /** Typing in the search box: debounced, then back to page 1. */
  setSearch(search: string): void;
  setFilter(filter: ChannelFilter): void;
  next(): void;
  previous(): void;
  /** Reloads the page shown (after a join or part). */
  reload(): void;
  /** Reloads the page shown without a loading state (the periodic refresh). */
  refresh(): void;
  dispose(): void;
}

export interface ChannelListOptions {
  pageSize?: number;
  debounceMs?: number;
  /** Search and filter to start with (from the page's URL). */
  initial?: { search?: string; filter?: ChannelFilter };
}

/** The channels screen's search and filter from a URL query (`?search=…&filter=…`); bad values ignored. */
export function channelViewFromQuery(query: string): { search: string; filter: ChannelFilter } {
  const params = new URLSearchParams(query);
  const filter = params.get('filter');
  return {
    search: (params.get('search') ?? '').slice(0, 100),
    filter: CHANNEL_FILTERS.includes(filter as ChannelFilter) ? (filter as ChannelFilter) : 'all',
  };
}

/**
 * The channels screen's list: every query goes to the server (search, filter, cursor), so it
 * scales with the cluster, not with the browser. Answers that arrive after a newer request was
 * sent are dropped, so a slow search for "a" never overwrites the result for "abc".
 */
export function createChannelList(api: ApiClient, options: ChannelListOptions = {}): ChannelList {
  const pageSize = options.pageSize ?? 50;
  const pager = new CursorPager();
  let state: ChannelListState = {
    search: options.initial?.search ?? '',
    filter: options.initial?.filter ?? 'all',
    items: [],
    total: null,
    page: 1,
    hasNext: false,
    hasPrevious: false,
    loading: false,
    error: null,
  };
  const store = writable(state);
  const set = (patch: Partial<ChannelListState>) => {
    state = { ...state, ...patch };
    store.set(state);
  };
  let sequence = 0;

  async function load(silent = false): Promise<void> {
    const mine = ++sequence;
    if (!silent) set({ loading: true });
    try {
      const page = await api.channels({
        search: state.search,
        filter: state.filter,
        cursor: pager.current,
        limit: pageSize,
      });
      if (mine !== sequence) return;
      pager.loaded(page.nextCursor);
      set({
        items: page.items,
        total: page.total,
        page: pager.page,
        hasNext: pager.hasNext,
        hasPrevious: pager.hasPrevious,
        loading: false,
        error: null,
      });
    } catch (err) {
      if (mine !== sequence) return;
      set({ loading: false, error: err instanceof ApiError ? err.describe() : String(err) });
    }
  }

  const searchLater = debounce(() => {
    pager.reset();
    void load();
  }, options.debounceMs ?? 250);

  void load();
  return {
    subscribe: store.subscribe,
    setSearch(search) {
      if (search === state.search) return;
      set({ search });
      searchLater();
    },
    setFilter(filter) {
      if (filter === state.filter) return;
      searchLater.cancel();
      set({ filter });
      pager.reset();
      void load();
    },
    next() {
      if (pager.forward() === null) return;
      void load();
    },
    previous() {
      if (pager.back() === undefined) return;
      void load();
    },
    reload: () => void load(),
    refresh() {
      if (!state.loading) void load(true);
    },
    dispose() {
      searchLater.cancel();
      sequence++;
    },
  };
}
