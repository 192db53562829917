import type { Clock } from '../../src/ports/clock.js';
import type {
  IrcConnection,
  IrcConnectionFactory,
  IrcConnectionInit,
  IrcConnectionState,
} from '../../src/ports/irc-connection.js';

/** One line a fake connection sent, with the clock's time. */
export interface SentLine {
  connectionId: string;
  line: string;
  at: number;
}

/**
 * An in-memory stand-in for Twitch behind the IrcConnection port (STYLE.md #12): it records
 * every line the pool sends and answers JOIN/PART/PING the way Twitch does, asynchronously (on a
 * microtask), so tests assert on the wire. Knobs: silent channels (no answer, like a channel that
 * does not exist), refused channels (NOTICE msg-id), manual registration, manual JOIN answers.
 */
export class FakeTwitch implements IrcConnectionFactory {
  readonly connections: FakeIrc[] = [];
  readonly sent: SentLine[] = [];
  /** Channels whose JOIN gets no answer at all. */
  readonly silent = new Set<string>();
  /** Channels whose JOIN gets a NOTICE with this msg-id. */
  readonly refuse = new Map<string, string>();
  /** connect() resolves by itself; when false the test calls `register()` or `fail()`. */
  autoRegister = true;
  /** JOINs are answered by themselves; when false the test calls `confirm()`. */
  answerJoins = true;
  answerPings = true;

  constructor(readonly clock: Clock) {}

  create(init: IrcConnectionInit): IrcConnection {
    const conn = new FakeIrc(this, init);
    this.connections.push(conn);
    return conn;
  }

  byId(id: string): FakeIrc {
    const conn = this.connections.find((c) => c.id === id);
    if (!conn) throw new Error(`no fake connection ${id}`);
    return conn;
  }

  /** Lines starting with `prefix`, over every connection. */
  lines(prefix: string): SentLine[] {
    return this.sent.filter((s) => s.line.startsWith(prefix));
  }

  /** Channels named in the JOIN lines sent, in order (repeats included). */
  joinedChannels(): string[] {
    return this.lines('JOIN ').flatMap((s) => channelsOf(s.line));
  }
}

/** A fake connection; its server side is driven by {@link FakeTwitch} and the test. */
export class FakeIrc implements IrcConnection {
  state: IrcConnectionState = 'idle';
  readonly inside = new Set<string>();
  #registered: { resolve: () => void; reject: (err: Error) => void } | null = null;

  constructor(
    private readonly net: FakeTwitch,
    private readonly init: IrcConnectionInit,
  ) {}

  get id(): string {
    return this.init.id;
  }

  get nick(): string {
    return this.init.identity.login;
  }

  get identity() {
    return this.init.identity;
  }

  connect(): Promise<void> {
    this.state = 'connecting';
    return new Promise((resolve, reject) => {
      this.#registered = { resolve, reject };
      if (this.net.autoRegister) queueMicrotask(() => this.register());
    });
  }

  /** Completes registration (the 001…376 block). */
  register(): void {
    if (this.state !== 'connecting') return;
    this.state = 'open';
    this.say(`:tmi.twitch.tv 376 ${this.nick} :>`);
    this.#registered?.resolve();
  }

  /** Refuses the login: connect() rejects, onClose is not called. */
  fail(message = 'Login authentication failed'): void {
    if (this.state !== 'connecting') return;
    this.state = 'closed';
    this.#registered?.reject(new Error(message));
  }

  send(line: string): boolean {
    if (this.state !== 'open') return false;
    this.net.sent.push({ connectionId: this.id, line, at: this.net.clock.now() });
    queueMicrotask(() => this.#answer(line));
    return true;
  }

  async close(): Promise<void> {
    if (this.state === 'closed') return;
    const wasOpen = this.state === 'open' || this.state === 'closing';
    this.state = 'closed';
    if (wasOpen) this.init.onClose({ reason: 'requested', message: 'closed by client' });
  }

  // ---- server side -----------------------------------------------------------------

  /** The server sends a line to this connection. */
  say(line: string): void {
    if (this.state === 'closed') return;
    this.init.onLine(line, this.net.clock.now());
  }

  /** The server drops the connection without a word. */
  drop(): void {
    if (this.state === 'closed') return;
    this.state = 'closed';
    this.init.onClose({ reason: 'server', message: 'connection reset' });
  }

  /** Sends the join block for `channel` (what Twitch sends after a successful JOIN). */
  confirm(channel: string): void {
    this.inside.add(channel);
    this.say(`:${this.nick}!${this.nick}@${this.nick}.tmi.twitch.tv JOIN #${channel}`);
    this.say(`:${this.nick}.tmi.twitch.tv 353 ${this.nick} = #${channel} :${this.nick}`);
    this.say(`:${this.nick}.tmi.twitch.tv 366 ${this.nick} #${channel} :End of /NAMES list`);
    this.say(
      `@emote-only=0;followers-only=-1;r9k=0;room-id=1;slow=0;subs-only=0 :tmi.twitch.tv ROOMSTATE #${channel}`,
    );
  }

  #answer(line: string): void {
    if (this.state !== 'open') return;
    if (line.startsWith('PING')) {
      if (this.net.answerPings)
        this.say(`:tmi.twitch.tv PONG tmi.twitch.tv :${line.slice(line.indexOf(':') + 1)}`);
      return;
    }
    if (line.startsWith('PART ')) {
      for (const channel of channelsOf(line)) {
        if (this.inside.delete(channel))
          this.say(`:${this.nick}!${this.nick}@${this.nick}.tmi.twitch.tv PART #${channel}`);
      }
      return;
    }
    if (!line.startsWith('JOIN ') || !this.net.answerJoins) return;
    for (const channel of channelsOf(line)) {
      if (this.net.silent.has(channel)) continue;
      const refused = this.net.refuse.get(channel);
      if (refused !== undefined) this.say(`@msg-id=${refused} :tmi.twitch.tv NOTICE #${channel} :No.`);
      else this.confirm(channel);
    }
  }
}

function channelsOf(line: string): string[] {
  return line
    .slice(line.indexOf(' ') + 1)
    .split(',')
    .map((c) => c.replace(/^#/, ''));
}

/** Lets queued microtasks and immediate callbacks run (fake answers, async pool loops). */
export async function settle(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setImmediate(resolve));
}
