import type { LineConnection } from '../transports/types.js';
import type { ConnectionRecord, GroundTruth } from './ground-truth.js';
import type { OutLine } from './out-line.js';
import type { Prng } from '../traffic/prng.js';

/** Delivery faults of one connection (see {@link FaultControl}). */
export interface FaultSettings {
  /** Added delay per line, in ms. */
  latencyMs: number;
  /** Extra random delay in [0, jitterMs). */
  jitterMs: number;
  /** Probability that a line is written twice. */
  duplicate: number;
  /** Probability that a line is held back and written after the next one. */
  reorder: number;
}

export const NO_FAULTS: Readonly<FaultSettings> = Object.freeze({
  latencyMs: 0,
  jitterMs: 0,
  duplicate: 0,
  reorder: 0,
});

/** A reordered line waits at most this long for a successor before it goes out anyway. */
const REORDER_HOLD_MS = 10;

interface Pending {
  text: string;
  out: OutLine;
}

interface Delayed extends Pending {
  due: number;
}

/**
 * The way out of one connection: duplicate → reorder → latency → (stall) → transport, counting
 * every line in the ground truth at the moment it reaches the transport. Without faults a line
 * goes straight through (`#plain`), which is the path benchmarks measure.
 */
export class Outbox {
  #faults: FaultSettings = NO_FAULTS;
  #plain = true;
  #stalled = false;
  #stallQueue: Pending[] = [];
  #stallBytes = 0;
  #held: Pending | null = null;
  #holdTimer: NodeJS.Timeout | null = null;
  #delayed: Delayed[] = [];
  #delayTimer: NodeJS.Timeout | null = null;
  #lastDue = 0;
  #closed = false;
  #idle: (() => void) | null = null;

  constructor(
    private readonly conn: LineConnection,
    private readonly record: ConnectionRecord,
    private readonly groundTruth: GroundTruth,
    private readonly prng: Prng,
    private readonly maxBufferedBytes: number,
    /** Called when a stalled connection piles up more than maxBufferedBytes. */
    private readonly onOverflow: () => void,
  ) {}

  get faults(): Readonly<FaultSettings> {
    return this.#faults;
  }

  get stalled(): boolean {
    return this.#stalled;
  }

  setFaults(faults: FaultSettings): void {
    this.#faults = { ...faults };
    this.#updatePlain();
  }

  push(text: string, out: OutLine): void {
    if (this.#closed) return;
    if (this.#plain) {
      this.#write(text, out);
      return;
    }
    this.#reorderStage(text, out);
    if (this.#faults.duplicate > 0 && this.prng.chance(this.#faults.duplicate)) this.#reorderStage(text, out);
  }

  /** Stops writing; lines wait (bounded by maxBufferedBytes) until {@link resume}. */
  stall(): void {
    this.#stalled = true;
    this.#updatePlain();
  }

  resume(): void {
    if (!this.#stalled) return;
    this.#stalled = false;
    this.#updatePlain();
    const queue = this.#stallQueue;
    this.#stallQueue = [];
    this.#stallBytes = 0;
    for (const p of queue) this.#write(p.text, p.out);
    this.#checkIdle();
  }

  /** Runs `fn` once nothing is held or delayed (at once when idle); a stalled outbox counts as idle. */
  whenIdle(fn: () => void): void {
    this.#flushHeld();
    this.#idle = fn;
    this.#checkIdle();
  }

  /** Drops everything still queued: those lines were never written, so they are not counted. */
  close(): void {
    this.#closed = true;
    this.#stallQueue = [];
    this.#delayed = [];
    this.#held = null;
    if (this.#holdTimer) clearTimeout(this.#holdTimer);
    if (this.#delayTimer) clearTimeout(this.#delayTimer);
    this.#idle = null;
  }

  #updatePlain(): void {
    const f = this.#faults;
    this.#plain =
      !this.#stalled && f.latencyMs === 0 && f.jitterMs === 0 && f.duplicate === 0 && f.reorder === 0;
  }

  #reorderStage(text: string, out: OutLine): void {
    const held = this.#held;
    if (held) {
      this.#held = null;
      if (this.#holdTimer) clearTimeout(this.#holdTimer);
      this.#latencyStage(text, out);
      this.#latencyStage(held.text, held.out);
      return;
    }
    if (this.#faults.reorder > 0 && this.prng.chance(this.#faults.reorder)) {
      this.#held = { text, out };
      this.#holdTimer = setTimeout(() => this.#flushHeld(), REORDER_HOLD_MS);
      this.#holdTimer.unref();
      return;
    }
    this.#latencyStage(text, out);
  }

  #flushHeld(): void {
    const held = this.#held;
    if (!held) return;
    this.#held = null;
    if (this.#holdTimer) clearTimeout(this.#holdTimer);
    this.#latencyStage(held.text, held.out);
    this.#checkIdle();
  }

  #latencyStage(text: string, out: OutLine): void {
    const f = this.#faults;
    if (f.latencyMs === 0 && f.jitterMs === 0) {
      this.#write(text, out);
      return;
    }
    let due = Date.now() + f.latencyMs + (f.jitterMs > 0 ? this.prng.int(f.jitterMs) : 0);
    // Latency alone keeps the order; only the reorder fault may let jitter overtake.
    if (f.reorder === 0) due = Math.max(due, this.#lastDue);
    this.#lastDue = due;
    let i = this.#delayed.length;
    while (i > 0 && this.#delayed[i - 1]!.due > due) i--;
    this.#delayed.splice(i, 0, { text, out, due });
    if (i === 0) this.#armDelay();
  }

  #armDelay(): void {
    if (this.#delayTimer) clearTimeout(this.#delayTimer);
    const head = this.#delayed[0];
    if (!head) {
      this.#delayTimer = null;
      return;
    }
    this.#delayTimer = setTimeout(this.#releaseDue, Math.max(0, head.due - Date.now()));
    this.#delayTimer.unref();
  }

  readonly #releaseDue = (): void => {
    const now = Date.now();
    let n = 0;
    while (n < this.#delayed.length && this.#delayed[n]!.due <= now) n++;
    const due = this.#delayed.splice(0, n);
    for (const p of due) this.#write(p.text, p.out);
    this.#armDelay();
    this.#checkIdle();
  };

  #write(text: string, out: OutLine): void {
    if (this.#closed) return;
    if (this.#stalled) {
      this.#stallQueue.push({ text, out });
      this.#stallBytes += text.length + 2;
      if (this.#stallBytes > this.maxBufferedBytes) this.onOverflow();
      return;
    }
    this.conn.send(text);
    this.groundTruth.delivered(this.record, text, out);
  }

  #checkIdle(): void {
    const fn = this.#idle;
    if (!fn || this.#held || (this.#delayed.length > 0 && !this.#stalled)) return;
    this.#idle = null;
    fn();
  }
}
