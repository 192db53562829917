/**
 * The few members of a tmi.js 1.8.5 Client instance the adapter uses that @types/tmi.js does not
 * declare (lib/client.js). Pinned to 1.8.5: a tmi.js upgrade must re-check each of them.
 */
export interface TmiInternals {
  /**
   * The frame handler. `_openConnection` binds `this._onMessage` to `ws.onmessage` when it opens
   * the socket, so replacing it on the instance before connect() takes effect.
   */
  _onMessage(event: { data: unknown }): void;
  /** The `ws` WebSocket, null before connect and after close. */
  ws: TmiSocket | null;
  /** tmi.js's own 60 s PING interval, started on 376. */
  pingLoop: ReturnType<typeof setInterval> | null;
  /** Tells tmi.js's close handler that we asked for the close. */
  wasCloseCalled: boolean;
}

/** The `ws` WebSocket as tmi.js holds it. */
export interface TmiSocket {
  readonly readyState: number;
  send(data: string): void;
  close(): void;
  terminate?(): void;
}

/** `ws`'s OPEN readyState. */
export const WS_OPEN = 1;
