import type { MessagePort } from 'node:worker_threads';
import { TmiClusterError } from '@tmi-cluster/core';
import { type PortSpecs, type PortsOf, WORKER_PORTS, type WorkerPortSpecs } from './spec.js';
import { isRequest, type Request, type Response, toWireError } from './wire.js';

type Method = (...args: unknown[]) => unknown;

/** The serving end of a bridge; closing it also rejects every call pending on the other end. */
export interface ExposedPorts {
  close(): void;
  readonly closed: boolean;
}

/**
 * Serves `impls` (main-thread adapters) to the other end of `port`, where {@link connectPorts}
 * turns them back into objects. Only the methods in `spec` can be called; calls run
 * concurrently, so a blocking `readGroup` does not hold up the others. Results and errors go back
 * by structured clone; an error keeps its TmiClusterError code and details.
 */
export function exposePorts<S extends PortSpecs = WorkerPortSpecs>(
  port: MessagePort,
  impls: Partial<PortsOf<S>>,
  spec: S = WORKER_PORTS as unknown as S,
): ExposedPorts {
  const table = new Map<string, Map<string, Method>>();
  for (const [name, portSpec] of Object.entries(spec)) {
    const impl = (impls as Record<string, Record<string, unknown> | undefined>)[name];
    if (impl === undefined) continue;
    const methods = new Map<string, Method>();
    for (const method of portSpec.methods) {
      const fn = impl[method];
      // Bound once here, not per call.
      if (typeof fn === 'function') methods.set(method, (fn as Method).bind(impl));
    }
    table.set(name, methods);
  }
  let closed = false;

  const reply = (message: Response): void => {
    if (closed) return;
    try {
      port.postMessage(message);
    } catch (err) {
      // A result that cannot be cloned (a function, a class instance with private state).
      port.postMessage([message[0], 0, toWireError(err)] satisfies Response);
    }
  };

  /** The answer to one request: at once, or when the adapter's promise settles. */
  const answer = (
    id: number,
    name: string,
    method: string,
    args: unknown[],
  ): Response | Promise<Response> => {
    if (name === '') return [id, 1, undefined];
    const fn = table.get(name)?.get(method);
    if (fn === undefined) {
      const rule = `${name}.${method} is not an exposed port method`;
      return [id, 0, toWireError(new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', rule, { rule }))];
    }
    try {
      return Promise.resolve(fn(...args)).then(
        (value): Response => [id, 1, value],
        (err: unknown): Response => [id, 0, toWireError(err)],
      );
    } catch (err) {
      return [id, 0, toWireError(err)];
    }
  };

  const onMessage = (message: unknown): void => {
    // Not a request, so there is no id to answer: ignore it.
    if (!isRequest(message)) return;
    const [id, name, method, args]: Request = message;
    const response = answer(id, name, method, args);
    if (Array.isArray(response)) reply(response);
    else void response.then(reply);
  };

  const close = (): void => {
    if (closed) return;
    closed = true;
    port.off('message', onMessage);
    port.close();
  };
  port.on('message', onMessage);
  port.once('close', close);
  return {
    close,
    get closed() {
      return closed;
    },
  };
}
