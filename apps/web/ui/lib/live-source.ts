import { Backoff, type BackoffOptions } from './backoff.js';
import { type SseEvent, SseParser } from './sse-parser.js';

export type LiveState =
  /** Opening the stream (first time or after a failure). */
  | 'connecting'
  /** The server accepted the stream; events arrive as they happen. */
  | 'open'
  /** The stream failed; a retry is scheduled. */
  | 'retrying'
  /** The server said 401: retrying cannot help until the user signs in again. */
  | 'unauthenticated'
  | 'stopped';

export interface LiveStatus {
  state: LiveState;
  /** Why the last attempt failed, if it did. */
  error: string | null;
  /** When the next attempt starts (epoch ms), while retrying. */
  retryAt: number | null;
  /** Failed attempts since the stream was last healthy. */
  attempts: number;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** A stream that stayed open this long without failing counts as healthy (back-off resets). */
const HEALTHY_AFTER_MS = 5_000;

export interface LiveSourceOptions {
  url: string;
  onEvent: (event: SseEvent) => void;
  onStatus?: (status: LiveStatus) => void;
  fetch?: FetchLike;
  backoff?: BackoffOptions;
  /**
   * Reconnect when nothing (not even a comment) arrived for this long: a half-open TCP
   * connection otherwise looks alive forever. Off by default; the overview stream ticks every
   * second, so the dashboard uses a few seconds.
   */
  idleTimeoutMs?: number;
  now?: () => number;
}

/**
 * A Server-Sent Events stream read with fetch that never gives up: on any failure (network,
 * 5xx, stream ended, idle) it waits with jittered exponential back-off and opens it again;
 * back-off resets once the stream is healthy (an event arrived, or it stayed open 5 s). A 401
 * stops it (state `unauthenticated`).
 */
export class LiveSource {
  readonly #options: LiveSourceOptions;
  readonly #fetch: FetchLike;
  readonly #backoff: Backoff;
  readonly #now: () => number;
  #abort: AbortController | null = null;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #idleTimer: ReturnType<typeof setTimeout> | null = null;
  #healthyTimer: ReturnType<typeof setTimeout> | null = null;
  #serverRetryMs: number | null = null;
  #status: LiveStatus = { state: 'stopped', error: null, retryAt: null, attempts: 0 };
  #running = false;

  constructor(options: LiveSourceOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.#backoff = new Backoff(options.backoff);
    this.#now = options.now ?? Date.now;
  }

  get status(): LiveStatus {
    return this.#status;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#backoff.reset();
    void this.#connect();
  }

  stop(): void {
    this.#running = false;
    this.#clearTimers();
    this.#abort?.abort();
    this.#abort = null;
    this.#set({ state: 'stopped', error: null, retryAt: null });
  }

  /** Skips a pending back-off wait (the user clicked "retry now", the tab became visible). */
  retryNow(): void {
    if (!this.#running || this.#status.state !== 'retrying') return;
    this.#clearTimers();
    void this.#connect();
  }

  async #connect(): Promise<void> {
    const abort = new AbortController();
    this.#abort = abort;
    this.#set({ state: 'connecting', retryAt: null });
    let healthy = false;
    const markHealthy = () => {
      if (healthy || abort.signal.aborted) return;
      healthy = true;
      this.#backoff.reset();
      this.#set({ error: null, attempts: 0 });
    };
    const parser = new SseParser(
      (event) => {
        if (abort.signal.aborted) return;
        markHealthy();
        this.#options.onEvent(event);
      },
      (ms) => {
        this.#serverRetryMs = ms;
      },
    );
    let failure: string;
    try {
      this.#armIdle(abort);
      const res = await this.#fetch(this.#options.url, {
        headers: { accept: 'text/event-stream' },
        credentials: 'same-origin',
        signal: abort.signal,
      });
      if (res.status === 401) {
        this.#running = false;
        this.#clearTimers();
        this.#set({ state: 'unauthenticated', error: 'not signed in', retryAt: null });
        await res.body?.cancel().catch(() => undefined);
        return;
      }
      if (!res.ok || res.body === null) {
        await res.body?.cancel().catch(() => undefined);
        throw new Error(`HTTP ${res.status}`);
      }
      // Open as soon as the server accepted (a quiet chat stream may send no event for minutes);
      // the back-off only resets once the stream proves healthy: an event, or staying up a while.
      this.#set({ state: 'open', retryAt: null });
      this.#healthyTimer = setTimeout(markHealthy, HEALTHY_AFTER_MS);
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          this.#armIdle(abort);
          parser.push(value);
        }
      } finally {
        reader.releaseLock();
      }
      failure = 'stream ended';
    } catch (err) {
      failure =
        abort.signal.aborted && abort.signal.reason === 'idle'
          ? 'no data'
          : String((err as Error).message ?? err);
    }
    if (!this.#running || this.#abort !== abort) return;
    abort.abort();
    this.#scheduleRetry(failure);
  }

  #scheduleRetry(error: string): void {
    this.#clearTimers();
    const delay = Math.max(this.#backoff.next(), this.#serverRetryMs ?? 0);
    this.#set({
      state: 'retrying',
      error,
      retryAt: this.#now() + delay,
      attempts: this.#backoff.attempt,
    });
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#running) void this.#connect();
    }, delay);
  }

  #armIdle(abort: AbortController): void {
    const idle = this.#options.idleTimeoutMs;
    if (idle === undefined) return;
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      abort.abort('idle');
    }, idle);
  }

  #clearTimers(): void {
    if (this.#retryTimer !== null) clearTimeout(this.#retryTimer);
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    if (this.#healthyTimer !== null) clearTimeout(this.#healthyTimer);
    this.#retryTimer = null;
    this.#idleTimer = null;
    this.#healthyTimer = null;
  }

  #set(patch: Partial<LiveStatus>): void {
    this.#status = { ...this.#status, ...patch };
    this.#options.onStatus?.(this.#status);
  }
}
