import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseChannelManager } from '../src/channels/database-channel-manager.js';
import { type ClusterClient, createClusterClient } from '../src/client/index.js';
import { MemoryChannelStore } from '../src/memory/memory-channel-store.js';
import type { SayResult } from '../src/protocol/results.js';
import { ClientCluster, until } from './client-fixture.js';

const sent = (channel: string): SayResult => ({ status: 'sent', channel, messageId: 'm-1', parts: 1 });

describe('say with restrictMessages', () => {
  const clients: ClusterClient[] = [];
  afterEach(async () => {
    await Promise.all(clients.splice(0).map((c) => c.close()));
  });

  async function setup(restrict: boolean) {
    const cluster = new ClientCluster();
    const manager = new DatabaseChannelManager(new MemoryChannelStore(), { clock: cluster.clock });
    await manager.authorize(['allowed']);
    await cluster.heartbeatWorker('w1', 'bot');
    await cluster.placed('w1', ['allowed', 'elsewhere']);
    const client = createClusterClient({
      streams: cluster.streams,
      store: cluster.store,
      registry: cluster.registry,
      dedup: cluster.dedup,
      clock: cluster.clock,
      ...(restrict ? { restrictMessages: manager } : {}),
    });
    clients.push(client);
    return { cluster, manager, client };
  }

  it('refuses an unauthorized channel with a clear result and sends nothing', async () => {
    const { cluster, client } = await setup(true);
    expect(await client.say('#Elsewhere', 'hi')).toEqual({
      status: 'rejected',
      channel: 'elsewhere',
      reason: 'unauthorized',
    });
    expect(await cluster.says('w1')).toEqual([]);
  });

  it('sends to an authorized channel, and refuses it again once revoked', async () => {
    const { cluster, client, manager } = await setup(true);
    const result = client.say('allowed', 'hi');
    await until(async () => (await cluster.says('w1')).length > 0);
    const [command] = await cluster.says('w1');
    await cluster.answerSay(command!, sent('allowed'));
    expect(await result).toEqual(sent('allowed'));
    await manager.revoke(['allowed']);
    expect(await client.say('allowed', 'again')).toMatchObject({
      status: 'rejected',
      reason: 'unauthorized',
    });
    expect(await cluster.says('w1')).toHaveLength(1);
  });

  it('without restrictMessages, any held channel may be sent to', async () => {
    const { cluster, client } = await setup(false);
    const result = client.say('elsewhere', 'hi');
    await until(async () => (await cluster.says('w1')).length > 0);
    const [command] = await cluster.says('w1');
    await cluster.answerSay(command!, sent('elsewhere'));
    expect(await result).toEqual(sent('elsewhere'));
  });
});
