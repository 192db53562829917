import { isChannelLogin, toChannelLogin } from '../domain/channel-name.js';
import { TmiClusterError } from '../errors/index.js';
import { scanLine } from '../irc/index.js';
import type { Clock } from '../ports/clock.js';
import type { WorkerReport } from '../protocol/reports.js';
import type { LineEffects, PoolContext } from './context.js';
import type { Identity } from './identity.js';
import { IdentityPool } from './identity-pool.js';
import { type ConnectionPoolOptions, type ResolvedPoolOptions, resolvePoolOptions } from './options.js';
import { OverlapDedup } from './overlap-dedup.js';
import type { PoolConnection } from './pool-connection.js';
import type { PoolSendResult, PoolStatus } from './types.js';

/**
 * A worker's IRC connections: per identity, connections of at most `maxChannels` channels,
 * joined at Twitch's pace, confirmed from the server's own lines, kept alive, re-joined after a
 * disconnect and handed over without loss on RECONNECT. Every inbound line goes to `onLine`
 * (de-duplicated while two connections receive a channel), channel state changes to `onReport`.
 *
 * All methods are synchronous except send() and close(); none throws on server behaviour, only
 * on bad arguments (TMI_ERR_INVALID_CHANNEL, TMI_ERR_INVALID_ARGUMENT) or after close()
 * (TMI_ERR_CLOSED).
 */
export class ConnectionPool {
  readonly #options: ResolvedPoolOptions;
  readonly #clock: Clock;
  readonly #identities = new Map<string, IdentityPool>();
  readonly #ctx: PoolContext;
  #closed = false;

  constructor(options: ConnectionPoolOptions) {
    const resolved = resolvePoolOptions(options);
    this.#options = resolved;
    this.#clock = resolved.clock;
    let nextId = 0;
    const pool = this;
    this.#ctx = {
      options: resolved,
      clock: resolved.clock,
      limiter: resolved.rateLimiter,
      dedup: new OverlapDedup(resolved.dedupTtlMs, resolved.dedupMaxKeys),
      get closed() {
        return pool.#closed;
      },
      nextConnectionId: () => `c${++nextId}`,
      report: (report: WorkerReport) => resolved.onReport(report),
      line: (conn, line, receivedAt, effects) => this.#line(conn, line, receivedAt, effects),
    };
  }

  /**
   * Joins `channel` as `identity` (an Identity registers or updates it; a login must be known).
   * Idempotent: a channel already wanted is not joined twice, and is reported `joined` again
   * when already confirmed. The result arrives as a report: joined, join-failed or gap.
   * `budget` overrides the pool's `joinBudget` for this join (a sender's seat is not placed by
   * the coordinator's JOIN budget, so the pool pays for it).
   */
  join(
    identity: Identity | string,
    channel: string,
    options: { budget?: 'pool' | 'preallocated' } = {},
  ): void {
    const login = toChannelLogin(channel);
    const budget = options.budget ?? this.#options.joinBudget;
    this.#identity(identity).join(login, budget === 'preallocated');
  }

  /**
   * Leaves `channel` on `identity`, or on every identity that wants it. Reported as
   * `parted: requested` once the server confirmed it (at once when nothing was joined yet, or
   * when no identity of this worker wanted it).
   */
  part(channel: string, identity?: string): void {
    this.#assertOpen();
    const login = toChannelLogin(channel);
    let held = false;
    for (const pool of this.#identities.values()) {
      if (identity === undefined || pool.login === identity) held = pool.part(login) || held;
    }
    if (!held) {
      this.#options.onReport({
        type: 'parted',
        workerId: this.#options.workerId,
        ...(identity === undefined ? {} : { identity }),
        channel: login,
        reason: 'requested',
        at: this.#clock.now(),
      });
    }
  }

  /**
   * Sends one raw line (no CR/LF) on a connection of `identity`: the one that wants `channel`,
   * else one inside it, else any open one, else a new one once it opened. Says which connection
   * sent it. Rejects with TMI_ERR_NOT_CONNECTED when the connection closed before it could.
   */
  async send(identity: Identity | string, channel: string, line: string): Promise<PoolSendResult> {
    if (line.includes('\r') || line.includes('\n') || line === '') {
      throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', 'send: line must be non-empty without CR/LF', {
        field: 'line',
      });
    }
    const pool = this.#identity(identity);
    const conn = await pool.connectionFor(toChannelLogin(channel));
    if (conn.irc === null || !conn.irc.send(line)) {
      throw new TmiClusterError('TMI_ERR_NOT_CONNECTED', `connection ${conn.id} is not open`, {
        connectionId: conn.id,
      });
    }
    return { connectionId: conn.id, receiverId: conn.receiverId };
  }

  /** Every connection with its state and wanted/confirmed/pending/queued counts, plus totals. */
  status(): PoolStatus {
    const connections = [...this.#identities.values()].flatMap((pool) => pool.status());
    let wanted = 0;
    let confirmed = 0;
    for (const c of connections) {
      wanted += c.wanted;
      confirmed += c.confirmed;
    }
    return { workerId: this.#options.workerId, connections, wanted, confirmed };
  }

  /** Closes every connection gracefully and stops all timers; no reports follow. Idempotent. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#identities.values()].map((pool) => pool.close()));
  }

  #identity(identity: Identity | string): IdentityPool {
    this.#assertOpen();
    if (typeof identity === 'string') {
      const known = this.#identities.get(identity);
      if (known === undefined) {
        throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `unknown identity "${identity}"`, {
          field: 'identity',
          rule: 'pass the Identity (login and token) once before using its login',
        });
      }
      return known;
    }
    checkIdentity(identity);
    const known = this.#identities.get(identity.login);
    if (known !== undefined) {
      known.update(identity);
      return known;
    }
    const created = new IdentityPool(this.#ctx, identity);
    this.#identities.set(identity.login, created);
    return created;
  }

  /** The hot path: one lazy scan, the identity's state effects, the overlap filter, forward. */
  #line(conn: PoolConnection, line: string, receivedAt: number, effects: LineEffects): void {
    const info = scanLine(line);
    if (conn.state !== 'closed') effects(conn, line, info, receivedAt);
    const channel = info.channel;
    // A USERSTATE's id is the id of the message it acknowledges, which readers receive as that
    // PRIVMSG's id: as the line's own id it would make one of the two a "duplicate" of the other.
    const id = info.command === 'USERSTATE' ? null : info.id;
    if (channel !== null && this.#ctx.dedup.isDuplicate(channel, id ?? line, receivedAt)) return;
    this.#options.onLine({
      line,
      receivedAt,
      receiverId: conn.receiverId,
      channel,
      command: info.command,
      id,
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw new TmiClusterError('TMI_ERR_CLOSED', 'the connection pool was closed');
  }
}

function checkIdentity(identity: Identity): void {
  const rule =
    typeof identity !== 'object' || identity === null
      ? 'must be an object'
      : !isChannelLogin(identity.login)
        ? 'login must be a lowercase Twitch login'
        : identity.token !== null && (typeof identity.token !== 'string' || identity.token === '')
          ? 'token must be a non-empty string or null (anonymous)'
          : identity.token === null && !/^justinfan\d+$/.test(identity.login)
            ? 'an anonymous identity (token null) must log in as justinfan<digits>'
            : null;
  if (rule !== null) {
    throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `invalid identity: ${rule}`, {
      field: 'identity',
      rule,
    });
  }
}
