import { TmiClusterError } from '../errors/index.js';
import { LimitKeys } from '../protocol/streams.js';
import { backoffDelay } from './backoff.js';
import { ChannelBook } from './channel-book.js';
import type { LineEffects, PoolContext } from './context.js';
import { type Identity, identityLimits } from './identity.js';
import { JoinPump } from './join-pump.js';
import { applyServerLine } from './server-lines.js';
import { ConnectionOpener } from './opener.js';
import { PoolConnection } from './pool-connection.js';
import type { PoolConnectionStatus } from './types.js';

/** Sent as our keepalive; Twitch answers `:tmi.twitch.tv PONG tmi.twitch.tv :tmi-cluster`. */
const PING_LINE = 'PING :tmi-cluster';

/**
 * The connections of one identity: opening them at the AUTH pace, keeping them alive with our own
 * PING, replacing one that died (back-off, re-join through the {@link ChannelBook}, gap reports)
 * and handing a connection over on Twitch's RECONNECT without losing a line (make-before-break:
 * the replacement joins every channel, and only when it confirmed them all is the old one closed).
 */
export class IdentityPool {
  readonly connections: PoolConnection[] = [];
  readonly #book: ChannelBook;
  readonly #pump: JoinPump;
  readonly #opener: ConnectionOpener;
  /** Consecutive connection failures, for the back-off. */
  #failures = 0;
  readonly #effects: LineEffects = (conn, line, info, receivedAt) =>
    applyServerLine(this.#book, conn, line, info, receivedAt, (c) => this.#reconnect(c));

  constructor(
    private readonly ctx: PoolContext,
    private identity: Identity,
  ) {
    const limits = identityLimits(identity);
    this.#book = new ChannelBook(ctx, () => this.identity.login, {
      connections: this.connections,
      newConnection: () => this.#newConnection(false),
      settled: () => this.#checkDrains(),
      kick: () => this.#pump.kick(),
    });
    this.#pump = new JoinPump(
      ctx,
      { connections: this.connections, sendJoin: (conn, entries) => this.#book.sendJoin(conn, entries) },
      LimitKeys.join(identity.login),
      limits.join,
    );
    this.#opener = new ConnectionOpener(
      ctx,
      {
        shouldOpen: (conn) => conn.state === 'waiting' && worthOpening(conn),
        discard: (conn) => this.#gone(conn, false),
        open: (conn) => this.#open(conn),
      },
      LimitKeys.auth(identity.login),
      limits.auth,
    );
  }

  get login(): string {
    return this.identity.login;
  }

  /** A new token (refresh) is used from the next connection on; open ones keep theirs. */
  update(identity: Identity): void {
    this.identity = identity;
  }

  join(channel: string, prepaid: boolean): void {
    this.#book.join(channel, prepaid);
  }

  /** Stops wanting `channel`; false when this identity did not want it. */
  part(channel: string): boolean {
    return this.#book.part(channel);
  }

  /**
   * An open connection to send on: the one that wants `channel`, else one inside it, else any;
   * when none is open, waits for one (opening an empty connection if needed).
   */
  async connectionFor(channel: string): Promise<PoolConnection> {
    const wanted = this.#book.connectionOf(channel);
    if (wanted?.state === 'open') return wanted;
    const ready =
      this.connections.find((c) => (c.state === 'open' || c.state === 'draining') && c.inside.has(channel)) ??
      this.connections.find((c) => c.state === 'open');
    if (ready !== undefined) return ready;
    const waiting =
      this.connections.find((c) => c.state === 'waiting' || c.state === 'connecting') ??
      this.#newConnection(false);
    // Kept open even if its channels are parted meanwhile: the caller is about to send on it.
    waiting.keepOpen = true;
    await new Promise<void>((resolve, reject) => waiting.openWaiters.push({ resolve, reject }));
    return waiting;
  }

  status(): PoolConnectionStatus[] {
    return this.connections.map((c) => c.status());
  }

  /** Closes every connection; no reports. */
  async close(): Promise<void> {
    this.#pump.stop();
    this.#opener.stop();
    const closing: Promise<void>[] = [];
    const now = this.ctx.clock.now();
    for (const conn of this.connections.splice(0)) {
      conn.state = 'closed';
      for (const waiter of conn.openWaiters.splice(0)) {
        waiter.reject(new TmiClusterError('TMI_ERR_CLOSED', 'the connection pool was closed'));
      }
      conn.clear(now);
      if (conn.irc !== null) closing.push(conn.irc.close().catch(() => {}));
    }
    this.#book.clear();
    await Promise.all(closing);
  }

  // ---- connection lifecycle ---------------------------------------------------------------

  /** A new waiting connection; a RECONNECT replacement sits next to the one it replaces and opens first. */
  #newConnection(replacing: PoolConnection | false): PoolConnection {
    const conn = new PoolConnection(
      this.ctx.nextConnectionId(),
      this.identity.login,
      this.ctx.options.workerId,
      this.ctx.dedup,
    );
    if (replacing) this.connections.splice(this.connections.indexOf(replacing) + 1, 0, conn);
    else this.connections.push(conn);
    this.#opener.enqueue(conn, replacing !== false);
    return conn;
  }

  async #open(conn: PoolConnection): Promise<void> {
    if (conn.state !== 'waiting') return;
    const { clock, options } = this.ctx;
    conn.state = 'connecting';
    const irc = options.factory.create({
      id: conn.id,
      identity: { login: this.identity.login, token: this.identity.token },
      onLine: (line, receivedAt) => this.ctx.line(conn, line, receivedAt, this.#effects),
      onClose: () => this.#gone(conn, conn.state !== 'draining'),
    });
    conn.irc = irc;
    let expire: (err: Error) => void = () => {};
    const timeout = new Promise<never>((_, reject) => {
      expire = reject;
    });
    const timer = clock.setTimeout(
      () => expire(new TmiClusterError('TMI_ERR_TIMEOUT', `connection ${conn.id} did not register in time`)),
      options.connectTimeoutMs,
    );
    try {
      await Promise.race([irc.connect(), timeout]);
    } catch {
      this.#gone(conn, true);
      void irc.close().catch(() => {});
      return;
    } finally {
      timer.cancel();
    }
    if (conn.state !== 'connecting') {
      void irc.close().catch(() => {});
      return;
    }
    conn.state = 'open';
    conn.openedAt = clock.now();
    conn.timers.add(clock.setInterval(() => this.#ping(conn), options.pingIntervalMs));
    for (const waiter of conn.openWaiters.splice(0)) waiter.resolve();
    if (worthOpening(conn)) this.#pump.kick();
    else this.#retire(conn);
  }

  #ping(conn: PoolConnection): void {
    if (conn.pongTimer !== null || conn.irc === null) return;
    if (!conn.irc.send(PING_LINE)) return;
    conn.pongTimer = this.ctx.clock.setTimeout(() => {
      // A silent socket (stalled path, half-open TCP) only shows itself this way.
      const irc = conn.irc;
      this.#gone(conn, true);
      void irc?.close().catch(() => {});
    }, this.ctx.options.pongTimeoutMs);
  }

  /** Closes a connection on purpose (RECONNECT hand-over done, or nothing left on it). */
  #retire(conn: PoolConnection): void {
    const irc = conn.irc;
    this.#gone(conn, false);
    void irc?.close().catch(() => {});
  }

  /**
   * A connection is gone (closed, failed, retired): its channels go back to the book, which
   * places them again and marks gaps; a failure pushes the next connection attempt back.
   */
  #gone(conn: PoolConnection, failed: boolean): void {
    if (conn.state === 'closed') return;
    const now = this.ctx.clock.now();
    if (failed) {
      const stable = conn.openedAt !== null && now - conn.openedAt >= this.ctx.options.stableAfterMs;
      this.#failures = stable ? 1 : this.#failures + 1;
      const { reconnectMinMs, reconnectMaxMs, random } = this.ctx.options;
      this.#opener.delayUntil(now + backoffDelay(this.#failures, reconnectMinMs, reconnectMaxMs, random));
    }
    conn.state = 'closed';
    const i = this.connections.indexOf(conn);
    if (i >= 0) this.connections.splice(i, 1);
    this.#opener.remove(conn);
    const entries = [...conn.entries.values()];
    const inside = [...conn.inside];
    const parting = [...conn.parting];
    const waiters = conn.openWaiters.splice(0);
    conn.clear(now);
    // The last line received is the last moment we know we missed nothing.
    this.#book.rehome(entries, inside, conn.lastLineAt ?? now);
    // Gone means out of the channel: a PART still waiting for its echo is done.
    for (const channel of parting)
      this.#book.report({ type: 'parted', channel, reason: 'requested', at: now });
    for (const waiter of waiters) {
      waiter.reject(
        new TmiClusterError('TMI_ERR_NOT_CONNECTED', `connection ${conn.id} closed before it opened`),
      );
    }
    this.#checkDrains();
    this.#pump.kick();
  }

  // ---- RECONNECT (make-before-break) ------------------------------------------------------

  #reconnect(old: PoolConnection): void {
    if (old.state !== 'open') return;
    if (old.entries.size === 0) {
      this.#retire(old);
      return;
    }
    old.state = 'draining';
    this.#book.moveAll(old, this.#newConnection(old));
    old.timers.add(this.ctx.clock.setTimeout(() => this.#retire(old), this.ctx.options.replaceTimeoutMs));
  }

  /** Closes draining connections whose every channel is confirmed elsewhere (or given up). */
  #checkDrains(): void {
    for (const conn of [...this.connections]) {
      if (conn.state === 'draining' && this.#handedOver(conn)) this.#retire(conn);
    }
  }

  #handedOver(old: PoolConnection): boolean {
    for (const channel of old.inside) {
      const entry = this.#book.entry(channel);
      if (entry !== undefined && entry.status !== 'confirmed') return false;
    }
    return true;
  }
}

function worthOpening(conn: PoolConnection): boolean {
  return conn.entries.size > 0 || conn.keepOpen || conn.openWaiters.length > 0;
}
