import { DatabaseChannelManager } from '@tmi-cluster/core';
import { startTwitchSim, type TwitchSim } from '@tmi-cluster/twitch-sim';
// Test-only: the CLI's embedded cluster is the real thing the web server runs next to. The web
// package itself never imports the CLI (the CLI depends on web).
import { configSchema } from '../../../cli/src/config/schema.js';
import { type EmbeddedCluster, startEmbeddedCluster } from '../../../cli/src/embedded/index.js';
import { buildWebApp, type WebApp, type WebAppOptions } from '../../src/app.js';
import { PortsBackend } from '../../src/backend/ports-backend.js';

export const BOT = { login: 'webbot', token: 'webbottoken' };
export const ADMIN_TOKEN = 'admin-token-for-tests-0123456789';

export interface Harness {
  sim: TwitchSim;
  cluster: EmbeddedCluster;
  backend: PortsBackend;
  app: WebApp;
  close(): Promise<void>;
}

/** twitch-sim with `channels` channels, an embedded cluster on it, a backend and the web app. */
export async function startHarness(
  channels: number,
  web: Partial<WebAppOptions> = {},
  extraAccounts: { login: string; tokens: string[]; displayName?: string; profileImageUrl?: string }[] = [],
  extraConfig: Record<string, unknown> = {},
): Promise<Harness> {
  const sim = await startTwitchSim({
    accounts: [{ login: BOT.login, tokens: [BOT.token], profile: 'verified' }, ...extraAccounts],
    channels,
    limits: { enabled: true },
  });
  const config = configSchema.parse({
    identity: { login: BOT.login, token: BOT.token, tier: 'verified' },
    anonymous: { tier: 'verified' },
    server: { host: '127.0.0.1', port: sim.wsPort ?? 0, secure: false },
    supervisor: { drainTimeoutMs: 3_000 },
    workers: { min: 1, max: 2 },
    ...extraConfig,
  });
  const cluster = await startEmbeddedCluster(config);
  const backend = new PortsBackend(
    {
      registry: cluster.ports.registry,
      store: cluster.ports.store,
      streams: cluster.ports.streams,
      lease: cluster.ports.lease,
      limiter: cluster.ports.limiter,
      channels: cluster.ports.channels,
      channelStore:
        cluster.ports.channels instanceof DatabaseChannelManager ? cluster.ports.channels.store : null,
      client: cluster.client,
      coordinator: cluster.coordinator,
    },
    { sampleMs: 250, tierOf: () => 'verified' },
  );
  await backend.start();
  const app = await buildWebApp({
    backend,
    config: { adminToken: ADMIN_TOKEN },
    clusterConfig: config,
    botLogin: BOT.login,
    publicDir: null,
    ...web,
  });
  return {
    sim,
    cluster,
    backend,
    app,
    async close() {
      await app.close();
      await backend.close();
      await cluster.close();
      await sim.close();
    },
  };
}

export async function until(
  cond: () => boolean | Promise<boolean>,
  what: string,
  ms = 20_000,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Signs in with the admin token; returns the cookie header and CSRF token. */
export async function login(app: WebApp): Promise<{ cookie: string; csrf: string }> {
  const res = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { token: ADMIN_TOKEN } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'tmi_session');
  if (cookie === undefined) throw new Error('no session cookie');
  return { cookie: `tmi_session=${cookie.value}`, csrf: (res.json() as { csrfToken: string }).csrfToken };
}

let seq = 0;

/** A Twitch-like tagged PRIVMSG with a fresh id. */
export function chat(channel: string, text = 'hello', user = 'viewer'): { id: string; line: string } {
  const id = `00000000-0000-4000-8000-${String(++seq).padStart(12, '0')}`;
  const tags = `@badge-info=;badges=;color=#FF0000;display-name=${user[0]!.toUpperCase()}${user.slice(1)};emotes=;first-msg=0;flags=;id=${id};mod=0;room-id=1;subscriber=0;tmi-sent-ts=${Date.now()};turbo=0;user-id=42;user-type=`;
  return { id, line: `${tags} :${user}!${user}@${user}.tmi.twitch.tv PRIVMSG #${channel} :${text}` };
}

/** Kills the first worker and waits until a new one holds `channels` channels again. */
export async function killAndRejoin(h: Harness, channels: number): Promise<void> {
  const killed = (await h.cluster.ports.registry.list('worker'))[0]!;
  h.cluster.killWorker(killed.id);
  // The dead worker's placements look confirmed until its heartbeat expires: wait for the new one.
  await until(
    async () =>
      (await h.cluster.ports.registry.list('worker')).some(
        (w) => (w.id !== killed.id || w.startedAt !== killed.startedAt) && w.data['channels'] === channels,
      ),
    'channels re-joined by a new worker',
    30_000,
  );
}
