import type { TrafficSink, TrafficSource } from './types.js';

/** Options of {@link startTraffic}. */
export interface TrafficOptions {
  /** Total lines per second over all channels; 0 pauses. */
  ratePerSecond: number;
  /** Stop after this long (wall time since start, pauses included). */
  durationMs?: number;
  /** Stop after this many lines. */
  maxLines?: number;
  /** Timer period; each tick emits the lines owed since the last. Default 10 ms. */
  tickMs?: number;
  /**
   * The most time one tick makes up for. After a stall (GC, a blocked loop) the driver does not
   * fire the whole backlog at once; the rate then falls short by what it skipped. Default 250 ms.
   */
  maxCatchUpMs?: number;
  /** Monotonic clock in ms for pacing. Default `performance.now()`. */
  clock?: () => number;
}

/** Why a run ended. */
export interface TrafficResult {
  emitted: number;
  reason: 'stopped' | 'duration' | 'maxLines';
}

/** A running traffic stream. */
export interface TrafficHandle {
  /** Lines emitted so far. */
  readonly emitted: number;
  /** Current rate in lines per second. */
  readonly rate: number;
  /** Changes the rate from now on (lines owed at the old rate so far are still sent); 0 pauses. */
  setRate(ratePerSecond: number): void;
  /** Stops; `done` resolves with reason `stopped`. Idempotent. */
  stop(): void;
  /** Resolves when the run ends; rejects (and stops) if the source or the sink throws. */
  readonly done: Promise<TrafficResult>;
}

/**
 * Pushes lines from `source` into `sink` at `ratePerSecond`. A timer fires every `tickMs` and
 * emits rate × elapsed lines, carrying the fraction to the next tick so the long-run rate is
 * exact. Small batches on a timer keep the event loop free for the server's sockets (no busy
 * loop). All lines of a batch share one `tmi-sent-ts` from `sink.now()`.
 */
export function startTraffic(
  sink: TrafficSink,
  source: TrafficSource,
  options: TrafficOptions,
): TrafficHandle {
  return new TrafficDriver(sink, source, options);
}

class TrafficDriver implements TrafficHandle {
  readonly done: Promise<TrafficResult>;
  #emitted = 0;
  #rate: number;
  /** Lines owed but not yet sent (fractional). */
  #owed = 0;
  #last: number;
  readonly #endAt: number | undefined;
  readonly #maxLines: number | undefined;
  readonly #maxCatchUpMs: number;
  readonly #clock: () => number;
  #timer: ReturnType<typeof setInterval> | undefined;
  #resolve!: (r: TrafficResult) => void;
  #reject!: (e: unknown) => void;

  constructor(
    private readonly sink: TrafficSink,
    private readonly source: TrafficSource,
    options: TrafficOptions,
  ) {
    this.#rate = checkRate(options.ratePerSecond);
    const tickMs = options.tickMs ?? 10;
    if (!(tickMs >= 1 && tickMs <= 1000)) throw new RangeError(`tickMs must be in [1, 1000], got ${tickMs}`);
    const { durationMs, maxLines } = options;
    if (durationMs !== undefined && !(durationMs >= 0))
      throw new RangeError(`durationMs must be ≥ 0, got ${durationMs}`);
    if (maxLines !== undefined && !(Number.isInteger(maxLines) && maxLines >= 0)) {
      throw new RangeError(`maxLines must be an integer ≥ 0, got ${maxLines}`);
    }
    this.#maxCatchUpMs = options.maxCatchUpMs ?? 250;
    this.#clock = options.clock ?? (() => performance.now());
    this.#maxLines = maxLines;
    this.#last = this.#clock();
    this.#endAt = durationMs === undefined ? undefined : this.#last + durationMs;
    this.done = new Promise<TrafficResult>((resolve, reject) => {
      this.#resolve = resolve;
      this.#reject = reject;
    });
    // A caller that only calls stop() must not get an unhandled rejection; awaiting still throws.
    this.done.catch(() => {});
    if (maxLines === 0 || durationMs === 0) {
      this.#finish(maxLines === 0 ? 'maxLines' : 'duration');
      return;
    }
    this.#timer = setInterval(() => this.#tick(), tickMs);
  }

  get emitted(): number {
    return this.#emitted;
  }

  get rate(): number {
    return this.#rate;
  }

  setRate(ratePerSecond: number): void {
    const rate = checkRate(ratePerSecond);
    this.#account(this.#clock());
    this.#rate = rate;
  }

  stop(): void {
    this.#finish('stopped');
  }

  /** Adds the lines owed at the current rate since the last accounting. */
  #account(now: number): void {
    const until = this.#endAt !== undefined && now > this.#endAt ? this.#endAt : now;
    const dt = Math.min(until - this.#last, this.#maxCatchUpMs);
    if (dt > 0) this.#owed += (this.#rate * dt) / 1000;
    if (until > this.#last) this.#last = until;
  }

  #tick(): void {
    if (this.#timer === undefined) return;
    const now = this.#clock();
    this.#account(now);
    let n = Math.floor(this.#owed);
    this.#owed -= n;
    if (this.#maxLines !== undefined) n = Math.min(n, this.#maxLines - this.#emitted);
    if (n > 0) {
      try {
        const ts = this.sink.now();
        for (let i = 0; i < n; i++) {
          const out = this.source.next(ts);
          this.sink.inject(out.channel, out.line);
          this.#emitted++;
        }
      } catch (err) {
        this.#clear();
        this.#reject(err);
        return;
      }
    }
    if (this.#maxLines !== undefined && this.#emitted >= this.#maxLines) this.#finish('maxLines');
    else if (this.#endAt !== undefined && now >= this.#endAt) this.#finish('duration');
  }

  #finish(reason: TrafficResult['reason']): void {
    this.#clear();
    this.#resolve({ emitted: this.#emitted, reason });
  }

  #clear(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
  }
}

function checkRate(rate: number): number {
  if (!(Number.isFinite(rate) && rate >= 0))
    throw new RangeError(`ratePerSecond must be a finite number ≥ 0, got ${rate}`);
  return rate;
}
