import { connect, type Socket } from 'node:net';
import WebSocket from 'ws';
import { waitFor } from './wait-for.js';

/**
 * A raw IRC client for byte-level tests: it keeps every byte received and every complete line,
 * and lets a test wait for lines or for the close. Works over TCP or WebSocket.
 */
export abstract class RawClient {
  /** Everything received, as text. */
  raw = '';
  /** Complete lines (CRLF stripped), in order. */
  readonly lines: string[] = [];
  /** WebSocket only: the text of each frame received. */
  readonly frames: string[] = [];
  closed = false;
  #partial = '';
  #read = 0;

  protected receive(text: string): void {
    this.raw += text;
    this.#partial += text;
    let nl = this.#partial.indexOf('\r\n');
    while (nl !== -1) {
      this.lines.push(this.#partial.slice(0, nl));
      this.#partial = this.#partial.slice(nl + 2);
      nl = this.#partial.indexOf('\r\n');
    }
  }

  /** Sends one line with CRLF. */
  send(line: string): void {
    this.write(`${line}\r\n`);
  }

  abstract write(data: string): void;
  abstract close(): Promise<void>;

  /** Waits until `n` lines arrived after those already taken, and returns (takes) them. */
  async take(n: number, timeoutMs = 3000): Promise<string[]> {
    await waitFor(
      () => this.lines.length - this.#read >= n,
      timeoutMs,
      `${n} lines (have ${this.lines.slice(this.#read).join(' | ')})`,
    );
    const out = this.lines.slice(this.#read, this.#read + n);
    this.#read += n;
    return out;
  }

  /** Waits for a line matching `pred` (among lines not yet taken); takes everything up to it. */
  async waitLine(pred: (line: string) => boolean, timeoutMs = 3000): Promise<string> {
    let found = -1;
    await waitFor(
      () => {
        found = this.lines.findIndex((l, i) => i >= this.#read && pred(l));
        return found !== -1;
      },
      timeoutMs,
      `a matching line (have ${this.lines.slice(this.#read).join(' | ')})`,
    );
    this.#read = found + 1;
    return this.lines[found]!;
  }

  /**
   * A round trip: sends `PING <tag>` and waits for its PONG, so every line the server sent before
   * has arrived. Takes nothing; the PONG stays in {@link rest}.
   */
  async sync(tag = 'sync', timeoutMs = 3000): Promise<void> {
    const pong = `:tmi.twitch.tv PONG tmi.twitch.tv :${tag}`;
    const before = this.lines.filter((l) => l === pong).length;
    this.send(`PING ${tag}`);
    await waitFor(() => this.lines.filter((l) => l === pong).length > before, timeoutMs, `PONG ${tag}`);
  }

  /** Lines received and not taken yet. */
  rest(): string[] {
    return this.lines.slice(this.#read);
  }

  /** Marks every line so far as taken. */
  skipAll(): void {
    this.#read = this.lines.length;
  }

  waitClosed(timeoutMs = 3000): Promise<true> {
    return waitFor(() => this.closed, timeoutMs, 'the server to close the connection');
  }

  /** Sends CAP REQ (all caps unless given), PASS, NICK, and waits for the end of the welcome. */
  async login(
    nick: string,
    token: string | null,
    caps = 'twitch.tv/tags twitch.tv/commands twitch.tv/membership',
  ) {
    if (caps) this.send(`CAP REQ :${caps}`);
    if (token !== null) this.send(`PASS oauth:${token}`);
    this.send(`NICK ${nick}`);
    await this.waitLine((l) => / 376 /.test(l));
    if (token !== null && caps.includes('commands'))
      await this.waitLine((l) => l.endsWith('GLOBALUSERSTATE'));
    return this;
  }
}

export class RawTcpClient extends RawClient {
  private constructor(private readonly socket: Socket) {
    super();
    socket.setEncoding('utf8');
    socket.setNoDelay(true);
    socket.on('data', (text: string) => this.receive(text));
    socket.on('error', () => {});
    socket.on('close', () => {
      this.closed = true;
    });
  }

  static connect(port: number, host = '127.0.0.1'): Promise<RawTcpClient> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, host);
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new RawTcpClient(socket));
      });
    });
  }

  /** Stops reading from the socket, so the server's output piles up (a slow consumer). */
  pauseReading(): void {
    this.socket.pause();
  }

  get localPort(): number {
    return this.socket.localPort ?? 0;
  }

  write(data: string | Buffer): void {
    if (!this.closed) this.socket.write(data);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.socket.destroy();
    await this.waitClosed();
  }
}

export class RawWsClient extends RawClient {
  private constructor(readonly ws: WebSocket) {
    super();
    ws.on('message', (data: WebSocket.RawData) => {
      const text = data.toString();
      this.frames.push(text);
      this.receive(text);
    });
    ws.on('error', () => {});
    ws.on('close', () => {
      this.closed = true;
    });
  }

  static connect(url: string, protocols: string | string[] = 'irc'): Promise<RawWsClient> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, protocols);
      ws.once('error', reject);
      ws.once('open', () => {
        ws.off('error', reject);
        resolve(new RawWsClient(ws));
      });
    });
  }

  /** Sends one frame exactly as given. */
  write(data: string): void {
    if (!this.closed) this.ws.send(data);
  }

  /** Sends one line as its own frame, without CRLF (as tmi.js does). */
  override send(line: string): void {
    this.write(line);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.ws.terminate();
    await this.waitClosed();
  }
}
