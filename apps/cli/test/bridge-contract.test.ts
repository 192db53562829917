import { MessageChannel } from 'node:worker_threads';
import {
  type Lease,
  ManualClock,
  MemoryDedupStore,
  MemoryLease,
  MemoryRateLimiter,
  MemoryRegistry,
  MemoryStreamLog,
} from '@tmi-cluster/core';
import {
  dedupStoreContract,
  leaseContract,
  type PortFactory,
  rateLimiterContract,
  registryContract,
  streamLogContract,
} from '@tmi-cluster/core/testing';
import { connectPorts } from '../src/bridge/connect.js';
import { exposePorts } from '../src/bridge/expose.js';
import { type PortSpecs, type PortsOf, portSpec, WORKER_PORTS } from '../src/bridge/spec.js';

/**
 * Every port contract of core, run against the bridge: the adapter lives on one end of a real
 * MessageChannel, the suite calls it from the other. What passes here behaves in a worker thread
 * exactly as the adapter does in the main thread.
 */
function bridged<S extends PortSpecs, K extends keyof S & string>(
  spec: S,
  name: K,
  create: (clock: ManualClock) => PortsOf<S>[K],
): PortFactory<PortsOf<S>[K]> {
  return async () => {
    const clock = new ManualClock();
    const { port1, port2 } = new MessageChannel();
    const impls = { [name]: create(clock) } as Partial<PortsOf<S>>;
    const server = exposePorts(port1, impls, spec);
    const client = connectPorts(port2, spec);
    return {
      port: client[name],
      // Calls in flight must reach the adapter before time moves, or a blocking read would
      // start its wait after the advance.
      advance: async (ms) => {
        await client.ping();
        clock.advance(ms);
        await client.ping();
      },
      now: () => clock.now(),
      cleanup: async () => {
        client.close();
        server.close();
      },
    };
  };
}

streamLogContract(
  'bridged memory',
  bridged(WORKER_PORTS, 'streams', (clock) => new MemoryStreamLog({ clock })),
  { exactTime: true },
);
registryContract(
  'bridged memory',
  bridged(WORKER_PORTS, 'registry', (clock) => new MemoryRegistry({ clock })),
  { exactTime: true },
);
rateLimiterContract(
  'bridged memory',
  bridged(WORKER_PORTS, 'limiter', (clock) => new MemoryRateLimiter({ clock })),
  { exactTime: true },
);
dedupStoreContract(
  'bridged memory',
  bridged(WORKER_PORTS, 'dedup', (clock) => new MemoryDedupStore({ clock })),
  { exactTime: true },
);

// The bridge is generic: any port with an allowlist crosses it, here the coordinator's lease.
const LEASE_PORTS = { lease: portSpec<Lease>({ acquire: true, renew: true, release: true, current: true }) };
leaseContract(
  'bridged memory',
  bridged(LEASE_PORTS, 'lease', (clock) => new MemoryLease({ clock })),
  { exactTime: true },
);
