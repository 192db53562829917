import { isChannelLogin, TmiClusterError } from '@tmi-cluster/core';
import { loadConfig } from '../config/load.js';
import { type Config, configSchema } from '../config/schema.js';
import { serveControl } from '../control/server.js';
import { defaultControlPath } from '../control/socket-path.js';
import { type EmbeddedCluster, startEmbeddedCluster } from '../embedded/cluster.js';
import { controlHandler } from '../embedded/control.js';
import { type ClusterWeb, startClusterWeb } from '../embedded/web.js';
import { handleSignals } from '../signals.js';
import { UsageError } from '../usage-error.js';
import { ProgressLine } from './progress.js';
import type { StartOptions } from './start.js';
import {
  formatProgress,
  formatStartBanner,
  formatStatusLine,
  type Sample,
  sampleOf,
} from './start-output.js';
import { SIM_BOT, type StartSim, startSimForCluster, withSim } from './start-sim.js';

/** Where `start` writes; tests pass their own. */
export interface StartIo {
  out(text: string): void;
  err(line: string): void;
  tty: boolean;
}

const processIo: StartIo = {
  out: (text) => process.stdout.write(text),
  err: (line) => process.stderr.write(`tmi-cluster: ${line}\n`),
  tty: process.stdout.isTTY === true,
};

/**
 * `tmi-cluster start`: loads the config, optionally starts twitch-sim in-process and points the
 * config at it, runs the embedded cluster, serves the control socket, and prints a status line
 * every few seconds (with a progress bar while channels join). SIGINT/SIGTERM drain and stop;
 * resolves with the exit code (0 after a graceful stop).
 */
export async function runStart(opts: StartOptions, io: StartIo = processIo): Promise<number> {
  let { config } = await loadConfig(opts.config === undefined ? {} : { file: opts.config });
  if (opts.channels !== undefined) config = withChannels(config, opts.channels);

  let sim: StartSim | null = null;
  if (opts.sim) {
    sim = await startSimForCluster(opts.simChannels, opts.rate);
    config = withSim(config, sim.sim);
    // With the sim and no explicit channels, join every sim channel: that is the demo.
    if (opts.channels === undefined && config.channels.length === 0) {
      config = {
        ...config,
        channels: sim.sim
          .trafficSink()
          .channels()
          .map((c) => c.login),
      };
    }
  }
  config = revalidate(config);

  let cluster: EmbeddedCluster;
  try {
    cluster = await startEmbeddedCluster(config, {
      // The sim bot's 100-channel cap is lifted in the sim; lift the coordinator's to match.
      ...(sim && config.identity?.login === SIM_BOT.login
        ? { coordinator: { identities: { [SIM_BOT.login]: { maxChannels: null } } } }
        : {}),
      onSupervisorEvent: (e) => {
        if (e.type === 'crashed' || e.type === 'error' || e.type === 'killed' || e.type === 'memory-limit')
          io.err(e.message);
      },
      onDatabaseError: (message) => io.err(message),
    });
  } catch (err) {
    await sim?.close();
    throw err;
  }
  const controlPath = opts.control ?? defaultControlPath();
  let control: Awaited<ReturnType<typeof serveControl>>;
  try {
    control = await serveControl(controlPath, controlHandler(cluster));
  } catch (err) {
    await cluster.close();
    await sim?.close();
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }

  const web = opts.web && config.web.enabled ? await startWeb(cluster, config, io) : null;

  const write = (line: string) => io.out(`${line}\n`);
  for (const line of formatStartBanner({
    supervisorId: cluster.supervisor.id,
    workers: config.workers.min,
    identity: config.identity
      ? `${config.identity.login} (${config.identity.tier})`
      : 'anonymous (read-only)',
    server: `${config.server.secure ? 'wss' : 'ws'}://${config.server.host}:${config.server.port}`,
    control: control.path,
    sim: sim ? { channels: opts.simChannels, rate: opts.rate } : null,
    web: web
      ? `${web.server.url}${web.generated ? `  (admin token for this run: ${web.adminToken})` : ''}`
      : null,
  }))
    write(line);

  const reporter = startReporter(cluster, io, opts.stats * 1000);
  const stopSignals = handleSignals(
    {
      terminate: (o) => (o?.force ? cluster.supervisor.terminate({ force: true }) : cluster.close()),
      pause: () => cluster.supervisor.pause(),
      continue: () => cluster.supervisor.continue(),
    },
    { log: io.err },
  );
  const code = await cluster.supervisor.terminated;
  reporter.stop();
  const closed = await cluster.close();
  stopSignals();
  await web?.close();
  await control.close();
  await sim?.close();
  write(`tmi-cluster stopped (exit code ${closed})`);
  return code === closed ? code : Math.max(code, closed);
}

/**
 * The dashboard is a convenience next to the cluster: when its port is taken the cluster still
 * runs, and the reason is printed (set `web.port`, or `--no-web`).
 */
async function startWeb(
  cluster: EmbeddedCluster,
  config: Readonly<Config>,
  io: StartIo,
): Promise<ClusterWeb | null> {
  try {
    return await startClusterWeb(cluster, config);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const where = `${config.web.host}:${config.web.port}`;
    io.err(
      code === 'EADDRINUSE'
        ? `web: ${where} is in use; the dashboard is not running (set web.port, or start with --no-web)`
        : `web: the dashboard could not start on ${where}: ${err instanceof Error ? err.message : String(err)}`,
    );
    return null;
  }
}

/** `--channels a,b`: every name checked (bad ones named, exit 2), replacing the config's list. */
function withChannels(config: Readonly<Config>, list: string): Config {
  const names = list
    .split(',')
    .map((c) => c.trim().replace(/^#/, '').toLowerCase())
    .filter((c) => c.length > 0);
  const bad = names.filter((c) => !isChannelLogin(c));
  if (bad.length > 0) throw new UsageError(`--channels: invalid channel name(s): ${bad.join(', ')}`);
  return { ...config, channels: names };
}

/** Overrides went around the loader: validate the result once more and freeze it. */
function revalidate(config: Config): Readonly<Config> {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `invalid configuration\n  ${issues.join('\n  ')}`, {
      issues,
    });
  }
  return Object.freeze(parsed.data);
}

/**
 * Status lines every `everyMs`, and while channels are still joining a progress bar (redrawn
 * each second on a TTY).
 */
function startReporter(cluster: EmbeddedCluster, io: StartIo, everyMs: number): { stop(): void } {
  const progress = new ProgressLine({ tty: io.tty, write: io.out, everyMs: Math.max(everyMs, 1_000) });
  let last: Sample | null = null;
  let lastLineAt = Date.now();
  let joining = false;
  let busy = false;
  const tick = async () => {
    const status = await cluster.status();
    const now = Date.now();
    const sample = sampleOf(status, now);
    const { wanted, placements } = status.cluster.channels;
    if (placements.confirmed < wanted) {
      joining = true;
      progress.update(formatProgress(placements.confirmed, wanted), now);
    } else if (joining) {
      joining = false;
      progress.done(formatProgress(placements.confirmed, wanted));
    }
    if (everyMs > 0 && now - lastLineAt >= everyMs) {
      if (last !== null) {
        progress.break();
        io.out(`${formatStatusLine(status, sample, last)}\n`);
      }
      last = sample;
      lastLineAt = now;
    }
    last ??= sample;
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void tick()
      .catch(() => undefined)
      .finally(() => {
        busy = false;
      });
  }, 1_000);
  return {
    stop() {
      clearInterval(timer);
      progress.break();
    },
  };
}
