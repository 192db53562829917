import type { Clock, TimerHandle } from '../../ports/clock.js';
import type { MemberRecord, Registry } from '../../ports/registry.js';

export interface HeartbeatOptions {
  registry: Registry;
  clock: Clock;
  intervalMs: number;
  ttlMs: number;
  /** Builds the record at each beat, so it carries the current state and counters. */
  record: () => MemberRecord;
  onError: (err: unknown) => void;
}

/**
 * Announces the worker in the Registry every `intervalMs` with `ttlMs`. Beats never overlap: one
 * asked for while another is in flight (a state change wants an immediate beat) runs right after
 * it. It also measures how late its own timer fires: a cheap event-loop lag figure when the host
 * injects no better one.
 */
export class Heartbeat {
  readonly #o: HeartbeatOptions;
  #timer: TimerHandle | null = null;
  #expectedAt = 0;
  #lagMs = 0;
  #inFlight: Promise<void> | null = null;
  #again = false;

  constructor(options: HeartbeatOptions) {
    this.#o = options;
  }

  /** Timer drift of the last beat, in ms. */
  get lagMs(): number {
    return this.#lagMs;
  }

  /** Beats now and then every interval; resolves after the first beat. */
  async start(): Promise<void> {
    const { clock, intervalMs } = this.#o;
    this.#expectedAt = clock.now() + intervalMs;
    this.#timer = clock.setInterval(() => {
      const now = clock.now();
      this.#lagMs = Math.max(0, now - this.#expectedAt);
      this.#expectedAt = now + intervalMs;
      void this.beat();
    }, intervalMs);
    await this.beat();
  }

  /** One beat now (or right after the one in flight). Never rejects. */
  beat(): Promise<void> {
    if (this.#inFlight !== null) {
      this.#again = true;
      return this.#inFlight;
    }
    this.#inFlight = (async () => {
      do {
        this.#again = false;
        try {
          await this.#o.registry.heartbeat(this.#o.record(), this.#o.ttlMs);
        } catch (err) {
          this.#o.onError(err);
        }
      } while (this.#again && this.#timer !== null);
      this.#inFlight = null;
    })();
    return this.#inFlight;
  }

  /** Stops beating and waits for a beat in flight, so no beat lands after the caller removes the member. */
  async stop(): Promise<void> {
    this.#timer?.cancel();
    this.#timer = null;
    this.#again = false;
    await this.#inFlight;
  }
}
