import { randomBytes } from 'node:crypto';
import { DatabaseChannelManager } from '@tmi-cluster/core';
import { PortsBackend, startWebServer, type WebServer } from '@tmi-cluster/web';
import type { Config } from '../config/schema.js';
import type { EmbeddedCluster } from './cluster.js';

/** The dashboard next to an embedded cluster. */
export interface ClusterWeb {
  server: WebServer;
  backend: PortsBackend;
  /** The admin token to sign in with; generated for this run when the config has none. */
  adminToken: string;
  generated: boolean;
  close(): Promise<void>;
}

/**
 * Serves the web dashboard and API for an embedded cluster, on the same ports the cluster runs on
 * (the backend reads the registry, store, streams and lease, exactly as it would on Redis). Without
 * `web.adminToken` a random one is made for this run, so the quick start can sign in.
 */
export async function startClusterWeb(
  cluster: EmbeddedCluster,
  config: Readonly<Config>,
): Promise<ClusterWeb> {
  const { ports } = cluster;
  const generated = config.web.adminToken === undefined;
  const adminToken = config.web.adminToken ?? randomBytes(18).toString('base64url');
  const identity = config.identity;
  const backend = new PortsBackend(
    {
      registry: ports.registry,
      store: ports.store,
      streams: ports.streams,
      lease: ports.lease,
      limiter: ports.limiter,
      channels: ports.channels,
      channelStore: ports.channels instanceof DatabaseChannelManager ? ports.channels.store : null,
      client: cluster.client,
      coordinator: cluster.coordinator,
    },
    {
      tierOf: (login) =>
        identity !== undefined && login === identity.login ? identity.tier : config.anonymous.tier,
    },
  );
  await backend.start();
  let server: WebServer;
  try {
    server = await startWebServer({
      backend,
      config: { ...config.web, adminToken },
      clusterConfig: config,
      botLogin: identity?.login ?? null,
    });
  } catch (err) {
    await backend.close();
    throw err;
  }
  return {
    server,
    backend,
    adminToken,
    generated,
    async close() {
      await server.close();
      await backend.close();
    },
  };
}
