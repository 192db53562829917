import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Cluster, Redis } from 'ioredis';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * A three-master Redis Cluster of this test alone (no replicas, no persistence): Redis refuses a
 * script or MULTI whose keys span hash slots, which proves the key layout's hash tags.
 */
export class PrivateCluster {
  readonly ports: number[];
  readonly #dir: string;
  readonly #children: ChildProcess[] = [];

  private constructor(ports: number[], dir: string) {
    this.ports = ports;
    this.#dir = dir;
  }

  static async start(): Promise<PrivateCluster> {
    const ports = [await freePort(), await freePort(), await freePort()];
    const cluster = new PrivateCluster(ports, mkdtempSync(path.join(tmpdir(), 'tmi-redis-cluster-')));
    try {
      await cluster.#start();
    } catch (err) {
      await cluster.stop();
      throw err;
    }
    return cluster;
  }

  get nodes(): string[] {
    return this.ports.map((port) => `127.0.0.1:${port}`);
  }

  /** A plain cluster client, for setup and cleanup. */
  client(): Cluster {
    const client = new Cluster(
      this.nodes.map((node) => ({ host: '127.0.0.1', port: Number(node.split(':')[1]) })),
    );
    client.on('error', () => {});
    return client;
  }

  async stop(): Promise<void> {
    await Promise.all(
      this.#children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGKILL');
          }),
      ),
    );
    rmSync(this.#dir, { recursive: true, force: true });
  }

  async #start(): Promise<void> {
    for (const port of this.ports) {
      const args = [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-config-file',
        path.join(this.#dir, `nodes-${port}.conf`),
        '--dir',
        this.#dir,
        '--save',
        '',
        '--appendonly',
        'no',
      ];
      this.#children.push(spawn('redis-server', args, { stdio: 'ignore' }));
    }
    for (const port of this.ports) {
      await until(
        async () => {
          const probe = new Redis(port, '127.0.0.1', { lazyConnect: true, retryStrategy: () => null });
          probe.on('error', () => {});
          try {
            await probe.connect();
            return (await probe.ping()) === 'PONG';
          } finally {
            probe.disconnect();
          }
        },
        5_000,
        `cluster node ${port}`,
      );
    }
    const created = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...this.nodes, '--cluster-replicas', '0', '--cluster-yes'],
      { encoding: 'utf8' },
    );
    if (created.status !== 0) throw new Error(`redis-cli --cluster create failed: ${created.stderr}`);
    await until(
      async () => {
        const probe = new Redis(this.ports[0]!, '127.0.0.1', {
          lazyConnect: true,
          retryStrategy: () => null,
        });
        probe.on('error', () => {});
        try {
          await probe.connect();
          return String(await probe.cluster('INFO')).includes('cluster_state:ok');
        } finally {
          probe.disconnect();
        }
      },
      10_000,
      'cluster_state:ok',
    );
  }
}

/** Whether redis-server and redis-cli are on PATH. */
export function clusterBinaries(): boolean {
  return (
    spawnSync('redis-server', ['--version']).status === 0 &&
    spawnSync('redis-cli', ['--version']).status === 0
  );
}
