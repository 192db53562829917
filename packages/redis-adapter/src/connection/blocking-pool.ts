import { TmiClusterError } from '@tmi-cluster/core';
import type { Redis } from 'ioredis';

export interface BlockingPoolOptions {
  /** Opens one more blocking connection (not yet connected or connecting). */
  open: () => Redis;
  /** Most blocking connections open at once; more concurrent blocked reads wait their turn. */
  max: number;
  /**
   * How long past its BLOCK time a read may take before its connection is taken for dead and
   * dropped: the guarantee that a read never hangs, also when the network fails without a close.
   */
  graceMs: number;
}

/**
 * Connections for blocking reads (XREADGROUP … BLOCK), one per concurrent read, so a blocked
 * read never holds up other commands and several blocked readers of one group are served apart.
 *
 * A read is sent only on a ready connection and is never re-sent after the connection dropped
 * (ioredis would otherwise replay it after reconnecting, and the entries it read would go to
 * nobody); instead it rejects with TMI_ERR_NOT_CONNECTED at once, so a reader loop goes on.
 */
export class BlockingPool {
  readonly #options: BlockingPoolOptions;
  readonly #idle: Redis[] = [];
  readonly #all = new Set<Redis>();
  readonly #waiting: ((conn: Redis | undefined) => void)[] = [];
  #closed = false;

  constructor(options: BlockingPoolOptions) {
    this.#options = options;
  }

  /** Open connections (idle and in use). */
  get size(): number {
    return this.#all.size;
  }

  /**
   * Runs one blocking command with a connection of the pool, within `blockMs` in all: the time
   * spent waiting for a free or ready connection is taken off the BLOCK time `command` gets.
   * Returns undefined (nothing run) when no time is left for it.
   */
  async run<T>(
    blockMs: number,
    command: (conn: Redis, blockMs: number) => Promise<T>,
  ): Promise<T | undefined> {
    const deadline = Date.now() + blockMs;
    const conn = await this.#acquire(blockMs);
    if (this.#closed) throw closedError();
    if (conn === undefined) return undefined;
    let healthy = true;
    try {
      await this.#ready(conn, Math.max(0, deadline - Date.now()));
      const remaining = deadline - Date.now();
      if (remaining < 1) return undefined;
      return await this.#guarded(conn, remaining, (c) => command(c, remaining));
    } catch (err) {
      if (isTimeout(err)) healthy = false;
      throw err;
    } finally {
      this.#release(conn, healthy);
    }
  }

  /** Disconnects every connection; reads in flight reject with TMI_ERR_CLOSED. */
  close(): void {
    this.#closed = true;
    for (const waiter of this.#waiting.splice(0)) waiter(undefined);
    for (const conn of this.#all) conn.disconnect();
    this.#all.clear();
    this.#idle.length = 0;
  }

  async #acquire(timeoutMs: number): Promise<Redis | undefined> {
    this.#assertOpen();
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#all.size < this.#options.max) {
      const conn = this.#options.open();
      // Errors surface through the reads; without a listener ioredis would log each one.
      conn.on('error', () => {});
      this.#all.add(conn);
      return conn;
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const i = this.#waiting.indexOf(handOver);
        if (i >= 0) this.#waiting.splice(i, 1);
        resolve(undefined);
      }, timeoutMs);
      const handOver = (conn: Redis | undefined) => {
        clearTimeout(timer);
        resolve(conn);
      };
      this.#waiting.push(handOver);
    });
  }

  #release(conn: Redis, healthy: boolean): void {
    if (this.#closed || !healthy) {
      this.#all.delete(conn);
      conn.disconnect();
      // A dropped connection frees a slot: the next waiter opens a fresh one.
      if (!this.#closed) this.#waiting.shift()?.(this.#openForWaiter());
      return;
    }
    const waiter = this.#waiting.shift();
    if (waiter !== undefined) waiter(conn);
    else this.#idle.push(conn);
  }

  #openForWaiter(): Redis {
    const conn = this.#options.open();
    conn.on('error', () => {});
    this.#all.add(conn);
    return conn;
  }

  /** Resolves when `conn` is ready; rejects with TMI_ERR_NOT_CONNECTED after `timeoutMs`. */
  #ready(conn: Redis, timeoutMs: number): Promise<void> {
    if (conn.status === 'ready') return Promise.resolve();
    // 'end': a retryStrategy gave up on it; connecting again is what the next read needs.
    if (conn.status === 'wait' || conn.status === 'end') conn.connect().catch(() => {});
    return new Promise((resolve, reject) => {
      const done = (err?: Error) => {
        clearTimeout(timer);
        conn.off('ready', onReady);
        if (err === undefined) resolve();
        else reject(err);
      };
      const onReady = () => done();
      const timer = setTimeout(
        () =>
          done(
            this.#closed
              ? closedError()
              : new TmiClusterError(
                  'TMI_ERR_NOT_CONNECTED',
                  `no blocking connection to Redis within ${timeoutMs} ms`,
                ),
          ),
        timeoutMs,
      );
      conn.on('ready', onReady);
    });
  }

  /** Runs `command`, rejecting when the connection closes or the command overstays its block. */
  #guarded<T>(conn: Redis, blockMs: number, command: (conn: Redis) => Promise<T>): Promise<T> {
    return new Promise((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(watchdog);
        conn.off('close', onClose);
        settle();
      };
      const onClose = () =>
        finish(() =>
          reject(
            this.#closed
              ? closedError()
              : new TmiClusterError(
                  'TMI_ERR_NOT_CONNECTED',
                  'the blocking connection to Redis closed during a read; read again',
                ),
          ),
        );
      const watchdog = setTimeout(
        () =>
          finish(() =>
            reject(
              new TmiClusterError(
                'TMI_ERR_TIMEOUT',
                `a blocking read of ${blockMs} ms got no reply within ${blockMs + this.#options.graceMs} ms; its connection was dropped`,
              ),
            ),
          ),
        blockMs + this.#options.graceMs,
      );
      conn.once('close', onClose);
      command(conn).then(
        (value) => finish(() => resolve(value)),
        (err: unknown) => finish(() => reject(err)),
      );
    });
  }

  #assertOpen(): void {
    if (this.#closed) throw closedError();
  }
}

function closedError(): TmiClusterError {
  return new TmiClusterError('TMI_ERR_CLOSED', 'the Redis ports were closed');
}

function isTimeout(err: unknown): boolean {
  return err instanceof TmiClusterError && err.code === 'TMI_ERR_TIMEOUT';
}
