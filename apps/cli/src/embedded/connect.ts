import { type ClusterClient, TmiClusterError } from '@tmi-cluster/core';
import { type Config, type ConfigInput, configSchema } from '../config/schema.js';
import { type EmbeddedCluster, type EmbeddedOptions, startEmbeddedCluster } from './cluster.js';

/** What {@link connectCluster} resolves with: the client, plus the cluster behind it. */
export interface ConnectedCluster {
  client: ClusterClient;
  /** The embedded cluster this process runs (status, failover drills). */
  cluster: EmbeddedCluster;
  /** Closes the client and stops the cluster (graceful, bounded); resolves with its exit code. */
  close(): Promise<number>;
}

/**
 * The application's entry point: validates `config` (a config object as in
 * `tmi-cluster.config.ts`, or an already resolved one), starts the cluster and returns its
 * client. Today that is always the embedded cluster (worker threads in this process, in-memory
 * ports); cluster mode with Redis will branch here on a `redis` key.
 */
export async function connectCluster(
  config: ConfigInput | Readonly<Config> = {},
  options: EmbeddedOptions = {},
): Promise<ConnectedCluster> {
  const parsed = configSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const key = issue.path.map(String).join('.') || '(root)';
      const message =
        issue.code === 'unrecognized_keys' ? `unknown key(s) ${issue.keys.join(', ')}` : issue.message;
      return `${key}: ${message}`;
    });
    throw new TmiClusterError('TMI_ERR_INVALID_CONFIG', `invalid configuration\n  ${issues.join('\n  ')}`, {
      issues,
    });
  }
  const cluster = await startEmbeddedCluster(Object.freeze(parsed.data), options);
  return { client: cluster.client, cluster, close: () => cluster.close() };
}
