import { createServer } from 'node:net';
import {
  createTrafficGenerator,
  type OAuthFake,
  startOAuthFake,
  startTraffic,
  startTwitchSim,
  type TrafficHandle,
  type TwitchSim,
  type TwitchSimOptions,
} from '@tmi-cluster/twitch-sim';
// Test-only: the CLI's embedded cluster is the real thing the web server runs next to (the web
// package itself never imports the CLI, which depends on it).
import { type ConfigInput, configSchema } from '../../../cli/src/config/schema.js';
import { type EmbeddedCluster, startEmbeddedCluster } from '../../../cli/src/embedded/index.js';
import { PortsBackend } from '../../src/backend/ports-backend.js';
import type { ChannelManagerKind } from '../../src/backend/types.js';
import type { WebAppOptions } from '../../src/app.js';
import { type WebServer, startWebServer } from '../../src/server.js';
import { ensureUiBuilt } from './ui-build.js';

export const BOT = { login: 'dashbot', token: 'dashbottoken' };
export const ADMIN_TOKEN = 'e2e-admin-token-0123456789abcdef';
export const TWITCH_APP = { clientId: 'e2e-client', clientSecret: 'e2e-secret' };

export interface Stack {
  sim: TwitchSim;
  cluster: EmbeddedCluster;
  backend: PortsBackend;
  web: WebServer;
  oauth: OAuthFake | null;
  traffic: TrafficHandle | null;
  /** Stops the web server only (the cluster keeps running), as a crash or deploy would. */
  stopWeb(): Promise<void>;
  /** A new web server on the same port and backend (sessions are in memory: they are gone). */
  restartWeb(): Promise<void>;
  close(): Promise<void>;
}

export interface StackOptions {
  sim: TwitchSimOptions;
  cluster?: ConfigInput;
  /** Lines per second the sim's traffic generator sends over its channels (0: none). */
  trafficPerSecond?: number;
  /** Run the OAuth/Helix fakes and configure Twitch sign-in against them. */
  twitch?: { signedInAs: string; allowlist?: string[] };
  managerKind?: ChannelManagerKind;
  /** Web app options laid over the defaults (e.g. a faster `liveIntervalMs`). */
  web?: Pick<WebAppOptions, 'liveIntervalMs'>;
}

/** A free TCP port on loopback (the OAuth fake must know the web server's redirect URL up front). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/**
 * Everything a user of the dashboard talks to, for real: twitch-sim over sockets (with traffic),
 * an embedded cluster (worker threads + tmi.js), the ports backend and the listening web server
 * serving the built SPA; optionally the sim's OAuth/Helix fakes for Twitch sign-in.
 */
export async function startStack(options: StackOptions): Promise<Stack> {
  const publicDir = ensureUiBuilt();
  const sim = await startTwitchSim({
    tcpPort: false,
    wsPort: 0,
    ...options.sim,
    accounts: [
      { login: BOT.login, tokens: [BOT.token], profile: 'verified' },
      ...(options.sim.accounts ?? []),
    ],
  });
  const config = configSchema.parse({
    identity: { login: BOT.login, token: BOT.token, tier: 'verified' },
    anonymous: { tier: 'verified' },
    server: { host: '127.0.0.1', port: sim.wsPort ?? 0, secure: false },
    supervisor: { drainTimeoutMs: 3_000 },
    ...options.cluster,
  });
  const cluster = await startEmbeddedCluster(config, {
    // The sim runs without limits here; the cluster's own JOIN pacing would otherwise take
    // 100 s for 20,000 channels.
    coordinator: { anonymousJoinLimit: { count: 1_000_000, windowMs: 1_000 } },
  });
  const backend = new PortsBackend(
    {
      registry: cluster.ports.registry,
      store: cluster.ports.store,
      streams: cluster.ports.streams,
      lease: cluster.ports.lease,
      limiter: cluster.ports.limiter,
      channels: cluster.ports.channels,
      client: cluster.client,
      coordinator: cluster.coordinator,
    },
    {
      tierOf: () => 'verified',
      ...(options.managerKind === undefined ? {} : { managerKind: options.managerKind }),
    },
  );
  await backend.start();

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let oauth: OAuthFake | null = null;
  if (options.twitch !== undefined) {
    oauth = await startOAuthFake({
      accounts: sim.accounts,
      clients: [{ ...TWITCH_APP, redirectUris: [`${base}/invite/callback`, `${base}/auth/twitch/callback`] }],
      autoApproveAs: options.twitch.signedInAs,
    });
  }
  const webOptions = {
    ...options.web,
    backend,
    publicDir,
    botLogin: BOT.login,
    clusterConfig: config,
    config: {
      port,
      adminToken: ADMIN_TOKEN,
      allowlist: options.twitch?.allowlist ?? [],
      ...(oauth === null
        ? {}
        : {
            twitch: {
              ...TWITCH_APP,
              authorizeUrl: `${oauth.idBaseUrl}/authorize`,
              tokenUrl: `${oauth.idBaseUrl}/token`,
              helixUrl: oauth.helixBaseUrl,
              redirectUri: base,
            },
          }),
    },
  };
  let web = await startWebServer(webOptions);
  const sink = sim.trafficSink();
  const traffic =
    (options.trafficPerSecond ?? 0) > 0 && sink.channels().length > 0
      ? startTraffic(sink, createTrafficGenerator({ seed: 7, channels: sink.channels() }), {
          ratePerSecond: options.trafficPerSecond ?? 0,
        })
      : null;

  return {
    sim,
    cluster,
    backend,
    get web() {
      return web;
    },
    oauth,
    traffic,
    stopWeb: () => web.close(),
    async restartWeb() {
      web = await startWebServer(webOptions);
    },
    async close() {
      traffic?.stop();
      await web.close();
      await backend.close();
      await cluster.close();
      await oauth?.close();
      await sim.close();
    },
  };
}

let chatSeq = 0;

/** A Twitch-like tagged PRIVMSG from `viewer` with a fresh id, for `sim.inject`. */
export function chatLine(channel: string, text: string): string {
  const id = `00000000-0000-4000-9000-${String(++chatSeq).padStart(12, '0')}`;
  const tags = `@badge-info=;badges=;color=#1E90FF;display-name=Viewer;emotes=;first-msg=0;flags=;id=${id};mod=0;room-id=1;subscriber=0;tmi-sent-ts=${Date.now()};turbo=0;user-id=42;user-type=`;
  return `${tags} :viewer!viewer@viewer.tmi.twitch.tv PRIVMSG #${channel} :${text}`;
}
