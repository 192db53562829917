import type { ChannelManager } from '../ports/channel-manager.js';

/**
 * A channel manager without a list: every channel is authorized, none is stale, and nothing is
 * joined by itself (`reconnectable` is empty). The default when no database is configured.
 */
export class DummyChannelManager implements ChannelManager {
  async authorized(channels: readonly string[]): Promise<Set<string>> {
    return new Set(channels);
  }

  async authorize(): Promise<void> {}

  async revoke(): Promise<void> {}

  async acknowledged(): Promise<void> {}

  async stale(): Promise<Set<string>> {
    return new Set();
  }

  async reconnectable(): Promise<string[]> {
    return [];
  }
}
