import { ManualClock } from '../src/clock/manual-clock.js';
import { Coordinator } from '../src/coordinator/coordinator.js';
import type { CoordinatorOptionsInput } from '../src/coordinator/options.js';
import type { CoordinatorDeps } from '../src/coordinator/term.js';
import { DummyChannelManager } from '../src/memory/dummy-channel-manager.js';
import { MemoryAssignmentStore } from '../src/memory/memory-assignment-store.js';
import { MemoryLease } from '../src/memory/memory-lease.js';
import { MemoryRateLimiter } from '../src/memory/memory-rate-limiter.js';
import { MemoryRegistry } from '../src/memory/memory-registry.js';
import { MemoryStreamLog } from '../src/memory/memory-stream-log.js';
import type { ChannelManager } from '../src/ports/channel-manager.js';
import type { MemberRecord } from '../src/ports/registry.js';
import { type WorkerCommand, workerCommandSchema } from '../src/protocol/commands.js';
import { decodePayload, encodePayload } from '../src/protocol/envelope.js';
import type { WorkerReport } from '../src/protocol/reports.js';
import type { CoordinatorReply } from '../src/protocol/results.js';
import { Streams } from '../src/protocol/streams.js';

export const HEARTBEAT_TTL = 5_000;

/** Every port in memory on one ManualClock: a whole cluster without I/O or sleeps. */
export class Cluster {
  readonly clock = new ManualClock();
  readonly streams = new MemoryStreamLog({ clock: this.clock });
  readonly registry = new MemoryRegistry({ clock: this.clock });
  readonly limiter = new MemoryRateLimiter({ clock: this.clock });
  readonly lease = new MemoryLease({ clock: this.clock });
  readonly store = new MemoryAssignmentStore();
  channels: ChannelManager = new DummyChannelManager();

  deps(clock = this.clock): CoordinatorDeps {
    return {
      streams: this.streams,
      registry: this.registry,
      limiter: this.limiter,
      store: this.store,
      channels: this.channels,
      clock,
      random: () => 0.5,
    };
  }

  /** A coordinator with the scaler off unless asked for (most tests register no supervisors). */
  coordinator(options: CoordinatorOptionsInput = {}, onLeaseLost?: () => void): Coordinator {
    return new Coordinator(this.deps(), { scaler: false, ...options }, onLeaseLost);
  }

  /** Starts a coordinator under a fresh lease grant. */
  async active(options: CoordinatorOptionsInput = {}, holder = 'c1'): Promise<Coordinator> {
    const grant = await this.lease.acquire('coordinator', holder, 60_000);
    const coordinator = this.coordinator({ consumer: holder, ...options });
    await coordinator.start({ lease: 'coordinator', token: grant!.token });
    return coordinator;
  }

  async worker(id: string, options: Partial<WorkerSpec> = {}): Promise<SimWorker> {
    const worker = new SimWorker(this, id, {
      host: `host-${id}`,
      capacity: 100,
      identity: 'bot',
      state: 'ready',
      ...options,
    });
    await worker.heartbeat();
    return worker;
  }

  async send(command: unknown): Promise<void> {
    await this.streams.append(Streams.coordinator, encodePayload(command));
  }

  async report(report: WorkerReport): Promise<void> {
    await this.streams.append(Streams.reports, encodePayload(report));
  }

  async replies(clientId: string): Promise<CoordinatorReply[]> {
    const entries = await this.streams.range(Streams.replies(clientId), '-', '+');
    return entries.map((e) => JSON.parse(e.fields['payload']!) as CoordinatorReply);
  }

  /** Every worker command sent so far, with the time it was appended. */
  async sent(workerId: string): Promise<{ at: number; command: WorkerCommand }[]> {
    const entries = await this.streams.range(Streams.worker(workerId), '-', '+');
    return entries.map((e) => {
      const decoded = decodePayload(e.fields, workerCommandSchema);
      if (!decoded.ok) throw new Error(decoded.reason);
      return { at: Number(e.id.split('-')[0]), command: decoded.value };
    });
  }
}

export interface WorkerSpec {
  host: string;
  capacity: number;
  identity: string;
  state: string;
  supervisorId?: string;
}

/** A worker played by the test: heartbeats, reads its command stream, reports like a real one. */
export class SimWorker {
  #seen = 0;
  readonly held = new Set<string>();

  constructor(
    readonly cluster: Cluster,
    readonly id: string,
    public spec: WorkerSpec,
  ) {}

  async heartbeat(patch: Partial<WorkerSpec> = {}, ttlMs = HEARTBEAT_TTL): Promise<void> {
    this.spec = { ...this.spec, ...patch };
    const record: MemberRecord = {
      kind: 'worker',
      id: this.id,
      host: this.spec.host,
      state: this.spec.state,
      startedAt: 0,
      data: { capacity: this.spec.capacity, identity: this.spec.identity },
    };
    if (this.spec.supervisorId !== undefined) record.supervisorId = this.spec.supervisorId;
    await this.cluster.registry.heartbeat(record, ttlMs);
  }

  /** Commands received since the last call. */
  async take(): Promise<WorkerCommand[]> {
    const all = await this.cluster.sent(this.id);
    const fresh = all.slice(this.#seen).map((s) => s.command);
    this.#seen = all.length;
    return fresh;
  }

  /** Executes new commands as Twitch would answer: every join confirmed, every part done. */
  async confirm(): Promise<WorkerCommand[]> {
    const commands = await this.take();
    const at = this.cluster.clock.now();
    for (const command of commands) {
      if (command.type === 'join') {
        for (const channel of command.channels) {
          this.held.add(channel);
          await this.cluster.report({ type: 'joined', workerId: this.id, connectionId: 'c0', channel, at });
        }
      } else if (command.type === 'part') {
        for (const channel of command.channels) this.held.delete(channel);
      }
    }
    return commands;
  }
}

/** A channel manager with an explicit list (the shape a Database manager will have). */
export class ListChannelManager implements ChannelManager {
  readonly allowed = new Map<string, { reconnect: boolean; revoked: boolean }>();
  readonly staleSet = new Set<string>();

  async authorized(channels: readonly string[]): Promise<Set<string>> {
    return new Set(channels.filter((c) => this.allowed.get(c)?.revoked === false));
  }

  async authorize(channels: readonly string[], options: { reconnect?: boolean } = {}): Promise<void> {
    for (const c of channels) this.allowed.set(c, { reconnect: options.reconnect ?? false, revoked: false });
  }

  async revoke(channels: readonly string[]): Promise<void> {
    for (const c of channels) {
      const row = this.allowed.get(c);
      if (row !== undefined) row.revoked = true;
    }
  }

  async acknowledged(): Promise<void> {}

  async stale(channels: readonly string[]): Promise<Set<string>> {
    return new Set(channels.filter((c) => this.staleSet.has(c) || this.allowed.get(c)?.revoked === true));
  }

  async reconnectable(): Promise<string[]> {
    return [...this.allowed].filter(([, row]) => row.reconnect && !row.revoked).map(([c]) => c);
  }
}

/** Join commands' channels per worker, from the streams. */
export async function joinsOf(cluster: Cluster, workerId: string): Promise<string[]> {
  const sent = await cluster.sent(workerId);
  return sent.flatMap((s) => (s.command.type === 'join' ? s.command.channels : []));
}
