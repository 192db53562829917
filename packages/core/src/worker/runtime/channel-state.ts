import type { WorkerReport } from '../../protocol/reports.js';
import type { PoolStatus } from '../types.js';

/** Whether a say can go out in a channel now, and if not why. */
export type Sendable = 'ok' | 'not_joined' | 'not_connected';

/**
 * What the say path needs to know about the worker's channels, learnt from the pool's own reports
 * (the pool is the one owner of channel state; this is a read model of it): which channels are
 * confirmed and on which connection, and where the identity is privileged (moderator,
 * broadcaster, VIP: the larger PRIVMSG bucket, no per-channel or duplicate rule).
 */
export class ChannelState {
  /** Confirmed channel → the connection that confirmed it last. */
  readonly #confirmed = new Map<string, string>();
  readonly #privileged = new Set<string>();

  /** Applies one report of this worker's pool. */
  apply(report: WorkerReport): void {
    switch (report.type) {
      case 'joined':
        this.#confirmed.set(report.channel, report.connectionId);
        return;
      case 'parted':
      case 'join-failed':
        this.#confirmed.delete(report.channel);
        this.#privileged.delete(report.channel);
        return;
      case 'privileged':
        if (report.privileged) this.#privileged.add(report.channel);
        else this.#privileged.delete(report.channel);
        return;
      case 'gap':
      case 'seat-wanted':
      case 'seat-used':
      case 'seat-released':
        return;
    }
  }

  isPrivileged(channel: string): boolean {
    return this.#privileged.has(channel);
  }

  /**
   * `not_joined` unless the channel is confirmed; `not_connected` while the connection that
   * confirmed it is gone (the pool is re-joining it elsewhere: a PRIVMSG now would be dropped).
   * A connection handing over after Twitch's RECONNECT (`draining`) still counts: the pool sends
   * on its replacement.
   */
  sendable(channel: string, pool: PoolStatus): Sendable {
    const connectionId = this.#confirmed.get(channel);
    if (connectionId === undefined) return 'not_joined';
    const conn = pool.connections.find((c) => c.id === connectionId);
    return conn !== undefined && (conn.state === 'open' || conn.state === 'draining')
      ? 'ok'
      : 'not_connected';
  }
}
