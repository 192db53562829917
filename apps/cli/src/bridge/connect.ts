import type { MessagePort } from 'node:worker_threads';
import { TmiClusterError } from '@tmi-cluster/core';
import { type PortSpecs, type PortsOf, WORKER_PORTS, type WorkerPortSpecs } from './spec.js';
import { fromWireError, isResponse, type Request } from './wire.js';

/** Control of the calling end of a bridge. */
export interface BridgeControl {
  /** Resolves once the other end has received every call made before it. */
  ping(): Promise<void>;
  /** Closes the port; pending and later calls reject with TMI_ERR_CLOSED. */
  close(): void;
  readonly closed: boolean;
}

export type ConnectedPorts<S extends PortSpecs> = PortsOf<S> & BridgeControl;

interface Pending {
  resolve(value: unknown): void;
  reject(err: Error): void;
  /** For the TMI_ERR_CLOSED message. */
  what: string;
}

const RESERVED = new Set(['ping', 'close', 'closed']);

/**
 * The calling end of a bridge: one object per port in `spec` whose methods send a request over
 * `port` (correlated by id) and settle with the answer. When the port closes (either end, or
 * the other thread dies) every pending call rejects with TMI_ERR_CLOSED, so none waits forever.
 */
export function connectPorts<S extends PortSpecs = WorkerPortSpecs>(
  port: MessagePort,
  spec: S = WORKER_PORTS as unknown as S,
): ConnectedPorts<S> {
  const pending = new Map<number, Pending>();
  let nextId = 0;
  let closed = false;

  const closedError = (what: string) =>
    new TmiClusterError('TMI_ERR_CLOSED', `the port bridge is closed (${what})`, { call: what });

  const call = (name: string, method: string, args: unknown[]): Promise<unknown> => {
    const what = name === '' ? 'ping' : `${name}.${method}`;
    if (closed) return Promise.reject(closedError(what));
    // Ids wrap well before 2^53; a wrapped id cannot collide with a call still pending that long.
    const id = nextId;
    nextId = nextId === Number.MAX_SAFE_INTEGER ? 0 : nextId + 1;
    return new Promise((resolve, reject) => {
      try {
        port.postMessage([id, name, method, args] satisfies Request);
      } catch (err) {
        // Arguments that cannot be cloned: nothing was sent.
        reject(err instanceof Error ? err : new Error(String(err)));
        return;
      }
      pending.set(id, { resolve, reject, what });
    });
  };

  const shutDown = (): void => {
    if (closed) return;
    closed = true;
    port.off('message', onMessage);
    port.close();
    for (const p of pending.values()) p.reject(closedError(p.what));
    pending.clear();
  };

  const onMessage = (message: unknown): void => {
    if (!isResponse(message)) return;
    const p = pending.get(message[0]);
    if (p === undefined) return;
    pending.delete(message[0]);
    if (message[1] === 1) p.resolve(message[2]);
    else p.reject(fromWireError(message[2]));
  };
  port.on('message', onMessage);
  port.once('close', shutDown);

  const client: Record<string, unknown> = {};
  for (const [name, portSpec] of Object.entries(spec)) {
    if (RESERVED.has(name)) {
      throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `port name "${name}" is reserved`, {
        port: name,
      });
    }
    const proxy: Record<string, (...args: unknown[]) => Promise<unknown>> = {};
    // One closure per method at connect time; a call allocates only its message and promise.
    for (const method of portSpec.methods) proxy[method] = (...args) => call(name, method, args);
    client[name] = Object.freeze(proxy);
  }
  Object.defineProperties(client, {
    ping: { value: () => call('', '', []).then(() => undefined) },
    close: { value: shutDown },
    closed: { get: () => closed },
  });
  return client as ConnectedPorts<S>;
}
