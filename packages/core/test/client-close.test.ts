import { afterEach, describe, expect, it } from 'vitest';
import { createClusterClient } from '../src/client/index.js';
import type { StreamLog } from '../src/ports/stream-log.js';
import { Groups, Streams } from '../src/protocol/streams.js';
import { ClientCluster } from './client-fixture.js';

let cluster: ClientCluster;
afterEach(async () => {
  await cluster.closeAll();
});

/** The real memory log, with the clean-up calls written down as they go through. */
function recorded(streams: StreamLog): { log: StreamLog; calls: string[] } {
  const calls: string[] = [];
  const log = new Proxy(streams, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (key !== 'destroy' && key !== 'deleteConsumer')
        return typeof value === 'function' ? value.bind(target) : value;
      return (...args: string[]) => {
        calls.push(`${String(key)} ${args.join(' ')}`);
        return (value as (...a: string[]) => Promise<void>).apply(target, args);
      };
    },
  });
  return { log, calls };
}

function client(log: StreamLog, options: Parameters<typeof createClusterClient>[1]) {
  const c = createClusterClient(
    {
      streams: log,
      store: cluster.store,
      registry: cluster.registry,
      dedup: cluster.dedup,
      clock: cluster.clock,
    },
    options,
  );
  cluster.clients.push(c);
  return c;
}

describe('client: close() leaves nothing behind', () => {
  it('deletes its reply stream and its consumers in the events and gaps groups', async () => {
    cluster = new ClientCluster();
    const { log, calls } = recorded(cluster.streams);
    const c = client(log, { clientId: 'gone', application: 'app' });
    c.on('message', () => {});
    c.on('gap', () => {});
    await c.ready();
    await cluster.streams.append(Streams.replies('gone'), { payload: '{}' });
    expect(await cluster.streams.length(Streams.replies('gone'))).toBe(1);
    await c.close();
    expect(calls.sort()).toEqual([
      `deleteConsumer ${Streams.events} ${Groups.application('app')} gone`,
      `deleteConsumer ${Streams.gaps} ${Groups.application('app')} gone`,
      `destroy ${Streams.replies('gone')}`,
    ]);
    expect(await cluster.streams.length(Streams.replies('gone'))).toBe(0);
  });

  it('keeps a consumer that still has entries pending, so another process can take them over', async () => {
    cluster = new ClientCluster();
    const { log, calls } = recorded(cluster.streams);
    const group = Groups.application('app');
    // An entry read for `busy` and never acknowledged: a read of a previous run that returned
    // after its stop, left pending on this consumer name.
    await cluster.streams.ensureGroup(Streams.gaps, group, 'start');
    await cluster.streams.append(Streams.gaps, { payload: '{}' });
    await cluster.streams.readGroup(Streams.gaps, group, 'busy', { count: 1, blockMs: 0 });
    const c = client(log, { clientId: 'busy', application: 'app' });
    c.on('gap', () => {});
    await c.close();
    expect(calls).toEqual([`destroy ${Streams.replies('busy')}`]);
    expect((await cluster.streams.pending(Streams.gaps, group)).map((p) => p.consumer)).toEqual(['busy']);
  });

  it('touches no group it never joined', async () => {
    cluster = new ClientCluster();
    const { log, calls } = recorded(cluster.streams);
    const c = client(log, { clientId: 'quiet' });
    await c.close();
    expect(calls).toEqual([`destroy ${Streams.replies('quiet')}`]);
  });
});
