import { type Clock, systemClock, TmiClusterError } from '@tmi-cluster/core';
import tmi from 'tmi.js';
import { isControlLine } from './control-lines.js';
import type { IrcConnection, IrcConnectionInit, IrcConnectionState } from '@tmi-cluster/core';
import { type TmiInternals, WS_OPEN } from './tmi-internals.js';

/** Where and how tmi.js connects; shared by every connection of a factory. */
export interface TmiConnectionOptions {
  /** Server host. Default Twitch's `irc-ws.chat.twitch.tv`. */
  host?: string;
  /** WebSocket port. Default 443 (wss). tmi.js forces 443 whenever `secure` is true. */
  port?: number;
  /** wss instead of ws. Default: true exactly when the port is 443. */
  secure?: boolean;
  /** Source of receive timestamps. Default: the system clock. */
  clock?: Clock;
  /** How long close() waits for the server's close frame before destroying the socket. Default 1 000. */
  closeGraceMs?: number;
  /** Request `twitch.tv/membership` (JOIN/PART of other users). Default true. */
  membership?: boolean;
  /**
   * Called when `onLine` throws. The error is caught so a bug above the socket never crashes the
   * process from inside a socket callback. Default: `process.emitWarning`.
   */
  onError?: (error: unknown, connectionId: string) => void;
}

/** Silences tmi.js's console logging; the pool reports what matters. */
const SILENT = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The IrcConnection port on a tmi.js 1.8.5 Client. tmi.js does the WebSocket, the login
 * handshake and answers the server's PING; everything else is ours:
 * - its frame handler is replaced, so every line goes raw to `onLine` with one timestamp per
 *   frame, and only the few control lines (see `isControlLine`) reach tmi.js's own parser;
 * - its reconnect is off and it never joins a channel itself (the pool owns joins and reconnects,
 *   so tmi.js's auto-rejoin cannot fire);
 * - its 60 s ping loop is stopped after login, because the pool sends its own PING;
 * - `skipUpdatingEmotesets`, so it never calls the dead Kraken API.
 */
export class TmiConnection implements IrcConnection {
  #state: IrcConnectionState = 'idle';
  readonly #client: tmi.Client;
  readonly #internals: TmiInternals;
  readonly #tmiFrame: (event: { data: unknown }) => void;
  readonly #clock: Clock;
  #sawEndOfMotd = false;
  #sawGlobalUserState = false;
  #pending: { resolve: () => void; reject: (error: Error) => void } | null = null;
  #graceTimer: ReturnType<typeof setTimeout> | null = null;
  readonly #closed: Promise<void>;
  #markClosed: () => void = () => {};

  constructor(
    private readonly init: IrcConnectionInit,
    private readonly options: TmiConnectionOptions = {},
  ) {
    const { login, token } = init.identity;
    const port = options.port ?? 443;
    this.#client = new tmi.Client({
      options: { skipUpdatingEmotesets: true, skipMembership: options.membership === false },
      connection: {
        server: options.host ?? 'irc-ws.chat.twitch.tv',
        port,
        secure: options.secure ?? port === 443,
        reconnect: false,
      },
      identity: token === null ? { username: login } : { username: login, password: `oauth:${token}` },
      channels: [],
      logger: SILENT,
    });
    this.#internals = this.#client as unknown as TmiInternals;
    this.#tmiFrame = this.#internals._onMessage.bind(this.#client);
    this.#internals._onMessage = (event) => this.#onFrame(event);
    this.#client.on('disconnected', (reason: string) => this.#onDisconnected(reason));
    this.#clock = options.clock ?? systemClock;
    this.#closed = new Promise((resolve) => {
      this.#markClosed = resolve;
    });
  }

  get id(): string {
    return this.init.id;
  }

  get nick(): string {
    return (this.#client.getUsername() || this.init.identity.login).toLowerCase();
  }

  get state(): IrcConnectionState {
    return this.#state;
  }

  connect(): Promise<void> {
    if (this.#state !== 'idle') {
      return Promise.reject(
        new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `connection ${this.id} was used before`),
      );
    }
    this.#state = 'connecting';
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      // tmi.js resolves on 376; we resolve ourselves once GLOBALUSERSTATE is in too, and learn
      // of failures from its 'disconnected' event, so its promise only needs a catch.
      this.#client.connect().catch(() => {});
    });
  }

  send(line: string): boolean {
    const ws = this.#internals.ws;
    if (this.#state !== 'open' || ws === null || ws.readyState !== WS_OPEN) return false;
    ws.send(line);
    return true;
  }

  close(): Promise<void> {
    if (this.#state === 'idle') this.#finish();
    if (this.#state === 'closed' || this.#state === 'closing') return this.#closed;
    this.#state = 'closing';
    const ws = this.#internals.ws;
    if (ws === null) {
      this.#onDisconnected('closed before the socket opened');
      return this.#closed;
    }
    this.#internals.wasCloseCalled = true;
    try {
      ws.close();
    } catch {
      // ws throws nothing here in practice; a socket in a bad state is destroyed below anyway.
    }
    // A stalled peer never answers the close frame: destroy the socket after a short grace.
    this.#graceTimer = setTimeout(() => ws.terminate?.(), this.options.closeGraceMs ?? 1_000);
    this.#graceTimer.unref?.();
    return this.#closed;
  }

  /** One WebSocket frame: may carry several CRLF-terminated lines. */
  #onFrame(event: { data: unknown }): void {
    const receivedAt = this.#clock.now();
    const data = typeof event.data === 'string' ? event.data : String(event.data);
    let control: string[] | null = null;
    let start = 0;
    while (start < data.length) {
      let end = data.indexOf('\n', start);
      if (end === -1) end = data.length;
      const line = data.charCodeAt(end - 1) === 13 ? data.slice(start, end - 1) : data.slice(start, end);
      start = end + 1;
      if (line === '') continue;
      this.#deliver(line, receivedAt);
      if (!isControlLine(line)) continue;
      control ??= [];
      control.push(line);
    }
    if (control === null) return;
    this.#tmiFrame({ data: control.join('\r\n') });
    this.#checkRegistered(control);
  }

  #deliver(line: string, receivedAt: number): void {
    try {
      this.init.onLine(line, receivedAt);
    } catch (error) {
      if (this.options.onError) this.options.onError(error, this.id);
      else process.emitWarning(`tmi-cluster: onLine threw on connection ${this.id}: ${String(error)}`);
    }
  }

  /** Registered after 376, plus GLOBALUSERSTATE for a logged-in identity (anonymous gets none). */
  #checkRegistered(control: string[]): void {
    if (this.#state !== 'connecting') return;
    for (const line of control) {
      if (line.includes(' 376 ')) this.#sawEndOfMotd = true;
      else if (line.endsWith(' GLOBALUSERSTATE')) this.#sawGlobalUserState = true;
    }
    if (!this.#sawEndOfMotd || (this.init.identity.token !== null && !this.#sawGlobalUserState)) return;
    // The pool pings on its own schedule; tmi.js's loop would double the PINGs and, on a missed
    // PONG, close gracefully instead of failing fast.
    if (this.#internals.pingLoop !== null) clearInterval(this.#internals.pingLoop);
    this.#state = 'open';
    const pending = this.#pending;
    this.#pending = null;
    pending?.resolve();
  }

  #onDisconnected(reason: string): void {
    if (this.#state === 'closed') return;
    const was = this.#state;
    this.#finish();
    const pending = this.#pending;
    this.#pending = null;
    if (pending !== null) {
      pending.reject(
        new TmiClusterError('TMI_ERR_NOT_CONNECTED', `connection ${this.id}: ${reason || 'closed'}`),
      );
      return;
    }
    if (was === 'open' || was === 'closing') {
      this.init.onClose({ reason: was === 'closing' ? 'requested' : 'server', message: reason || 'closed' });
    }
  }

  #finish(): void {
    this.#state = 'closed';
    if (this.#graceTimer !== null) clearTimeout(this.#graceTimer);
    this.#graceTimer = null;
    this.#markClosed();
  }
}
