import type { EventBase } from './base.js';

/** Twitch will restart this server soon (RECONNECT): open a new connection, then drop this one. */
export interface ReconnectEvent extends EventBase {
  type: 'reconnect';
}

/** RECONNECT → {@link ReconnectEvent}. */
export function parseReconnect(base: EventBase): ReconnectEvent {
  return { type: 'reconnect', ...base };
}
