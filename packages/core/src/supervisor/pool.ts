import type { Clock } from '../ports/clock.js';
import type { WorkerExit, WorkerHost, WorkerToSupervisor } from '../ports/worker-host.js';
import type { CrashHistory } from './crash-history.js';
import type { Emit } from './events.js';
import type { SupervisorOptions } from './options.js';
import { RestartGate } from './restart-gate.js';
import { type HangReason, type RetireReason, WorkerSlot } from './worker-slot.js';

export interface PoolDeps {
  supervisorId: string;
  host: WorkerHost;
  clock: Clock;
  options: Readonly<SupervisorOptions>;
  crashes: CrashHistory;
  emit: Emit;
}

/**
 * The supervisor's workers: keeps as many active as the target says (none while paused or
 * closing), retires the surplus gracefully (drain → stop → kill, each step bounded), and
 * replaces crashed or hung workers behind a back-off gate. Every change ends in
 * {@link reconcile}, the one place that compares what runs with what is wanted.
 */
export class WorkerPool {
  readonly #d: PoolDeps;
  readonly #slots = new Map<string, WorkerSlot>();
  #next = 0;
  #target = 0;
  #paused = false;
  #closing = false;
  #onEmpty: (() => void) | null = null;
  readonly #gate: RestartGate;

  constructor(deps: PoolDeps) {
    this.#d = deps;
    this.#gate = new RestartGate(deps.clock, deps.crashes, deps.emit, () => this.reconcile());
  }

  get target(): number {
    return this.#target;
  }

  get paused(): boolean {
    return this.#paused;
  }

  /** Workers started to replace crashed or hung ones, since the supervisor started. */
  get restarts(): number {
    return this.#gate.restarts;
  }

  get slots(): ReadonlyMap<string, WorkerSlot> {
    return this.#slots;
  }

  get activeCount(): number {
    let n = 0;
    for (const slot of this.#slots.values()) if (slot.active) n++;
    return n;
  }

  setTarget(workers: number): void {
    this.#target = workers;
    this.reconcile();
  }

  /** Retires these workers (those the coordinator named for a scale-in) before anything else. */
  retireNamed(ids: readonly string[]): void {
    for (const id of ids) {
      const slot = this.#slots.get(id);
      if (slot?.active === true) this.#retire(slot, 'named');
    }
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.reconcile();
  }

  /**
   * Stops every worker for good: gracefully (drain → stop → kill), or at once with `force`
   * (also on top of a graceful close already under way). Resolves when none is left.
   */
  close(force: boolean): Promise<void> {
    this.#closing = true;
    this.#gate.cancel();
    const empty = new Promise<void>((resolve) => {
      const previous = this.#onEmpty;
      this.#onEmpty = () => {
        previous?.();
        resolve();
      };
    });
    for (const slot of [...this.#slots.values()]) {
      if (force && slot.state !== 'killed') this.#kill(slot, 'forced');
      else if (slot.active) this.#retire(slot, 'terminate');
    }
    this.reconcile();
    return empty;
  }

  /** Compares what runs with what is wanted and acts: retire the newest surplus, or start more. */
  reconcile(): void {
    if (this.#closing) {
      if (this.#slots.size === 0) {
        const done = this.#onEmpty;
        this.#onEmpty = null;
        done?.();
      }
      return;
    }
    const active = [...this.#slots.values()].filter((s) => s.active);
    const wanted = this.#paused ? 0 : this.#target;
    if (active.length >= wanted) {
      this.#gate.settled();
      // Newest first: they hold the fewest channels, so retiring them moves the least.
      active.sort((a, b) => b.n - a.n);
      const reason: RetireReason = this.#paused ? 'pause' : 'scale';
      for (const slot of active.slice(0, active.length - wanted)) this.#retire(slot, reason);
      return;
    }
    // A closed gate calls reconcile again when it opens.
    for (let missing = wanted - active.length; missing > 0 && this.#gate.isOpen(); missing--) {
      if (this.#spawn()) continue;
      // The failed spawn counted as a crash: asking again arms the gate's timer.
      this.#gate.isOpen();
      break;
    }
  }

  /** Kills running workers that sent nothing for `silenceTimeoutMs`. */
  checkSilence(): void {
    const limit = this.#d.options.silenceTimeoutMs;
    if (limit === null) return;
    const now = this.#d.clock.now();
    for (const slot of [...this.#slots.values()])
      if (slot.state === 'running' && now - slot.lastSeenAt >= limit) this.#hung(slot, 'silent');
  }

  /** Drains and replaces running workers above `workerMemoryLimitBytes`. */
  async checkMemory(): Promise<void> {
    const limit = this.#d.options.workerMemoryLimitBytes;
    const running = [...this.#slots.values()].filter((s) => s.state === 'running');
    await Promise.all(
      running.map(async (slot) => {
        const measured = await slot.handle.memory().catch(() => null);
        if (measured !== null) slot.memory = measured;
        const bytes = slot.memory;
        if (limit === null || bytes === null || bytes <= limit) return;
        if (this.#closing || slot.state !== 'running' || this.#slots.get(slot.id) !== slot) return;
        this.#d.emit('memory-limit', `worker ${slot.id} uses ${bytes} bytes (limit ${limit})`, slot.id, {
          bytes,
          limit,
        });
        this.#retire(slot, 'memory');
        // At once, not after the other checks: the replacement starts while this one drains.
        this.reconcile();
      }),
    );
    this.reconcile();
  }

  #spawn(): boolean {
    const { supervisorId, host, clock, options, emit } = this.#d;
    const n = ++this.#next;
    const workerId = `${supervisorId}-w${n}`;
    let handle: ReturnType<WorkerHost['spawn']>;
    try {
      handle = host.spawn({ workerId, supervisorId });
    } catch (err) {
      // Counted as a crash, so a host that cannot start anything backs off instead of spinning.
      this.#gate.crash(workerId, null, `spawn failed: ${err instanceof Error ? err.message : String(err)}`);
      return false;
    }
    const slot = new WorkerSlot(workerId, n, handle, clock.now());
    this.#slots.set(workerId, slot);
    const restart = this.#gate.started();
    handle.on('message', (message) => this.#onMessage(slot, message));
    handle.on('error', (err) => emit('error', `worker ${workerId}: ${err.message}`, workerId));
    handle.on('exit', (exit) => this.#onExit(slot, exit));
    slot.setDeadline(clock, options.readyTimeoutMs, () => this.#hung(slot, 'ready-timeout'));
    emit('spawned', `worker ${workerId} started (${handle.kind})`, workerId, {
      kind: handle.kind,
      restart,
      ...(handle.pid === undefined ? {} : { pid: handle.pid }),
    });
    return true;
  }

  #onMessage(slot: WorkerSlot, message: WorkerToSupervisor): void {
    if (this.#slots.get(slot.id) !== slot) return;
    slot.lastSeenAt = this.#d.clock.now();
    switch (message.type) {
      case 'ready':
        if (slot.state !== 'starting') return;
        slot.state = 'running';
        slot.clearDeadline();
        this.#d.emit('ready', `worker ${slot.id} is ready`, slot.id);
        return;
      case 'draining':
        return;
      case 'drained':
        if (slot.state === 'draining') this.#stop(slot, 'drained');
        else if (slot.active) {
          // Drained without our asking (the coordinator retired it): it holds nothing, let it go.
          slot.retireReason = 'drained';
          this.#stop(slot, 'drained');
          this.reconcile();
        }
        return;
      case 'stats':
        slot.memory = message.memory;
        slot.lagMs = message.lagMs;
        return;
      case 'fatal':
        slot.fatal = message.message;
        return;
    }
  }

  #retire(slot: WorkerSlot, reason: RetireReason): void {
    if (!slot.active) return;
    slot.retireReason = reason;
    this.#d.emit('retiring', `worker ${slot.id} retires (${reason})`, slot.id, { reason });
    // A worker that never said `ready` took no work (entry contract), so it has nothing to drain.
    if (slot.state === 'starting') {
      this.#stop(slot, 'not ready');
      return;
    }
    slot.state = 'draining';
    slot.handle.send({ type: 'drain' });
    slot.setDeadline(this.#d.clock, this.#d.options.drainTimeoutMs, () => this.#stop(slot, 'drain timeout'));
  }

  #stop(slot: WorkerSlot, why: string): void {
    slot.state = 'stopping';
    slot.handle.send({ type: 'stop' });
    this.#d.emit('stopping', `worker ${slot.id} told to stop (${why})`, slot.id, { why });
    slot.setDeadline(this.#d.clock, this.#d.options.killTimeoutMs, () => this.#kill(slot, 'stop timeout'));
  }

  #kill(slot: WorkerSlot, why: string): void {
    slot.state = 'killed';
    slot.handle.kill();
    this.#d.emit('killed', `worker ${slot.id} killed (${why})`, slot.id, { why });
    // A host that never reports the exit must not hold the pool (or a terminate) forever.
    slot.setDeadline(this.#d.clock, this.#d.options.killTimeoutMs, () => {
      this.#d.emit('lost', `worker ${slot.id} did not exit after kill; forgotten`, slot.id);
      this.#onExit(slot, { code: null, signal: null });
    });
  }

  #hung(slot: WorkerSlot, reason: HangReason): void {
    slot.hang = reason;
    // Recorded now, not at exit: until the exit arrives the slot no longer counts as active,
    // and its replacement must already wait behind the back-off gate.
    this.#crashOf(slot, null);
    this.#kill(slot, reason);
    this.reconcile();
  }

  #onExit(slot: WorkerSlot, exit: WorkerExit): void {
    if (this.#slots.get(slot.id) !== slot) return;
    slot.clearDeadline();
    this.#slots.delete(slot.id);
    const planned = (slot.retireReason !== null || this.#closing) && slot.hang === null;
    if (planned) {
      this.#d.emit('exited', `worker ${slot.id} exited (${describe(exit)})`, slot.id, { ...exit });
    } else {
      this.#crashOf(slot, exit);
    }
    this.reconcile();
  }

  #crashOf(slot: WorkerSlot, exit: WorkerExit | null): void {
    if (slot.crashRecorded) return;
    slot.crashRecorded = true;
    const why = slot.hang ?? slot.fatal ?? (exit === null ? 'unknown' : describe(exit));
    this.#gate.crash(slot.id, exit, why);
  }
}

function describe(exit: WorkerExit): string {
  if (exit.signal !== null) return `signal ${exit.signal}`;
  return exit.code === null ? 'no exit status' : `code ${exit.code}`;
}
