import { isTmiClusterError, TmiClusterError } from '@tmi-cluster/core';
import type { Redis } from 'ioredis';
import type { BlockingPool } from './connection/blocking-pool.js';
import { mapErrors } from './errors.js';
import type { KeySpace } from './keys.js';

/** What every Redis adapter shares: the command connection (scripts defined) and the key names. */
export interface RedisContext {
  redis: Redis;
  keys: KeySpace;
  /** True once the ports were closed: calls then fail with TMI_ERR_CLOSED. */
  closed(): boolean;
}

/** The stream log also needs connections for blocking reads. */
export interface StreamContext extends RedisContext {
  blocking: BlockingPool;
  /** Cap (`MAXLEN ~`) for appends that give no `maxLen`; undefined: no cap. */
  defaultMaxLen: number | undefined;
}

/** Runs one adapter call: refused after close, Redis errors mapped to TmiClusterError codes. */
export async function guard<T>(
  ctx: RedisContext,
  call: () => Promise<T>,
  details?: Record<string, unknown>,
): Promise<T> {
  if (ctx.closed()) throw closedError();
  try {
    return await mapErrors(call, details);
  } catch (err) {
    // A call that was under way when the ports closed fails as closed, not as a lost connection.
    throw ctx.closed() && !isTmiClusterError(err, 'TMI_ERR_INVALID_ARGUMENT') ? closedError() : err;
  }
}

function closedError(): TmiClusterError {
  return new TmiClusterError('TMI_ERR_CLOSED', 'the Redis ports were closed');
}
