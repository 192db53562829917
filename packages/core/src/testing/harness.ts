import { afterEach, beforeEach } from 'vitest';
import { TmiClusterError } from '../errors/index.js';

/**
 * One adapter under test, fresh for each test. The suites name their streams and keys freely
 * ('events', 'coordinator'), so an adapter on a shared server gives every harness its own key
 * prefix and removes it in `cleanup`.
 */
export interface PortHarness<P> {
  port: P;
  /**
   * Lets `ms` of the port's time pass. Memory adapters advance their ManualClock; an adapter on
   * real server time sleeps. The suites keep TTLs around 50–300 ms so real-time runs stay fast.
   */
  advance(ms: number): Promise<void>;
  /** The port's current time: exact for a ManualClock, approximate for a remote server. */
  now(): number;
  cleanup(): Promise<void>;
}

export type PortFactory<P> = () => Promise<PortHarness<P>>;

export interface ContractOptions {
  /**
   * True when `advance` moves the adapter's clock by exactly `ms` and nothing else moves it (a
   * ManualClock). Enables the tests that probe boundaries to the millisecond (TTL exactly at
   * expiry, window exactly at `windowMs`); real-time adapters cannot hit a millisecond and skip them.
   */
  exactTime?: boolean;
}

/** Creates a fresh harness before each test and cleans it up after; read it inside tests. */
export function useHarness<P>(factory: PortFactory<P>): () => PortHarness<P> {
  let current: PortHarness<P> | undefined;
  beforeEach(async () => {
    current = await factory();
  });
  afterEach(async () => {
    const done = current;
    current = undefined;
    await done?.cleanup();
  });
  return () => {
    if (current === undefined) {
      throw new TmiClusterError('TMI_ERR_NOT_CONNECTED', 'the contract harness exists only inside a test');
    }
    return current;
  };
}

/** Real time, for the few tests that must prove something did not happen too early. */
export function realPause(ms: number): Promise<void> {
  return new Promise((resolve) => globalThis.setTimeout(resolve, ms));
}

/** Records when a promise settles, so a test can assert it is still pending. */
export function track<T>(promise: Promise<T>): { promise: Promise<T>; readonly settled: boolean } {
  let settled = false;
  const tracked = promise.finally(() => {
    settled = true;
  });
  return {
    promise: tracked,
    get settled() {
      return settled;
    },
  };
}
