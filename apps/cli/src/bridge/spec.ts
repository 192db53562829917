import type { DedupStore, RateLimiter, Registry, StreamLog } from '@tmi-cluster/core';

/** Names of the promise-returning methods of `T`: what a bridge can forward. */
export type AsyncMethodNames<T> = {
  [K in keyof T]-?: NonNullable<T[K]> extends (...args: never[]) => Promise<unknown> ? K : never;
}[keyof T] &
  string;

/**
 * The methods of one port that may cross the bridge (an allowlist: the server refuses every
 * other name, so a worker cannot call `close` or anything else on a main-thread adapter).
 * `T` is carried only as a type.
 */
export interface PortSpec<T> {
  readonly methods: readonly string[];
  /** Type carrier; never set. */
  readonly port?: T;
}

/** A set of named ports, e.g. {@link WORKER_PORTS}. */
export type PortSpecs = Readonly<Record<string, PortSpec<unknown>>>;

/** The port objects a spec describes. */
export type PortsOf<S extends PortSpecs> = { [K in keyof S]: S[K] extends PortSpec<infer T> ? T : never };

/**
 * Declares a bridged port. The argument must list every async method of `T` (a missing one is a
 * type error), so a method added to a port later cannot be forgotten here.
 */
export function portSpec<T>(methods: Record<AsyncMethodNames<T>, true>): PortSpec<T> {
  return Object.freeze({ methods: Object.freeze(Object.keys(methods)) });
}

/** The ports a worker thread uses from the main thread in embedded mode. */
export const WORKER_PORTS = Object.freeze({
  streams: portSpec<StreamLog>({
    append: true,
    appendMany: true,
    ensureGroup: true,
    readGroup: true,
    ack: true,
    claimIdle: true,
    pending: true,
    range: true,
    length: true,
    trim: true,
    deleteConsumer: true,
    destroy: true,
  }),
  registry: portSpec<Registry>({ heartbeat: true, get: true, list: true, sweepExpired: true, remove: true }),
  limiter: portSpec<RateLimiter>({ take: true, available: true, record: true }),
  dedup: portSpec<DedupStore>({ claim: true, claimAll: true }),
});

export type WorkerPortSpecs = typeof WORKER_PORTS;

/** What a worker gets as `ctx.ports`. */
export type WorkerPorts = PortsOf<WorkerPortSpecs>;
