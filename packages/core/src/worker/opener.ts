import type { WindowLimit } from '../ports/rate-limiter.js';
import type { PoolContext } from './context.js';
import type { PoolConnection } from './pool-connection.js';
import { Sleeper } from './sleeper.js';

/** What the opener needs from its identity. */
export interface OpenerHost {
  /** Whether a waiting connection is still worth opening (it may have lost all its channels). */
  shouldOpen(conn: PoolConnection): boolean;
  /** Drops a waiting connection that is not worth opening. */
  discard(conn: PoolConnection): void;
  /** Connects; settles once the attempt succeeded or failed. */
  open(conn: PoolConnection): Promise<void>;
}

/**
 * Opens one identity's connections one at a time, each start at least `connectSpacingMs` after
 * the previous one and after any back-off, and each paid from the AUTH budget: every login is an
 * authentication attempt, which Twitch limits per account (twitch-irc.md §2.1, design point 4).
 */
export class ConnectionOpener {
  readonly #queue: PoolConnection[] = [];
  readonly #sleeper: Sleeper;
  #running = false;
  /** No attempt starts before this epoch ms. */
  #notBefore = 0;

  constructor(
    private readonly ctx: PoolContext,
    private readonly host: OpenerHost,
    private readonly key: string,
    private readonly limit: WindowLimit,
  ) {
    this.#sleeper = new Sleeper(ctx.clock);
  }

  /** Queues a connection; a replacement after RECONNECT goes first. */
  enqueue(conn: PoolConnection, first = false): void {
    if (first) this.#queue.unshift(conn);
    else this.#queue.push(conn);
    this.kick();
  }

  remove(conn: PoolConnection): void {
    const i = this.#queue.indexOf(conn);
    if (i >= 0) this.#queue.splice(i, 1);
  }

  /** Holds the next attempt until at least `at` (back-off after a failure). */
  delayUntil(at: number): void {
    this.#notBefore = Math.max(this.#notBefore, at);
  }

  /** Runs the queue soon: on a microtask, so a caller can fill a connection it just enqueued. */
  kick(): void {
    if (this.#running) return;
    this.#running = true;
    queueMicrotask(() => void this.#run());
  }

  stop(): void {
    this.#queue.length = 0;
    this.#sleeper.wakeAll();
  }

  async #run(): Promise<void> {
    try {
      while (this.#queue.length > 0 && !this.ctx.closed) {
        const wait = this.#notBefore - this.ctx.clock.now();
        if (wait > 0) {
          await this.#sleeper.sleep(wait);
          continue;
        }
        const conn = this.#queue[0]!;
        if (!this.host.shouldOpen(conn)) {
          this.#queue.shift();
          this.host.discard(conn);
          continue;
        }
        const decision = await this.ctx.limiter.take(this.key, this.limit);
        if (!decision.ok) {
          await this.#sleeper.sleep(decision.retryAfterMs);
          continue;
        }
        // The await let the queue change; the budget is spent either way, so open what is first now.
        const next = this.#queue.shift();
        if (next === undefined || this.ctx.closed) break;
        this.#notBefore = Math.max(this.#notBefore, this.ctx.clock.now() + this.ctx.options.connectSpacingMs);
        await this.host.open(next);
      }
    } finally {
      this.#running = false;
    }
  }
}
