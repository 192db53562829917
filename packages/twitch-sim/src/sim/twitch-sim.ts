import { EventEmitter } from 'node:events';
import { deriveSeed, Prng } from '../traffic/prng.js';
import type { TrafficSink } from '../traffic/types.js';
import { listenTcp } from '../transports/tcp.js';
import type { LineConnection, Listener } from '../transports/types.js';
import { listenWs } from '../transports/ws.js';
import { AccountTable } from './accounts.js';
import { type ChannelInfo, ChannelDirectory } from './channel-directory.js';
import type { SimContext } from './context.js';
import { directoryEffects } from './directory-effects.js';
import type { ConnectionInfo, SimEvents } from './events.js';
import { fanOut } from './fanout.js';
import { FaultControl } from './faults.js';
import { GroundTruth } from './ground-truth.js';
import type { AccountCounters, RateLimiter } from './limits/types.js';
import { classifyLine } from './out-line.js';
import type { ResolvedOptions } from './options.js';
import { Session } from './session.js';

/** A channel in {@link TwitchSim.channelsSnapshot}. */
export type ChannelSnapshot = Pick<ChannelInfo, 'login' | 'roomId' | 'state' | 'connections' | 'users'>;

/**
 * A running Twitch TMI server. Create it with {@link startTwitchSim}; it listens on TCP and/or
 * WebSocket, speaks Twitch's IRC byte for byte, and offers a control API for tests: channel
 * directory, line injection, faults, counters and the ground truth of what it sent.
 */
export class TwitchSim extends EventEmitter<SimEvents> {
  readonly accounts = new AccountTable();
  readonly channels: ChannelDirectory;
  readonly groundTruth: GroundTruth;
  readonly faults: FaultControl;
  readonly #sessions = new Map<string, Session>();
  readonly #ctx: SimContext;
  #listeners: { tcp: Listener | null; ws: Listener | null } = { tcp: null, ws: null };
  #nextConnection = 0;
  #closing: Promise<void> | null = null;

  /** @internal Use {@link startTwitchSim}. */
  constructor(
    readonly options: ResolvedOptions,
    readonly limiter: RateLimiter,
  ) {
    super();
    for (const input of options.accounts) this.accounts.add(input);
    this.channels = new ChannelDirectory(
      this.accounts,
      directoryEffects(() => this.#ctx),
    );
    for (const input of options.channels) this.channels.add(input);
    this.groundTruth = new GroundTruth(options.recordLines, options.clock);
    this.faults = new FaultControl(() => this.#sessions.values());
    this.#ctx = {
      options,
      accounts: this.accounts,
      channels: this.channels,
      limiter,
      groundTruth: this.groundTruth,
      events: this,
    };
  }

  /** @internal Opens the listeners; called once by {@link startTwitchSim}. */
  async listen(): Promise<void> {
    const { host, tcpPort, wsPort, maxLineBytes, maxBufferedBytes } = this.options;
    const limits = { maxLineBytes, maxBufferedBytes };
    const accept = (conn: LineConnection) => this.#accept(conn);
    try {
      if (tcpPort !== false) this.#listeners.tcp = await listenTcp(host, tcpPort, limits, accept);
      if (wsPort !== false) {
        const framing = { frameMaxBytes: this.options.wsFrameMaxBytes, batchMs: this.options.wsBatchMs };
        this.#listeners.ws = await listenWs(host, wsPort, limits, framing, accept);
      }
    } catch (err) {
      await this.close();
      throw err;
    }
  }

  get host(): string {
    return this.options.host;
  }

  /** The bound TCP port, or null when TCP is off. */
  get tcpPort(): number | null {
    return this.#listeners.tcp?.port ?? null;
  }

  /** The bound WebSocket port, or null when WebSocket is off. */
  get wsPort(): number | null {
    return this.#listeners.ws?.port ?? null;
  }

  /** `ws://host:port/` of the WebSocket listener, or null. */
  get wsUrl(): string | null {
    return this.wsPort === null ? null : `ws://${this.host}:${this.wsPort}/`;
  }

  /** The sim's clock (the `clock` option). */
  now(): number {
    return this.options.clock();
  }

  /**
   * Fans a raw line out to every connection joined to `channel` (with or without `#`), tags
   * stripped for connections without the tags cap and the line withheld from connections lacking
   * the cap its command needs. Counted once in the channel's ground truth. The line is not
   * validated beyond refusing CR/LF (use `faults.sendMalformed` for broken lines).
   */
  inject(channel: string, line: string): void {
    if (line.includes('\n') || line.includes('\r'))
      throw new TypeError('inject: a line must not contain CR or LF');
    const login = channel.charCodeAt(0) === 35 ? channel.slice(1) : channel;
    const out = classifyLine(line, login);
    const ch = this.channels.get(login);
    if (!ch) {
      this.groundTruth.emitted(login, out);
      return;
    }
    if (out.id !== null && out.command === 'PRIVMSG')
      ch.remember(out.id, line, this.options.recentMessagesPerChannel);
    fanOut(this.groundTruth, ch, out);
  }

  /** Sends a raw line to one connection exactly as given (no caps filtering). False if it is gone. */
  injectTo(connectionId: string, line: string): boolean {
    if (line.includes('\n') || line.includes('\r'))
      throw new TypeError('injectTo: a line must not contain CR or LF');
    const session = this.#sessions.get(connectionId);
    if (!session || session.state === 'closed') return false;
    session.outbox.push(line, classifyLine(line, null));
    return true;
  }

  /** Open connections. */
  connections(): ConnectionInfo[] {
    return Array.from(this.#sessions.values(), (s) => s.info());
  }

  connection(id: string): ConnectionInfo | undefined {
    return this.#sessions.get(id)?.info();
  }

  /** The limiter's counters of one account. */
  counters(login: string): AccountCounters {
    return this.limiter.counters(login);
  }

  allCounters(): AccountCounters[] {
    return this.limiter.allCounters();
  }

  /**
   * Lines written to one connection, per command. Kept after it closed, until reset, for the last
   * 1,000 closed connections; `groundTruth.totals()` counts every connection.
   */
  connectionCounters(connectionId: string): ReturnType<GroundTruth['connectionCounts']> {
    return this.groundTruth.connectionCounts(connectionId);
  }

  /** Every channel with how many connections and users are in it. */
  channelsSnapshot(): ChannelSnapshot[] {
    return this.channels.list().map(({ login, roomId, state, connections, users }) => ({
      login,
      roomId,
      state,
      connections,
      users,
    }));
  }

  /** This sim as a {@link TrafficSink} for the traffic generator. */
  trafficSink(): TrafficSink {
    return {
      channels: () => this.channels.refs(),
      inject: (channel, line) => this.inject(channel, line),
      now: () => this.now(),
    };
  }

  /** Clears counters, the ground truth and the limiter's windows; connections stay. */
  reset(): void {
    this.groundTruth.reset();
    this.limiter.reset();
    for (const s of this.#sessions.values()) {
      s.linesReceived = 0;
      s.oversizedLines = 0;
    }
  }

  /** Stops both listeners and drops every connection. Idempotent. */
  close(): Promise<void> {
    this.#closing ??= (async () => {
      const { tcp, ws } = this.#listeners;
      await Promise.all([tcp?.close(), ws?.close()]);
    })();
    return this.#closing;
  }

  #accept(conn: LineConnection): void {
    if (this.#closing) {
      conn.destroy();
      return;
    }
    const index = this.#nextConnection++;
    const id = `c${index + 1}`;
    // Each connection draws its fault dice from its own stream, so they do not depend on how
    // other connections interleave.
    const prng = new Prng(deriveSeed(this.options.faultSeed, index));
    const session = new Session(this.#ctx, id, conn, this.groundTruth.connection(id), prng, () => {
      this.#sessions.delete(id);
      this.groundTruth.closed(id);
    });
    session.outbox.setFaults(this.faults.defaults);
    this.#sessions.set(id, session);
    this.emit('connection', session.info());
  }
}
