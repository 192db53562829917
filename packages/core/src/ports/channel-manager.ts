/**
 * Who may be joined: the authorization list behind `join --authorize`, the invite screen and
 * auto-part. Channels are logins (lowercase, no `#`); every method takes arrays so one call
 * covers 50,000 channels (an adapter chunks its own queries). The Dummy manager allows
 * everything; a Database manager keeps rows with `reconnect`, `revoked` and `acknowledgedAt`.
 */
export interface ChannelManager {
  /** The subset of `channels` that may be joined. */
  authorized(channels: readonly string[]): Promise<Set<string>>;
  /**
   * Allows the channels (un-revoking them). `reconnect`: the coordinator joins them by itself
   * whenever nobody holds them (see {@link reconnectable}).
   */
  authorize(channels: readonly string[], options?: { reconnect?: boolean }): Promise<void>;
  /** Withdraws the authorization; the coordinator parts revoked channels. */
  revoke(channels: readonly string[]): Promise<void>;
  /** Someone asked for these channels just now: refreshes their interest, so they do not go stale. */
  acknowledged(channels: readonly string[]): Promise<void>;
  /** The subset of `channels` to part: revoked, or not acknowledged for the stale period. */
  stale(channels: readonly string[]): Promise<Set<string>>;
  /** Every channel authorized with `reconnect` and not revoked: joined when nobody holds it. */
  reconnectable(): Promise<string[]>;
}
