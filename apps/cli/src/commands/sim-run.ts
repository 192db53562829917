import {
  createReplaySource,
  createTrafficGenerator,
  startOAuthFake,
  startTraffic,
  startTwitchSim,
  type TrafficHandle,
  type TrafficSource,
} from '@tmi-cluster/twitch-sim';
import { UsageError } from '../usage-error.js';
import type { SimCliOptions } from './sim.js';
import { formatSimBanner, formatSimStats, type SimStats } from './sim-output.js';

/** The OAuth app the sim registers so an invite screen can be tried against it without setup. */
export const DEV_OAUTH_CLIENT = {
  clientId: 'tmi-cluster-dev',
  clientSecret: 'tmi-cluster-dev-secret',
  redirectUris: ['http://127.0.0.1:8787/invite/callback', 'http://localhost:8787/invite/callback'],
};

/**
 * Runs twitch-sim until SIGINT/SIGTERM (or `--duration`): the IRC listeners, the OAuth/Helix fakes
 * and, unless `--rate 0`, generated or replayed chat. Prints what it serves, then counters.
 */
export async function runSim(opts: SimCliOptions, out: (line: string) => void = console.log): Promise<void> {
  const accounts = opts.account.map((pair) => {
    const [login, token] = pair.split(':') as [string, string];
    return { login, tokens: [token] };
  });
  const sim = await startTwitchSim({
    host: opts.host,
    tcpPort: opts.port,
    wsPort: opts.wsPort,
    channels: opts.channels,
    accounts,
    limits: { enabled: opts.limits === 'on' },
    pingIntervalMs: opts.pingInterval * 1000,
  }).catch((err: unknown) => {
    throw listenError(err);
  });
  const oauth = await startOAuthFake({
    host: opts.host,
    port: opts.httpPort,
    accounts: sim.accounts,
    clients: [DEV_OAUTH_CLIENT],
  }).catch(async (err: unknown) => {
    await sim.close();
    throw listenError(err);
  });

  let traffic: TrafficHandle | null = null;
  const sink = sim.trafficSink();
  if (opts.rate > 0 && sink.channels().length > 0) {
    let source: TrafficSource;
    try {
      source = opts.replay
        ? createReplaySource({ file: opts.replay, channels: sink.channels(), seed: opts.seed })
        : createTrafficGenerator({ seed: opts.seed, channels: sink.channels() });
    } catch (err) {
      await Promise.all([sim.close(), oauth.close()]);
      throw new UsageError(`--replay: ${err instanceof Error ? err.message : String(err)}`);
    }
    traffic = startTraffic(sink, source, { ratePerSecond: opts.rate });
  }

  for (const line of formatSimBanner({ opts, sim, oauth, clientId: DEV_OAUTH_CLIENT.clientId })) out(line);

  const startedAt = Date.now();
  let last: SimStats = { at: startedAt, emitted: 0, delivered: 0 };
  const stats = () => {
    const now: SimStats = {
      at: Date.now(),
      emitted: traffic?.emitted ?? 0,
      delivered: sim.groundTruth.totals().lines,
    };
    out(formatSimStats(now, last, sim.connections()));
    last = now;
  };
  const statsTimer = opts.stats > 0 ? setInterval(stats, opts.stats * 1000) : null;

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    if (opts.duration) setTimeout(stop, opts.duration * 1000).unref();
  });

  if (statsTimer) clearInterval(statsTimer);
  traffic?.stop();
  stats();
  await Promise.all([sim.close(), oauth.close()]);
  out('twitch-sim stopped');
}

function listenError(err: unknown): Error {
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'EADDRINUSE' || e?.code === 'EACCES') {
    return new UsageError(`cannot listen: ${e.message} (choose another port, or 0 for any free port)`);
  }
  return err instanceof Error ? err : new Error(String(err));
}
