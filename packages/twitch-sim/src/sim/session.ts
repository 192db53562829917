import { IrcParseError, type IrcMessage, parseLine } from '../irc/index.js';
import type { Prng } from '../traffic/prng.js';
import type { LineConnection } from '../transports/types.js';
import type { SimAccount } from './accounts.js';
import { CAP_TAGS, capNames } from './caps.js';
import type { Channel } from './channel.js';
import { handleOpen } from './commands.js';
import type { SimContext } from './context.js';
import type { ConnectionInfo, SessionState } from './events.js';
import type { ConnectionRecord } from './ground-truth.js';
import { Keepalive } from './keepalive.js';
import { leaveChannel } from './membership.js';
import { type OutLine, outLine } from './out-line.js';
import { Outbox } from './outbox.js';
import { handleRegistering } from './registration.js';

/** A state's handler: it runs one client line and returns the state to go to. */
export type StateHandler = (ctx: SimContext, session: Session, msg: IrcMessage) => SessionState;

const HANDLERS: Record<'registering' | 'open', StateHandler> = {
  registering: handleRegistering,
  open: handleOpen,
};

/**
 * One client connection: its registration state machine, caps, identity, joined channels, and its
 * outbox. Lines from the transport go through the handler of the current state; the handler's
 * return value is the next state, and entering `closing` ends the connection.
 */
export class Session {
  state: SessionState = 'registering';
  caps = 0;
  /** The last PASS, kept until NICK completes the login. */
  pass: string | null = null;
  nick: string | null = null;
  account: SimAccount | null = null;
  anonymous = false;
  readonly channels = new Set<Channel>();
  /** JOIN targets sent before NICK; joined right after the login succeeds. */
  pendingJoins: string[] = [];
  /** Why the session is closing, reported in the `close` event. */
  closeReason = 'client closed';
  linesReceived = 0;
  oversizedLines = 0;
  readonly connectedAt: number;
  readonly outbox: Outbox;
  readonly keepalive: Keepalive;

  constructor(
    private readonly ctx: SimContext,
    readonly id: string,
    readonly conn: LineConnection,
    readonly record: ConnectionRecord,
    prng: Prng,
    /** Called once, after the connection closed and left its channels. */
    private readonly onClosed: () => void,
  ) {
    this.connectedAt = ctx.options.clock();
    this.outbox = new Outbox(conn, record, ctx.groundTruth, prng, ctx.options.maxBufferedBytes, () =>
      this.destroy('slow consumer'),
    );
    this.keepalive = new Keepalive(
      ctx.options.pingIntervalMs,
      ctx.options.pongTimeoutMs,
      () => this.send('', 'PING :tmi.twitch.tv', 'PING'),
      () => this.end('ping timeout'),
    );
    conn.setHandlers({
      line: (line) => this.#onLine(line),
      oversized: () => {
        this.oversizedLines++;
      },
      close: (reason) => this.#onClose(reason),
    });
  }

  /** The login (or justinfan nick) once registered. */
  get login(): string | null {
    return this.account?.login ?? (this.anonymous ? this.nick : null);
  }

  /** Delivers a line if this connection's caps allow it: tags are stripped without the tags cap. */
  deliver(out: OutLine): void {
    // Once closing (failed login, RECONNECT, ping timeout) nothing new is sent.
    if ((this.caps & out.need) !== out.need || this.state === 'closing' || this.state === 'closed') return;
    this.outbox.push(this.caps & CAP_TAGS ? out.tagged : out.bare, out);
  }

  /** Sends a line of this connection's own (a reply), built from tags ('' for none) and the rest. */
  send(tags: string, rest: string, command: string, channel: string | null = null, need = 0): void {
    this.deliver(outLine(tags, rest, command, channel, need));
  }

  /** Closes gracefully once queued output is out (after a delay fault, once it has been written). */
  end(reason: string): void {
    if (this.state === 'closing' || this.state === 'closed') return;
    this.state = 'closing';
    this.closeReason = reason;
    this.keepalive.stop();
    this.outbox.whenIdle(() => this.conn.end());
  }

  /** Kills the connection at once. */
  destroy(reason: string): void {
    if (this.state === 'closed') return;
    this.state = 'closing';
    this.closeReason = reason;
    this.keepalive.stop();
    this.conn.destroy();
  }

  info(): ConnectionInfo {
    return {
      id: this.id,
      transport: this.conn.kind,
      login: this.login ?? this.nick,
      anonymous: this.anonymous,
      caps: capNames(this.caps),
      channels: [...this.channels].map((c) => c.login),
      remoteAddress: this.conn.remoteAddress,
      remotePort: this.conn.remotePort,
      connectedAt: this.connectedAt,
      state: this.state,
      linesReceived: this.linesReceived,
      linesSent: this.record.lines,
      bytesWritten: this.conn.bytesWritten,
      bufferedBytes: this.conn.bufferedBytes,
      oversizedLines: this.oversizedLines,
      stalled: this.outbox.stalled,
    };
  }

  #onLine(line: string): void {
    this.linesReceived++;
    const state = this.state;
    if (state === 'closing' || state === 'closed') return;
    let msg: IrcMessage | null = null;
    // Twitch's parser is not the point here: NUL bytes and lines without a command are dropped.
    if (line !== '' && !line.includes('\0')) {
      try {
        msg = parseLine(line);
      } catch (err) {
        if (!(err instanceof IrcParseError)) throw err;
      }
    }
    const events = this.ctx.events;
    if (events.listenerCount('command') > 0)
      events.emit('command', { connectionId: this.id, line, message: msg });
    if (!msg) return;
    let next: SessionState;
    try {
      next = HANDLERS[state](this.ctx, this, msg);
    } catch (err) {
      // A bug must cost one connection, never the server (this runs inside a socket callback).
      events.emit('internalError', err, this.id);
      this.destroy(`internal error: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    if (next === 'closing') this.end(this.closeReason);
    else if (this.state === state) this.state = next;
  }

  #onClose(reason: string): void {
    if (this.state === 'closed') return;
    const why = this.state === 'closing' ? this.closeReason : reason;
    this.state = 'closed';
    this.keepalive.stop();
    this.outbox.close();
    for (const channel of [...this.channels]) leaveChannel(this.ctx, this, channel, false);
    this.onClosed();
    this.ctx.events.emit('close', { connectionId: this.id, login: this.login, reason: why });
  }
}
