import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ClientCluster } from './client-fixture.js';

let cluster: ClientCluster;

beforeEach(() => {
  cluster = new ClientCluster();
});
afterEach(async () => {
  await cluster.closeAll();
});

describe('status()', () => {
  it('lists workers and supervisors from the registry and channel totals from the store', async () => {
    await cluster.registry.heartbeat(
      {
        kind: 'supervisor',
        id: 's1',
        host: 'h1',
        state: 'running',
        startedAt: 1,
        data: { workers: 2, target: 3, paused: false },
      },
      60_000,
    );
    await cluster.heartbeatWorker('w2', 'justinfan1', { channels: 'garbage' });
    await cluster.heartbeatWorker('w1', 'bot', { channels: 2, wanted: 3, connections: 1, memory: 123 });
    await cluster.placed('w1', ['a', 'b']);
    await cluster.placed('w1', ['c'], 'pending');

    const client = cluster.client({ clientId: 'cli', application: 'ops' });
    const status = await client.status();
    expect(status.at).toBe(cluster.clock.now());
    expect(status.workers.map((w) => w.id)).toEqual(['w1', 'w2']);
    expect(status.workers[0]).toMatchObject({
      id: 'w1',
      host: 'host-w1',
      state: 'ready',
      identity: 'bot',
      channels: 2,
      wanted: 3,
      connections: 1,
      supervisorId: null,
      data: { memory: 123 },
    });
    expect(status.workers[1]).toMatchObject({ identity: 'justinfan1', channels: 0 });
    expect(status.supervisors).toEqual([
      expect.objectContaining({ id: 's1', state: 'running', workers: 2, target: 3 }),
    ]);
    expect(status.channels).toMatchObject({
      wanted: 3,
      placements: { pending: 1, confirmed: 2, failed: 0 },
      perWorker: { w1: 3 },
    });
    expect(status.client).toMatchObject({
      clientId: 'cli',
      application: 'ops',
      closed: false,
      pendingRequests: 0,
      consuming: false,
      events: { read: 0, delivered: 0 },
    });
    client.on('message', () => {});
    expect((await client.status()).client.consuming).toBe(true);
    await client.close();
    expect((await client.status()).client).toMatchObject({ closed: true, consuming: false });
  });
});
