import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type ClusterClient,
  type ClusterClientOptionsInput,
  type ClusterStatus,
  Coordinator,
  CoordinatorElection,
  type CoordinatorOptionsInput,
  type CoordinatorStatus,
  createClusterClient,
  Supervisor,
  type SupervisorEvent,
  type SupervisorStatus,
  systemClock,
  type ChannelManager,
  type WorkerHost,
} from '@tmi-cluster/core';
import { createRedisPorts } from '@tmi-cluster/redis';
import type { SqlDatabase } from '@tmi-cluster/db';
import type { Config } from '../config/schema.js';
import { ProcessWorkerHost } from '../hosts/process-host.js';
import { ThreadWorkerHost } from '../hosts/thread-host.js';
import { openClusterChannels } from './channel-manager.js';
import { TrackingHost } from './host-tracker.js';
import { coordinatorOptionsFrom, supervisorOptionsFrom } from './options.js';
import { createMemoryPorts, type EmbeddedPorts } from './ports.js';
import { type ProcessEntry, resolveProcessEntry } from './process-entry.js';
import { resolveThreadEntry, type ThreadEntry } from './thread-entry.js';
import { workerConfigFrom } from './worker-config.js';

/** Knobs of {@link startEmbeddedCluster} that are not configuration (tests, the CLI). */
export interface EmbeddedOptions {
  /** Host name in the registry. Default os.hostname(). */
  host?: string;
  /** Client settings (application name, timeouts …). */
  client?: ClusterClientOptionsInput;
  /** Coordinator settings laid over the ones derived from the config. */
  coordinator?: CoordinatorOptionsInput;
  /** Supervisor events (spawned, crashed, restarted …), e.g. for a log. */
  onSupervisorEvent?: (event: SupervisorEvent) => void;
  /** Where worker threads start. Default: the built entry, or the TypeScript one from source. */
  threadEntry?: ThreadEntry;
  /** Upper bound of close(). Default: the supervisor's drain timeout + 15 s. */
  closeTimeoutMs?: number;
  /** Trouble with the `database` (connection lost, event log not written); the cluster carries on. */
  onDatabaseError?: (message: string) => void;
  /**
   * Cluster mode: every port on this Redis (same URL and prefix on every node), workers as child
   * processes that open their own Redis connections. Omitted: embedded (in-memory, threads).
   */
  redis?: { url?: string; prefix?: string };
  /** Where process workers start (cluster mode). Default: the built entry, or the TypeScript one. */
  processEntry?: ProcessEntry;
}

/** Everything an embedded cluster reports at once (the CLI's `status`). */
export interface EmbeddedStatus {
  cluster: ClusterStatus;
  supervisor: SupervisorStatus;
  coordinator: CoordinatorStatus;
  leader: boolean;
}

/** A running embedded cluster: one supervisor, its worker threads, the coordinator, a client. */
export interface EmbeddedCluster {
  readonly client: ClusterClient;
  readonly supervisor: Supervisor;
  readonly coordinator: Coordinator;
  readonly ports: EmbeddedPorts;
  /** The `database` the channel manager runs on; null with the Dummy manager. */
  readonly database: SqlDatabase | null;
  /** Worker ids whose thread is running. */
  workerIds(): string[];
  /** Ends one worker thread at once, as a crash would (failover drills, tests). */
  killWorker(workerId: string): boolean;
  status(): Promise<EmbeddedStatus>;
  /** Graceful, bounded stop; resolves with the supervisor's exit code. Idempotent. */
  close(): Promise<number>;
}

/**
 * Starts a whole cluster in this process on in-memory ports (plus the `database`, when configured,
 * for the Database channel manager; its migrations are applied first): a Supervisor whose workers are
 * threads (WorkerRuntime + tmi.js), a CoordinatorElection that runs the Coordinator while this
 * process holds the lease (always, here: it is the only candidate), and a ClusterClient on the
 * same ports. `config.channels` are joined before it resolves (their join is asked, not awaited
 * until confirmed).
 */
export async function startEmbeddedCluster(
  config: Readonly<Config>,
  options: EmbeddedOptions = {},
): Promise<EmbeddedCluster> {
  const host = options.host ?? hostname();
  const id = `${host.replace(/[^A-Za-z0-9._-]/g, '_')}-${randomBytes(4).toString('hex')}`;
  const channels = await openClusterChannels(config, systemClock, options.onDatabaseError);
  const node = await openNode(config, host, channels.manager, options);
  const { ports } = node;
  const tracker = new TrackingHost(node.workerHost);
  const supervisor = new Supervisor(
    {
      id,
      host,
      pid: process.pid,
      registry: ports.registry,
      streams: ports.streams,
      workerHost: tracker,
      clock: systemClock,
      ...(options.onSupervisorEvent === undefined ? {} : { onEvent: options.onSupervisorEvent }),
    },
    supervisorOptionsFrom(config),
  );
  let election: CoordinatorElection | null = null;
  const coordinator = new Coordinator(
    {
      streams: ports.streams,
      registry: ports.registry,
      limiter: ports.limiter,
      store: ports.store,
      channels: ports.channels,
      ...(channels.events === null ? {} : { channelEvents: channels.events }),
      clock: systemClock,
    },
    coordinatorOptionsFrom(config, id, { ...channels.coordinator, ...options.coordinator }),
    () => void election?.lost(),
  );
  election = new CoordinatorElection({
    lease: ports.lease,
    clock: systemClock,
    holderId: id,
    role: coordinator,
    ttlMs: config.coordinator.leaseTtlMs,
  });
  const client = createClusterClient(
    {
      streams: ports.streams,
      store: ports.store,
      registry: ports.registry,
      dedup: ports.dedup,
      clock: systemClock,
      ...(channels.restrictMessages === null ? {} : { restrictMessages: channels.restrictMessages }),
    },
    { ...(config.identity === undefined ? {} : { identity: config.identity.login }), ...options.client },
  );

  const stopAll = async () => {
    await election?.stop();
    await client.close();
    await node.close();
    await channels.close();
  };
  try {
    await supervisor.start();
    await election.start();
    if (config.channels.length > 0) await client.join(config.channels);
  } catch (err) {
    await supervisor.terminate({ force: true });
    await stopAll();
    throw err;
  }

  let closing: Promise<number> | null = null;
  const closeTimeoutMs = options.closeTimeoutMs ?? supervisor.options.drainTimeoutMs + 15_000;
  return {
    client,
    supervisor,
    coordinator,
    ports,
    database: channels.database,
    workerIds: () => tracker.ids,
    killWorker: (workerId) => tracker.kill(workerId),
    async status() {
      return {
        cluster: await client.status(),
        supervisor: supervisor.status(),
        coordinator: coordinator.status(),
        leader: election?.leader ?? false,
      };
    },
    close() {
      closing ??= shutdown();
      return closing;
    },
  };

  async function shutdown(): Promise<number> {
    // The coordinator (drainedWhenAlone) tells each draining worker `drained` at once: with every
    // worker draining there is nobody to hand channels to, so each stops gracefully right away.
    const terminated = supervisor.terminate();
    const bound = setTimeout(() => void supervisor.terminate({ force: true }), closeTimeoutMs);
    const code = await terminated;
    clearTimeout(bound);
    await stopAll();
    return code;
  }
}

/** The ports and the worker host of one node: embedded (memory, threads) or cluster (Redis, processes). */
async function openNode(
  config: Readonly<Config>,
  host: string,
  channels: ChannelManager,
  options: EmbeddedOptions,
): Promise<{ ports: EmbeddedPorts; workerHost: WorkerHost; close: () => Promise<void> }> {
  const worker = workerConfigFrom(config, host);
  const redisSettings = options.redis ?? config.redis;
  if (redisSettings === undefined) {
    const ports = createMemoryPorts(channels);
    const entry = options.threadEntry ?? resolveThreadEntry();
    const workerHost = new ThreadWorkerHost({
      entry: entry.entry,
      execArgv: entry.execArgv,
      ports: { streams: ports.streams, registry: ports.registry, limiter: ports.limiter, dedup: ports.dedup },
      config: { ...entry.data, worker },
    });
    return { ports, workerHost, close: async () => ports.streams.close() };
  }
  const redis = redisSettings;
  const opened = await createRedisPorts({
    ...(redis.url === undefined ? {} : { url: redis.url }),
    ...(redis.prefix === undefined ? {} : { prefix: redis.prefix }),
  });
  const entry = options.processEntry ?? resolveProcessEntry();
  const workerHost = new ProcessWorkerHost({
    entry: entry.entry,
    execArgv: entry.execArgv,
    config: { worker, redis: { ...redis } },
  });
  const { streams, registry, limiter, dedup, lease, store } = opened;
  return {
    ports: { streams, registry, limiter, dedup, lease, store, channels },
    workerHost,
    close: () => opened.close(),
  };
}
