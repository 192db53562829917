import type { IrcConnectionFactory } from '@tmi-cluster/core';
import { TmiConnection, type TmiConnectionOptions } from './tmi-connection.js';

/**
 * The production IrcConnectionFactory: tmi.js over WebSocket. For the local twitch-sim pass
 * `{ host: '127.0.0.1', port: sim.wsPort, secure: false }` (tmi.js cannot reach a TLS server on
 * any port but 443).
 */
export function tmiConnectionFactory(options: TmiConnectionOptions = {}): IrcConnectionFactory {
  return { create: (init) => new TmiConnection(init, options) };
}
