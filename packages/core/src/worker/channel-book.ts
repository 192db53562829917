import type { JoinFailureReason, WorkerReport } from '../protocol/reports.js';
import type { PoolContext } from './context.js';
import { joinLine } from './join-batch.js';
import { joinFailureOf, userstateRole } from './line-facts.js';
import type { ChannelEntry, PoolConnection } from './pool-connection.js';

/** What the book needs from the identity that owns it. */
export interface ChannelBookHooks {
  readonly connections: readonly PoolConnection[];
  /** A new waiting connection, for placement when all are full. */
  newConnection(): PoolConnection;
  /** A channel settled (confirmed, failed, left): draining connections may be done. */
  settled(): void;
  /** Queued JOINs may be sendable. */
  kick(): void;
}

/**
 * The channel side of one identity (STYLE.md #5): which connection wants each channel, placement
 * (twitch-irc-rs: the connection that already wants it, else the first under the cap, else a new
 * one), and each channel's way from queued to confirmed or failed, read from the server's lines:
 * our JOIN echo or ROOMSTATE confirms, a failure NOTICE or `joinRetries` timeouts fail, a PART we
 * did not ask for is a ban. It reports every outcome.
 */
export class ChannelBook {
  /** Which connection wants each channel; a channel is wanted on at most one. */
  readonly #where = new Map<string, PoolConnection>();
  /** Our role per channel where USERSTATE says we are broadcaster/moderator/VIP. */
  readonly #roles = new Map<string, { exempt: boolean }>();

  constructor(
    private readonly ctx: PoolContext,
    private readonly login: () => string,
    private readonly hooks: ChannelBookHooks,
  ) {}

  /** The entry of a wanted channel, wherever it is. */
  entry(channel: string): ChannelEntry | undefined {
    return this.#where.get(channel)?.entries.get(channel);
  }

  connectionOf(channel: string): PoolConnection | undefined {
    return this.#where.get(channel);
  }

  /** Wants `channel`; a channel already wanted is re-reported as joined once confirmed. */
  join(channel: string, prepaid: boolean): void {
    const at = this.#where.get(channel);
    if (at !== undefined) {
      if (at.entries.get(channel)?.status === 'confirmed')
        this.#joinedReport(at, channel, this.ctx.clock.now());
      return;
    }
    this.place({ channel, status: 'queued', attempts: 0, prepaid, notBefore: 0, gapFrom: null });
  }

  /** Stops wanting `channel` and leaves it; false when this identity did not want it. */
  part(channel: string): boolean {
    const now = this.ctx.clock.now();
    const conn = this.#where.get(channel);
    if (conn !== undefined) {
      const entry = conn.removeEntry(channel, now)!;
      this.#where.delete(channel);
      // Once a JOIN went out the server may put us in: leave explicitly and report on the echo.
      if (conn.state === 'open' && (entry.attempts > 0 || conn.inside.has(channel))) {
        conn.parting.add(channel);
        conn.irc?.send(`PART #${channel}`);
      } else {
        this.report({ type: 'parted', channel, reason: 'requested', at: now });
      }
    }
    // A draining connection still inside leaves too, silently: the channel is no longer ours.
    for (const other of this.hooks.connections) {
      if (other !== conn && other.state === 'draining' && other.inside.has(channel)) {
        other.irc?.send(`PART #${channel}`);
      }
    }
    this.hooks.settled();
    return conn !== undefined;
  }

  /** Puts an entry on the first connection with room, or on a new one. */
  place(entry: ChannelEntry): void {
    const max = this.ctx.options.maxChannels;
    const conn =
      this.hooks.connections.find(
        (c) =>
          (c.state === 'waiting' || c.state === 'connecting' || c.state === 'open') && c.entries.size < max,
      ) ?? this.hooks.newConnection();
    this.#put(conn, entry);
  }

  /**
   * Moves every wanted channel of `from` to `to` (RECONNECT hand-over): JOINed again there, paid
   * from the budget unless the coordinator's prepaid attempt was never used.
   */
  moveAll(from: PoolConnection, to: PoolConnection): void {
    for (const entry of [...from.entries.values()]) {
      // Add before removing, so the de-dup filter sees two receivers throughout the hand-over.
      this.#put(to, again(entry));
      from.removeEntry(entry.channel, this.ctx.clock.now());
    }
  }

  /**
   * A connection is gone: its wanted channels are placed again, and each channel it was inside
   * that is not confirmed elsewhere yet gets `gapFrom` = `lostAt`, reported once confirmed again.
   */
  rehome(entries: ChannelEntry[], inside: string[], lostAt: number): void {
    for (const entry of entries) {
      this.#where.delete(entry.channel);
      if (!this.ctx.closed) this.place(again(entry));
    }
    for (const channel of inside) {
      const entry = this.entry(channel);
      if (entry !== undefined && entry.status !== 'confirmed') entry.gapFrom ??= lostAt;
    }
  }

  clear(): void {
    this.#where.clear();
  }

  // ---- JOIN lines and their answers ----------------------------------------------------

  /** Sends `JOIN #a,#b` for `entries` and arms their answer timeout; false if the socket refused. */
  sendJoin(conn: PoolConnection, entries: ChannelEntry[]): boolean {
    if (conn.irc === null || !conn.irc.send(joinLine(entries.map((e) => e.channel)))) return false;
    for (const entry of entries) {
      entry.status = 'sent';
      entry.attempts++;
    }
    const timer = this.ctx.clock.setTimeout(() => {
      conn.timers.delete(timer);
      this.#timedOut(conn, entries);
    }, this.ctx.options.joinTimeoutMs);
    conn.timers.add(timer);
    return true;
  }

  /** Our JOIN echo, or the ROOMSTATE ending a join block (`onlyPending`: it confirms only a pending JOIN). */
  joined(conn: PoolConnection, channel: string, at: number, onlyPending: boolean): void {
    const entry = conn.entries.get(channel);
    if (onlyPending && (entry === undefined || entry.status === 'confirmed')) return;
    conn.addInside(channel);
    if (entry === undefined) {
      // Nobody wants it here (a stray echo): leave, unless a PART is already on its way.
      if (conn.state === 'open' && !conn.parting.has(channel)) conn.irc?.send(`PART #${channel}`);
      return;
    }
    if (entry.status === 'confirmed') return;
    entry.status = 'confirmed';
    this.#joinedReport(conn, channel, at);
    if (entry.gapFrom !== null) {
      this.report({ type: 'gap', connectionId: conn.id, channel, from: entry.gapFrom, to: at });
      entry.gapFrom = null;
    }
    this.hooks.settled();
  }

  /** Our own PART: the echo of ours, or a ban. */
  parted(conn: PoolConnection, channel: string, at: number): void {
    conn.removeInside(channel, at);
    if (conn.parting.delete(channel)) {
      this.report({ type: 'parted', channel, reason: 'requested', at });
    } else if (conn.entries.has(channel)) {
      // A PART we did not ask for: Twitch removes a user banned while inside.
      this.#drop(conn, channel);
      this.report({ type: 'parted', channel, reason: 'banned', at });
    }
    this.hooks.settled();
  }

  /** A channel NOTICE: fails a pending JOIN when its msg-id says the JOIN was refused. */
  notice(conn: PoolConnection, channel: string, line: string, at: number): void {
    const entry = conn.entries.get(channel);
    // msg_banned also answers a PRIVMSG in a joined channel: only a pending JOIN can fail.
    if (entry === undefined || entry.status === 'confirmed') return;
    const reason = joinFailureOf(line);
    if (reason === null) return;
    this.#fail(conn, channel, reason, at);
  }

  /** A USERSTATE: reports when our privileged status in the channel changes. */
  userstate(channel: string, line: string): void {
    const { privileged, exempt } = userstateRole(line);
    const before = this.#roles.get(channel);
    if (privileged === (before !== undefined) && exempt === (before?.exempt ?? false)) return;
    if (privileged) this.#roles.set(channel, { exempt });
    else this.#roles.delete(channel);
    this.report({ type: 'privileged', identity: this.login(), channel, privileged, exempt });
  }

  #timedOut(conn: PoolConnection, entries: ChannelEntry[]): void {
    const { joinRetries, joinRetryDelayMs } = this.ctx.options;
    const now = this.ctx.clock.now();
    for (const entry of entries) {
      if (conn.entries.get(entry.channel) !== entry || entry.status !== 'sent') continue;
      if (entry.attempts > joinRetries) {
        // Twitch says nothing for a channel that does not exist.
        this.#fail(conn, entry.channel, 'no_answer', now);
        continue;
      }
      entry.status = 'queued';
      entry.prepaid = false;
      entry.notBefore = now + joinRetryDelayMs * 2 ** (entry.attempts - 1);
    }
    this.hooks.kick();
  }

  #fail(conn: PoolConnection, channel: string, reason: JoinFailureReason, at: number): void {
    this.#drop(conn, channel);
    this.report({ type: 'join-failed', channel, reason, at });
    this.hooks.settled();
  }

  #put(conn: PoolConnection, entry: ChannelEntry): void {
    conn.addEntry(entry);
    this.#where.set(entry.channel, conn);
    if (conn.state === 'open') this.hooks.kick();
  }

  #drop(conn: PoolConnection, channel: string): void {
    conn.removeEntry(channel, this.ctx.clock.now());
    if (this.#where.get(channel) === conn) this.#where.delete(channel);
  }

  #joinedReport(conn: PoolConnection, channel: string, at: number): void {
    this.report({ type: 'joined', connectionId: conn.id, channel, at });
  }

  /** Adds the worker id and the identity, the fields every report shares. */
  report(report: ReportBody): void {
    this.ctx.report({
      identity: this.login(),
      ...report,
      workerId: this.ctx.options.workerId,
    } as WorkerReport);
  }
}

/** A report as built here; {@link ChannelBook.report} adds the worker id. */
type ReportBody = WorkerReport extends infer R
  ? R extends WorkerReport
    ? Omit<R, 'workerId'>
    : never
  : never;

/** A fresh queued copy of an entry for another connection. */
function again(entry: ChannelEntry): ChannelEntry {
  return {
    channel: entry.channel,
    status: 'queued',
    attempts: 0,
    // The coordinator paid for one attempt; a JOIN that went out used it.
    prepaid: entry.prepaid && entry.attempts === 0,
    notBefore: 0,
    gapFrom: entry.gapFrom,
  };
}
