import type { OutLine } from './out-line.js';

/** Lines per command; a null-prototype object so any verb is a safe key. */
export type CommandCounts = Record<string, number>;

/** What the server wrote to one connection (duplicates from faults included). */
export interface ConnectionRecord {
  readonly connectionId: string;
  lines: number;
  readonly byCommand: CommandCounts;
}

/** What the server emitted to one channel: one count per fanned-out line, however many received it. */
export interface ChannelRecord {
  readonly channel: string;
  lines: number;
  readonly byCommand: CommandCounts;
  /** `id` tags of emitted lines in emission order (only when lines are recorded). */
  readonly messageIds: string[];
}

/** One line as written to a connection (kept only with `recordLines`). */
export interface LineLogEntry {
  /** Global write order. */
  readonly seq: number;
  readonly connectionId: string;
  readonly channel: string | null;
  readonly command: string;
  readonly line: string;
  readonly ts: number;
}

function counts(): CommandCounts {
  return Object.create(null) as CommandCounts;
}

/**
 * Records of closed connections kept for {@link GroundTruth.connectionCounts}, newest last. Older
 * ones are dropped (their lines still count in {@link GroundTruth.totals}), so a long run with
 * reconnect churn does not keep one record per connection it ever had.
 */
const CLOSED_RECORDS_KEPT = 1000;

/**
 * The server's own account of what it sent, so tests can prove a client (or a whole cluster) lost
 * nothing and duplicated nothing end to end. Counters are always on and cost two increments per
 * line; the full log is opt-in. A line a fault duplicates counts twice for the connection that got
 * it but once for its channel, because the channel record counts emissions, not deliveries.
 */
export class GroundTruth {
  /** Open connections. */
  readonly #connections = new Map<string, ConnectionRecord>();
  /** The last {@link CLOSED_RECORDS_KEPT} closed connections, oldest first. */
  readonly #closed = new Map<string, ConnectionRecord>();
  /** What every closed connection got since the last reset, kept or not. */
  #closedTotals = { lines: 0, byCommand: counts() };
  readonly #channels = new Map<string, ChannelRecord>();
  #log: LineLogEntry[] = [];
  #seq = 0;

  constructor(
    readonly recordLines: boolean,
    private readonly clock: () => number,
  ) {}

  /** The (new or existing) record of a connection; sessions keep it to count without a lookup. */
  connection(connectionId: string): ConnectionRecord {
    let rec = this.#connections.get(connectionId);
    if (!rec) {
      rec = { connectionId, lines: 0, byCommand: counts() };
      this.#connections.set(connectionId, rec);
    }
    return rec;
  }

  /**
   * The connection closed: its record stops counting (its outbox is closed) and moves to the
   * bounded list of closed records; its counts are added to the closed connections' totals.
   */
  closed(connectionId: string): void {
    const rec = this.#connections.get(connectionId);
    if (!rec) return;
    this.#connections.delete(connectionId);
    const totals = this.#closedTotals;
    totals.lines += rec.lines;
    for (const [cmd, n] of Object.entries(rec.byCommand))
      totals.byCommand[cmd] = (totals.byCommand[cmd] ?? 0) + n;
    this.#closed.set(connectionId, rec);
    if (this.#closed.size > CLOSED_RECORDS_KEPT) {
      const oldest = this.#closed.keys().next().value;
      if (oldest !== undefined) this.#closed.delete(oldest);
    }
  }

  /** The (new or existing) record of a channel; channels cache it to count without a lookup. */
  channelRecord(channel: string): ChannelRecord {
    return this.#channel(channel);
  }

  #channel(channel: string): ChannelRecord {
    let rec = this.#channels.get(channel);
    if (!rec) {
      rec = { channel, lines: 0, byCommand: counts(), messageIds: [] };
      this.#channels.set(channel, rec);
    }
    return rec;
  }

  /** A line was fanned out to a channel (called once, before delivery to its members). */
  emitted(channel: string, out: OutLine): void {
    this.emittedTo(this.#channel(channel), out);
  }

  emittedTo(rec: ChannelRecord, out: OutLine): void {
    rec.lines++;
    rec.byCommand[out.command] = (rec.byCommand[out.command] ?? 0) + 1;
    if (this.recordLines && out.id !== null) rec.messageIds.push(out.id);
  }

  /** A line was handed to a connection's transport. */
  delivered(rec: ConnectionRecord, line: string, out: OutLine): void {
    rec.lines++;
    rec.byCommand[out.command] = (rec.byCommand[out.command] ?? 0) + 1;
    if (this.recordLines) {
      this.#log.push({
        seq: this.#seq++,
        connectionId: rec.connectionId,
        channel: out.channel,
        command: out.command,
        line,
        ts: this.clock(),
      });
    }
  }

  /**
   * Counters of one connection, open or among the last {@link CLOSED_RECORDS_KEPT} closed (zeros
   * for an unknown id, or one closed longer ago).
   */
  connectionCounts(connectionId: string): { lines: number; byCommand: CommandCounts } {
    const rec = this.#connections.get(connectionId) ?? this.#closed.get(connectionId);
    return { lines: rec?.lines ?? 0, byCommand: { ...rec?.byCommand } };
  }

  /** Counters and (with `recordLines`) message ids of one channel. */
  channelCounts(channel: string): { lines: number; byCommand: CommandCounts; messageIds: string[] } {
    const rec = this.#channels.get(stripHash(channel));
    return {
      lines: rec?.lines ?? 0,
      byCommand: { ...rec?.byCommand },
      messageIds: [...(rec?.messageIds ?? [])],
    };
  }

  /** Every message id emitted to a channel, in order (needs `recordLines`). */
  messageIds(channel: string): string[] {
    return [...(this.#channels.get(stripHash(channel))?.messageIds ?? [])];
  }

  /** Every line written to a connection, in order (needs `recordLines`). */
  linesTo(connectionId: string): string[] {
    const out: string[] = [];
    for (const e of this.#log) if (e.connectionId === connectionId) out.push(e.line);
    return out;
  }

  /** The full log, optionally filtered (needs `recordLines`). */
  log(filter?: { connectionId?: string; channel?: string; command?: string }): LineLogEntry[] {
    if (!filter) return [...this.#log];
    const channel = filter.channel === undefined ? undefined : stripHash(filter.channel);
    return this.#log.filter(
      (e) =>
        (filter.connectionId === undefined || e.connectionId === filter.connectionId) &&
        (channel === undefined || e.channel === channel) &&
        (filter.command === undefined || e.command === filter.command),
    );
  }

  /** Lines per command over every connection, open or closed, since the last reset. */
  totals(): { lines: number; byCommand: CommandCounts } {
    let lines = this.#closedTotals.lines;
    const byCommand: CommandCounts = { ...this.#closedTotals.byCommand };
    for (const rec of this.#connections.values()) {
      lines += rec.lines;
      for (const [cmd, n] of Object.entries(rec.byCommand)) byCommand[cmd] = (byCommand[cmd] ?? 0) + n;
    }
    return { lines, byCommand };
  }

  /** Clears counters and the log; records of open connections restart from zero, closed ones go. */
  reset(): void {
    for (const rec of this.#connections.values()) {
      rec.lines = 0;
      for (const key of Object.keys(rec.byCommand)) delete rec.byCommand[key];
    }
    this.#closed.clear();
    this.#closedTotals = { lines: 0, byCommand: counts() };
    // Records are reset in place: channels keep a reference to theirs.
    for (const rec of this.#channels.values()) {
      rec.lines = 0;
      rec.messageIds.length = 0;
      for (const key of Object.keys(rec.byCommand)) delete rec.byCommand[key];
    }
    this.#log = [];
    this.#seq = 0;
  }
}

function stripHash(channel: string): string {
  return channel.startsWith('#') ? channel.slice(1) : channel;
}
