import type { TimerHandle } from '../ports/clock.js';
import type { WindowLimit } from '../ports/rate-limiter.js';
import type { PoolContext } from './context.js';
import { joinBatchSize } from './join-batch.js';
import type { ChannelEntry, PoolConnection } from './pool-connection.js';

/** What the pump needs from its identity: the connections, and how a JOIN line is sent. */
export interface JoinPumpHost {
  readonly connections: readonly PoolConnection[];
  /** Sends `JOIN` for `entries` on `conn` and arms their timeout; false if the socket refused. */
  sendJoin(conn: PoolConnection, entries: ChannelEntry[]): boolean;
}

/**
 * Sends the queued JOINs of one identity's open connections as comma lines: each line within
 * `maxJoinLineBytes`, and with no more unpaid channels than the identity's JOIN budget grants
 * right now (`prepaid` ones were paid by the coordinator). One run at a time, so budget is taken
 * in order; when the budget or a retry time makes it wait, it sleeps on a clock timer.
 */
export class JoinPump {
  #running = false;
  #again = false;
  #wake: TimerHandle | null = null;
  #wakeAt = Number.POSITIVE_INFINITY;

  constructor(
    private readonly ctx: PoolContext,
    private readonly host: JoinPumpHost,
    private readonly key: string,
    private readonly limit: WindowLimit,
  ) {}

  /** Something may be sendable (a connection opened, a channel was queued): run soon. */
  kick(): void {
    if (this.#running) {
      this.#again = true;
      return;
    }
    void this.#run();
  }

  stop(): void {
    this.#wake?.cancel();
    this.#wake = null;
  }

  async #run(): Promise<void> {
    this.#running = true;
    let wakeAt = Number.POSITIVE_INFINITY;
    try {
      do {
        this.#again = false;
        wakeAt = Number.POSITIVE_INFINITY;
        let blocked = false;
        for (const conn of [...this.host.connections]) {
          if (this.ctx.closed) return;
          const result = await this.#drain(conn, blocked);
          blocked ||= result.blocked;
          wakeAt = Math.min(wakeAt, result.wakeAt);
        }
      } while (this.#again && !this.ctx.closed);
    } finally {
      this.#running = false;
    }
    this.#schedule(wakeAt);
  }

  /** Sends what is due on one connection; says whether the budget ran out and when to look again. */
  async #drain(conn: PoolConnection, blockedBefore: boolean): Promise<{ blocked: boolean; wakeAt: number }> {
    let blocked = blockedBefore;
    let wakeAt = Number.POSITIVE_INFINITY;
    while (conn.state === 'open' && !this.ctx.closed) {
      const now = this.ctx.clock.now();
      let due = conn.due(now);
      if (blocked) due = due.filter((e) => e.prepaid);
      if (due.length === 0) break;
      const size = joinBatchSize(
        due.map((e) => e.channel),
        this.ctx.options.maxJoinLineBytes,
        due.length,
      );
      let batch = due.slice(0, size);
      const unpaid = batch.reduce((n, e) => n + (e.prepaid ? 0 : 1), 0);
      if (unpaid > 0) {
        const grant = await this.#grant(unpaid);
        if (grant.count === 0) {
          blocked = true;
          wakeAt = Math.min(wakeAt, this.ctx.clock.now() + grant.retryAfterMs);
        }
        batch = keepPaid(batch, grant.count);
      }
      // The awaits above let parts, failures and closes run: send only what is still queued here.
      batch = batch.filter((e) => conn.entries.get(e.channel) === e && e.status === 'queued');
      if (batch.length > 0 && !this.host.sendJoin(conn, batch)) break;
    }
    wakeAt = Math.min(wakeAt, conn.nextDue(this.ctx.clock.now()));
    return { blocked, wakeAt };
  }

  /** Takes up to `wanted` JOINs of budget; 0 with the wait until one fits when none does. */
  async #grant(wanted: number): Promise<{ count: number; retryAfterMs: number }> {
    const limiter = this.ctx.limiter;
    // Other workers share the key: a take can lose a race against available(); try again then.
    for (let tries = 0; tries < 3; tries++) {
      const room = Math.min(wanted, await limiter.available(this.key, this.limit));
      const decision = await limiter.take(this.key, this.limit, Math.max(1, room));
      if (decision.ok) return { count: Math.max(1, room), retryAfterMs: 0 };
      if (room === 0) return { count: 0, retryAfterMs: Math.max(1, decision.retryAfterMs) };
    }
    return { count: 0, retryAfterMs: 50 };
  }

  #schedule(at: number): void {
    if (at === Number.POSITIVE_INFINITY || this.ctx.closed) return;
    if (this.#wake !== null && this.#wakeAt <= at) return;
    this.#wake?.cancel();
    this.#wakeAt = at;
    this.#wake = this.ctx.clock.setTimeout(
      () => {
        this.#wake = null;
        this.#wakeAt = Number.POSITIVE_INFINITY;
        this.kick();
      },
      Math.max(0, at - this.ctx.clock.now()),
    );
  }
}

/** Every prepaid entry of `batch` plus the first `paid` unpaid ones, in order. */
function keepPaid(batch: ChannelEntry[], paid: number): ChannelEntry[] {
  let left = paid;
  return batch.filter((e) => {
    if (e.prepaid) return true;
    if (left === 0) return false;
    left--;
    return true;
  });
}
