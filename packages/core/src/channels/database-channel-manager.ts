import { toChannelLogin } from '../domain/channel-name.js';
import { TmiClusterError } from '../errors/index.js';
import type { ChannelManager } from '../ports/channel-manager.js';
import type { ChannelEventRecord, ChannelStore } from '../ports/channel-store.js';
import type { Clock } from '../ports/clock.js';

const HOUR_MS = 3_600_000;

/** Settings of {@link DatabaseChannelManager}. */
export interface DatabaseChannelManagerOptions {
  /** Time source: `acknowledgedAt`, `authorizedAt` and the stale cut-off come from it. */
  clock: Clock;
  /**
   * A channel not acknowledged (asked for) for this many hours is stale and parted by auto-cleanup.
   * Default 168 (7 days, the original's `channel.stale`).
   */
  staleHours?: number;
}

/**
 * The channel manager on a {@link ChannelStore}: only authorized channels are joined, channels
 * nobody asked for in `staleHours` (and revoked ones) are stale, channels authorized with
 * `reconnect` are joined by the coordinator by itself. Every login is validated (and `#Foo`
 * normalised to `foo`) before the store is touched; one bad login rejects the whole call with
 * TMI_ERR_INVALID_CHANNEL. Results name the normalised logins.
 */
export class DatabaseChannelManager implements ChannelManager {
  readonly store: ChannelStore;
  readonly staleMs: number;
  readonly #clock: Clock;

  constructor(store: ChannelStore, options: DatabaseChannelManagerOptions) {
    const hours = options.staleHours ?? 168;
    if (!(hours > 0) || !Number.isFinite(hours)) {
      throw new TmiClusterError(
        'TMI_ERR_INVALID_CONFIG',
        `staleHours must be a positive number, got ${hours}`,
        {
          field: 'staleHours',
        },
      );
    }
    this.store = store;
    this.staleMs = hours * HOUR_MS;
    this.#clock = options.clock;
  }

  async authorized(channels: readonly string[]): Promise<Set<string>> {
    const logins = validLogins(channels);
    if (logins.length === 0) return new Set();
    return this.store.authorized(logins);
  }

  async authorize(channels: readonly string[], options: { reconnect?: boolean } = {}): Promise<void> {
    const logins = validLogins(channels);
    if (logins.length === 0) return;
    const at = this.#clock.now();
    await this.store.authorize(
      logins,
      at,
      options.reconnect === undefined ? {} : { reconnect: options.reconnect },
    );
    await this.store.record(logins.map((channel) => event(channel, 'authorized', at)));
  }

  async revoke(channels: readonly string[]): Promise<void> {
    const logins = validLogins(channels);
    if (logins.length === 0) return;
    const at = this.#clock.now();
    await this.store.revoke(logins, at);
    await this.store.record(logins.map((channel) => event(channel, 'revoked', at)));
  }

  async acknowledged(channels: readonly string[]): Promise<void> {
    const logins = validLogins(channels);
    if (logins.length === 0) return;
    await this.store.acknowledge(logins, this.#clock.now());
  }

  /** Revoked, or acknowledged strictly more than `staleHours` ago (exactly at the limit is not stale yet). */
  async stale(channels: readonly string[]): Promise<Set<string>> {
    const logins = validLogins(channels);
    if (logins.length === 0) return new Set();
    return this.store.stale(logins, this.#clock.now() - this.staleMs);
  }

  async reconnectable(): Promise<string[]> {
    return this.store.reconnectable();
  }

  /** The reconnectable channels not in `connected` (the original's `disconnected`). */
  async disconnected(connected: readonly string[]): Promise<string[]> {
    const held = new Set(connected);
    return (await this.store.reconnectable()).filter((c) => !held.has(c));
  }
}

/** Normalises every login or throws for the first bad one, before any query runs; drops repeats. */
function validLogins(channels: readonly string[]): string[] {
  return [...new Set(channels.map(toChannelLogin))];
}

function event(channel: string, kind: 'authorized' | 'revoked', at: number): ChannelEventRecord {
  return { channel, kind, reason: null, workerId: null, at };
}
