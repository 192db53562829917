import { performance } from 'node:perf_hooks';
import { parseSupervisorMessage, type WorkerToSupervisor } from '@tmi-cluster/core';
import type { LifecycleChannel } from './channel.js';
import type { WorkerLifecycle } from './contract.js';

type Handler = () => void | Promise<void>;

export interface LifecycleOptions {
  channel: LifecycleChannel;
  /** Bytes to report: heap of a thread, RSS of a process. */
  measureMemory: () => number;
  statsIntervalMs: number;
  /** A drain or stop handler failed. */
  onFatal: (err: unknown) => void;
}

/**
 * The worker side of the lifecycle protocol: answers `drain` and `stop` through the main's
 * handlers and reports stats periodically (memory, and event-loop lag as the lateness of the
 * stats timer itself: a worker whose loop is blocked reports late, or not at all, which the
 * supervisor's silence timeout catches).
 */
export class Lifecycle implements WorkerLifecycle {
  readonly #o: LifecycleOptions;
  readonly #drainHandlers: Handler[] = [];
  readonly #stopHandlers: Handler[] = [];
  readonly #sent = new Set<WorkerToSupervisor['type']>();
  readonly #timer: ReturnType<typeof setInterval>;
  readonly stopped: Promise<void>;
  /** Resolves when the stop handlers are done: the worker may exit. */
  readonly stopDone: Promise<void>;
  #resolveStopped!: () => void;
  #resolveStopDone!: () => void;
  #draining = false;
  #stopping = false;
  #lagMs = 0;

  constructor(options: LifecycleOptions) {
    this.#o = options;
    this.stopped = new Promise((resolve) => {
      this.#resolveStopped = resolve;
    });
    this.stopDone = new Promise((resolve) => {
      this.#resolveStopDone = resolve;
    });
    options.channel.onMessage((raw) => this.#onMessage(raw));
    const every = options.statsIntervalMs;
    let expected = performance.now() + every;
    this.#timer = setInterval(() => {
      const now = performance.now();
      this.#lagMs = Math.max(0, Math.round(now - expected));
      expected = now + every;
      this.stats();
    }, every);
    // Stats alone must not keep a finished worker alive.
    this.#timer.unref();
  }

  ready(): void {
    this.#once({ type: 'ready' });
  }

  draining(): void {
    this.#once({ type: 'draining' });
  }

  drained(): void {
    this.#once({ type: 'drained' });
  }

  onDrain(handler: Handler): void {
    this.#drainHandlers.push(handler);
  }

  onStop(handler: Handler): void {
    this.#stopHandlers.push(handler);
  }

  stats(values: { memory?: number; lagMs?: number } = {}): void {
    this.#o.channel.send({
      type: 'stats',
      memory: values.memory ?? this.#o.measureMemory(),
      lagMs: values.lagMs ?? this.#lagMs,
    });
  }

  /** Stops the stats timer and the channel listener. */
  dispose(): void {
    clearInterval(this.#timer);
    this.#o.channel.close();
  }

  #once(message: WorkerToSupervisor): void {
    if (this.#sent.has(message.type)) return;
    this.#sent.add(message.type);
    this.#o.channel.send(message);
  }

  #onMessage(raw: unknown): void {
    const parsed = parseSupervisorMessage(raw);
    // Only a supervisor talks on this channel; anything else is ignored rather than fatal.
    if (!parsed.ok) return;
    if (parsed.value.type === 'drain') void this.#drain();
    else void this.#stop();
  }

  async #drain(): Promise<void> {
    if (this.#draining || this.#stopping) return;
    this.#draining = true;
    this.draining();
    try {
      for (const handler of this.#drainHandlers) await handler();
    } catch (err) {
      this.#o.onFatal(err);
      return;
    }
    this.drained();
  }

  async #stop(): Promise<void> {
    if (this.#stopping) return;
    this.#stopping = true;
    this.#resolveStopped();
    try {
      for (const handler of this.#stopHandlers) await handler();
    } catch (err) {
      this.#o.onFatal(err);
      return;
    }
    this.#resolveStopDone();
  }
}
