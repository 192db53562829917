import type {
  ChannelEventQuery,
  ChannelEventRecord,
  ChannelQuery,
  ChannelRecord,
  ChannelStore,
} from '../ports/channel-store.js';

/**
 * A ChannelStore in a Map: for tests and for an embedded cluster that wants the Database
 * manager's behaviour without a file. Nothing survives the process. The event log keeps the
 * newest `maxEvents` (default 10,000).
 */
export class MemoryChannelStore implements ChannelStore {
  readonly #rows = new Map<string, ChannelRecord>();
  readonly #events: ChannelEventRecord[] = [];
  readonly #maxEvents: number;

  constructor(options: { maxEvents?: number } = {}) {
    this.#maxEvents = options.maxEvents ?? 10_000;
  }

  async authorize(channels: readonly string[], at: number, options: { reconnect?: boolean } = {}) {
    for (const login of channels) {
      const row = this.#upsert(login, at);
      row.revoked = false;
      row.authorizedAt = at;
      if (options.reconnect !== undefined) row.reconnect = options.reconnect;
    }
  }

  async revoke(channels: readonly string[], at: number): Promise<void> {
    for (const login of channels) this.#upsert(login, at).revoked = true;
  }

  async acknowledge(channels: readonly string[], at: number): Promise<void> {
    for (const login of channels) {
      const row = this.#rows.get(login);
      if (row === undefined) continue;
      row.acknowledgedAt = at;
      row.updatedAt = at;
    }
  }

  async authorized(channels: readonly string[]): Promise<Set<string>> {
    return new Set(channels.filter((c) => this.#rows.get(c)?.revoked === false));
  }

  async stale(channels: readonly string[], before: number): Promise<Set<string>> {
    return new Set(channels.filter((c) => isStale(this.#rows.get(c), before)));
  }

  async reconnectable(): Promise<string[]> {
    return [...this.#rows.values()]
      .filter((r) => r.reconnect && !r.revoked)
      .map((r) => r.login)
      .sort();
  }

  async list(query: ChannelQuery = {}): Promise<ChannelRecord[]> {
    const offset = query.offset ?? 0;
    return [...this.#rows.values()]
      .filter(
        (r) =>
          (query.revoked === undefined || r.revoked === query.revoked) &&
          (query.staleBefore === undefined || isStale(r, query.staleBefore)) &&
          (query.search === undefined || r.login.includes(query.search.toLowerCase())),
      )
      .sort((a, b) => (a.login < b.login ? -1 : 1))
      .slice(offset, offset + (query.limit ?? 1_000))
      .map((r) => ({ ...r, options: { ...r.options } }));
  }

  async record(events: readonly ChannelEventRecord[]): Promise<void> {
    this.#events.push(...events.map((e) => ({ ...e })));
    if (this.#events.length > this.#maxEvents) this.#events.splice(0, this.#events.length - this.#maxEvents);
  }

  async events(query: ChannelEventQuery = {}): Promise<ChannelEventRecord[]> {
    const out: ChannelEventRecord[] = [];
    const limit = query.limit ?? 100;
    // Newest first; equal times keep reverse insertion order, as an id column does in SQL.
    const sorted = this.#events.map((e, i) => ({ e, i })).sort((a, b) => b.e.at - a.e.at || b.i - a.i);
    for (const { e } of sorted) {
      if (out.length >= limit) break;
      if (query.channel === undefined || e.channel === query.channel) out.push({ ...e });
    }
    return out;
  }

  #upsert(login: string, at: number): ChannelRecord {
    let row = this.#rows.get(login);
    if (row === undefined) {
      row = {
        login,
        roomId: null,
        revoked: false,
        reconnect: false,
        acknowledgedAt: null,
        authorizedAt: null,
        options: {},
        createdAt: at,
        updatedAt: at,
      };
      this.#rows.set(login, row);
    }
    row.updatedAt = at;
    return row;
  }
}

function isStale(row: ChannelRecord | undefined, before: number): boolean {
  if (row === undefined) return false;
  return row.revoked || (row.acknowledgedAt !== null && row.acknowledgedAt < before);
}
