import type { ChannelFilter, ChannelItem, ChannelPage, ChannelState } from './types.js';

/** What the index keeps per channel: the list item plus what the filters need. */
export interface IndexedChannel extends ChannelItem {
  /** The channel manager calls it stale (revoked, or not asked for within its stale period). */
  stale: boolean;
  /** When the current state began (epoch ms): for "pending too long". */
  stateSince: number;
}

export interface IndexQuery {
  search: string;
  filter: ChannelFilter;
  /** The last login of the previous page, or null for the first page. */
  after: string | null;
  limit: number;
}

/**
 * Every channel the cluster wants, kept sorted by login so a page is a binary search plus a scan,
 * never a sort per request. Changes are applied incrementally: updates in place, new logins
 * merged in (sorted among themselves only), removals compacted in one pass. With 250,000
 * channels a filtered, searched page with its total is one linear scan of plain strings
 * (measured in test/channel-index.test.ts).
 */
export class ChannelIndex {
  /** Sorted by login; replaced entries are swapped in place (found by binary search). */
  #entries: IndexedChannel[] = [];
  readonly #byLogin = new Map<string, IndexedChannel>();
  readonly #stateCounts: Record<ChannelState, number> = { confirmed: 0, pending: 0, failed: 0, parted: 0 };
  /** Every login joined by `\n`, for substring search with native indexOf; rebuilt on membership change. */
  #haystack: { text: string; offsets: Int32Array } | null = null;

  get size(): number {
    return this.#entries.length;
  }

  get(login: string): IndexedChannel | undefined {
    return this.#byLogin.get(login);
  }

  /** Every login, sorted. */
  logins(): string[] {
    return this.#entries.map((e) => e.login);
  }

  /** Inserts or replaces channels and removes others, in one step. */
  apply(upserts: readonly IndexedChannel[], removals: Iterable<string> = []): void {
    const removed = new Set<string>();
    for (const login of removals) {
      const old = this.#byLogin.get(login);
      if (old === undefined) continue;
      this.#stateCounts[old.state]--;
      this.#byLogin.delete(login);
      removed.add(login);
    }
    const added: IndexedChannel[] = [];
    for (const entry of upserts) {
      const old = this.#byLogin.get(entry.login);
      if (old !== undefined) {
        this.#stateCounts[old.state]--;
        this.#entries[lowerBound(this.#entries, entry.login)] = entry;
      } else if (removed.delete(entry.login)) {
        // Removed and re-added in one step: it keeps its place.
        this.#entries[lowerBound(this.#entries, entry.login)] = entry;
      } else added.push(entry);
      this.#stateCounts[entry.state]++;
      this.#byLogin.set(entry.login, entry);
    }
    if (removed.size > 0) this.#entries = this.#entries.filter((e) => !removed.has(e.login));
    if (added.length > 0) this.#entries = merge(this.#entries, added.sort(compare));
    if (removed.size > 0 || added.length > 0) this.#haystack = null;
  }

  /** Counts per state without a scan. */
  stateCounts(): Readonly<Record<ChannelState, number>> {
    return this.#stateCounts;
  }

  /** One page of matches after `after`, and how many match in all. */
  query(q: IndexQuery): ChannelPage {
    const entries = this.#entries;
    const start = q.after === null ? 0 : upperBound(entries, q.after);
    const search = q.search.trim().replace(/^#/, '').toLowerCase();
    const items: ChannelItem[] = [];
    if (search === '' && q.filter === 'all') {
      for (let i = start; i < entries.length && items.length < q.limit; i++) items.push(toItem(entries[i]!));
      const more = start + items.length < entries.length;
      return { items, total: entries.length, nextCursor: more ? (items.at(-1)?.login ?? null) : null };
    }
    const matches = matcher(q.filter);
    let total = 0;
    let more = false;
    const visit = (i: number) => {
      const entry = entries[i]!;
      if (!matches(entry)) return;
      total++;
      if (i < start) return;
      if (items.length < q.limit) items.push(toItem(entry));
      else more = true;
    };
    if (search === '') for (let i = 0; i < entries.length; i++) visit(i);
    else this.#searchIndices(search, visit);
    return { items, total, nextCursor: more ? (items.at(-1)?.login ?? null) : null };
  }

  /** Calls `visit` with the position of every login containing `search`, in order. */
  #searchIndices(search: string, visit: (i: number) => void): void {
    if (search.includes('\n')) return;
    const { text, offsets } = this.#hay();
    let pos = text.indexOf(search);
    while (pos >= 0) {
      const i = lastAtOrBefore(offsets, pos);
      const end = i + 1 < offsets.length ? offsets[i + 1]! - 1 : text.length;
      if (pos + search.length <= end) {
        visit(i);
        pos = text.indexOf(search, end + 1);
      } else pos = text.indexOf(search, pos + 1);
    }
  }

  #hay(): { text: string; offsets: Int32Array } {
    if (this.#haystack !== null) return this.#haystack;
    const offsets = new Int32Array(this.#entries.length);
    let at = 0;
    for (const [i, e] of this.#entries.entries()) {
      offsets[i] = at;
      at += e.login.length + 1;
    }
    this.#haystack = { text: this.#entries.map((e) => e.login).join('\n'), offsets };
    return this.#haystack;
  }

  /** Channels whose state is `pending` since before `before`. */
  pendingSince(before: number): number {
    if (this.#stateCounts.pending === 0) return 0;
    let n = 0;
    for (const entry of this.#entries) if (entry.state === 'pending' && entry.stateSince < before) n++;
    return n;
  }
}

function toItem(e: IndexedChannel): ChannelItem {
  return {
    login: e.login,
    state: e.state,
    workerId: e.workerId,
    confirmedSince: e.confirmedSince,
    failure: e.failure,
    authorized: e.authorized,
  };
}

function matcher(filter: ChannelFilter): (e: IndexedChannel) => boolean {
  switch (filter) {
    case 'all':
      return () => true;
    case 'confirmed':
    case 'pending':
    case 'failed':
      return (e) => e.state === filter;
    case 'authorized':
      return (e) => e.authorized === true;
    case 'revoked':
      return (e) => e.authorized === false;
    case 'stale':
      return (e) => e.stale;
  }
}

function compare(a: IndexedChannel, b: IndexedChannel): number {
  return a.login < b.login ? -1 : a.login > b.login ? 1 : 0;
}

/** First index whose login sorts after `login`. */
function upperBound(sorted: readonly IndexedChannel[], login: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.login <= login) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the last offset ≤ `pos`. */
function lastAtOrBefore(offsets: Int32Array, pos: number): number {
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[mid]! <= pos) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}

/** First index whose login is not before `login`. */
function lowerBound(sorted: readonly IndexedChannel[], login: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]!.login < login) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function merge(a: readonly IndexedChannel[], b: readonly IndexedChannel[]): IndexedChannel[] {
  const out = new Array<IndexedChannel>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = a[i]!.login <= b[j]!.login ? a[i++]! : b[j++]!;
  while (i < a.length) out[k++] = a[i++]!;
  while (j < b.length) out[k++] = b[j++]!;
  return out;
}
