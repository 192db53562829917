import { ManualClock } from '../src/clock/manual-clock.js';
import { MemoryRegistry } from '../src/memory/memory-registry.js';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import type {
  SupervisorToWorker,
  WorkerExit,
  WorkerHandle,
  WorkerHandleEvents,
  WorkerHost,
  WorkerSpawnOptions,
  WorkerToSupervisor,
} from '../src/ports/worker-host.js';
import { encodePayload } from '../src/protocol/envelope.js';
import { Streams } from '../src/protocol/streams.js';
import type { SupervisorEvent } from '../src/supervisor/events.js';
import type { SupervisorOptionsInput } from '../src/supervisor/options.js';
import { Supervisor } from '../src/supervisor/supervisor.js';

/** How a fake worker answers on its own; tests turn parts off to play hung or slow workers. */
export interface FakeBehaviour {
  /** Says `ready` right after spawn. */
  ready: boolean;
  /** Answers `drain` with `draining` + `drained`. */
  drain: boolean;
  /** Exits with code 0 on `stop`. */
  stop: boolean;
  /** Exits (SIGKILL) on kill(). */
  kill: boolean;
}

type Listeners = { [E in keyof WorkerHandleEvents]: ((...args: WorkerHandleEvents[E]) => void)[] };

/** A worker that lives in the test: records what it was sent and answers per its behaviour. */
export class FakeHandle implements WorkerHandle {
  readonly kind = 'thread' as const;
  readonly received: SupervisorToWorker[] = [];
  readonly #listeners: Listeners = { message: [], error: [], exit: [] };
  memoryBytes: number | null = null;
  killed = false;
  exited: WorkerExit | null = null;

  constructor(
    readonly id: string,
    readonly spawnedAt: number,
    readonly behaviour: FakeBehaviour,
  ) {
    // Hosts never emit from inside spawn(): the supervisor subscribes after spawn returns.
    if (behaviour.ready) queueMicrotask(() => this.say({ type: 'ready' }));
  }

  send(message: SupervisorToWorker): void {
    if (this.exited !== null) return;
    this.received.push(message);
    queueMicrotask(() => {
      if (message.type === 'drain' && this.behaviour.drain) {
        this.say({ type: 'draining' });
        this.say({ type: 'drained' });
      }
      if (message.type === 'stop' && this.behaviour.stop) this.exit({ code: 0, signal: null });
    });
  }

  kill(): void {
    this.killed = true;
    if (this.behaviour.kill) queueMicrotask(() => this.exit({ code: null, signal: 'SIGKILL' }));
  }

  on<E extends keyof WorkerHandleEvents>(event: E, listener: (...args: WorkerHandleEvents[E]) => void): void {
    this.#listeners[event].push(listener);
  }

  async memory(): Promise<number | null> {
    return this.memoryBytes;
  }

  /** The worker sends a message. */
  say(message: WorkerToSupervisor): void {
    if (this.exited !== null) return;
    for (const l of this.#listeners.message) l(message);
  }

  /** The worker ends (crash, or exit on stop). */
  exit(exit: WorkerExit): void {
    if (this.exited !== null) return;
    this.exited = exit;
    for (const l of this.#listeners.exit) l(exit);
  }
}

/** A WorkerHost that creates FakeHandles; `next` sets the behaviour of the following spawns. */
export class FakeWorkerHost implements WorkerHost {
  readonly handles: FakeHandle[] = [];
  next: FakeBehaviour = { ready: true, drain: true, stop: true, kill: true };
  failSpawn = false;

  constructor(private readonly clock: ManualClock) {}

  spawn(options: WorkerSpawnOptions): WorkerHandle {
    if (this.failSpawn) throw new Error('no more threads');
    const handle = new FakeHandle(options.workerId, this.clock.now(), { ...this.next });
    this.handles.push(handle);
    return handle;
  }

  /** Handles that have not exited. */
  get alive(): FakeHandle[] {
    return this.handles.filter((h) => h.exited === null);
  }

  byId(id: string): FakeHandle {
    const handle = this.handles.find((h) => h.id === id);
    if (handle === undefined) throw new Error(`no worker ${id}`);
    return handle;
  }
}

export const T0 = Date.UTC(2024, 0, 1);

/** Lets microtasks and setImmediate callbacks run (message round trips, stream reads). */
export async function flush(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export interface Fixture {
  clock: ManualClock;
  host: FakeWorkerHost;
  registry: MemoryRegistry;
  streams: MemoryStreamLog;
  supervisor: Supervisor;
  events: SupervisorEvent[];
  /** Own memory the supervisor reports (bytes). */
  selfMemory: { bytes: number | null };
  ofType(type: SupervisorEvent['type']): SupervisorEvent[];
  /** Appends a command payload to the supervisor's stream and lets it be handled. */
  command(payload: unknown): Promise<void>;
  /** Advances the clock, letting promise chains run after every timer. */
  advance(ms: number): Promise<void>;
}

/** A started supervisor `sup` on a ManualClock with a fake host and in-memory ports. */
export async function startSupervisor(options: SupervisorOptionsInput = {}): Promise<Fixture> {
  const clock = new ManualClock(T0);
  const host = new FakeWorkerHost(clock);
  const registry = new MemoryRegistry({ clock });
  const streams = new MemoryStreamLog({ clock });
  const events: SupervisorEvent[] = [];
  const selfMemory = { bytes: 50_000_000 as number | null };
  const supervisor = new Supervisor(
    {
      id: 'sup',
      host: 'host-a',
      pid: 4242,
      registry,
      streams,
      workerHost: host,
      clock,
      random: () => 0,
      selfMemory: () => selfMemory.bytes,
      onEvent: (e) => events.push(e),
    },
    options,
  );
  await supervisor.start();
  await flush();
  return {
    clock,
    host,
    registry,
    streams,
    supervisor,
    events,
    selfMemory,
    ofType: (type) => events.filter((e) => e.type === type),
    command: async (payload) => {
      await streams.append(Streams.supervisor('sup'), encodePayload(payload));
      await flush();
    },
    advance: async (ms) => {
      await clock.advanceAsync(ms);
      await flush();
    },
  };
}
