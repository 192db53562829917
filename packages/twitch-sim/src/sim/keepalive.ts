/**
 * The server side of PING/PONG: a `PING :tmi.twitch.tv` every interval, and the connection is
 * closed when a PING stays unanswered for the timeout (Twitch disconnects silent clients).
 */
export class Keepalive {
  #pingTimer: NodeJS.Timeout | null = null;
  #pongTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
    private readonly sendPing: () => void,
    private readonly onTimeout: () => void,
  ) {}

  start(): void {
    if (this.#pingTimer) return;
    this.#pingTimer = setInterval(() => {
      this.sendPing();
      // A PING already waiting keeps its deadline: answering late is not rewarded.
      if (this.#pongTimer) return;
      this.#pongTimer = setTimeout(() => {
        this.#pongTimer = null;
        this.onTimeout();
      }, this.timeoutMs);
      this.#pongTimer.unref();
    }, this.intervalMs);
    this.#pingTimer.unref();
  }

  /** Any PONG from the client answers the outstanding PING. */
  pong(): void {
    if (this.#pongTimer) clearTimeout(this.#pongTimer);
    this.#pongTimer = null;
  }

  stop(): void {
    if (this.#pingTimer) clearInterval(this.#pingTimer);
    if (this.#pongTimer) clearTimeout(this.#pongTimer);
    this.#pingTimer = null;
    this.#pongTimer = null;
  }
}
