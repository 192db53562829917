import { isTmiClusterError, TmiClusterError } from '@tmi-cluster/core';

/**
 * Maps what Redis and ioredis throw to TmiClusterError codes, in one place (STYLE.md #8). Scripts
 * signal their own refusals with `redis.error_reply('TMI_<REASON> …')`.
 */
export function fromRedisError(err: unknown, context: Record<string, unknown> = {}): Error {
  if (isTmiClusterError(err)) return err;
  const message = err instanceof Error ? err.message : String(err);
  const options = { cause: err };
  if (message.startsWith('NOGROUP') || message.includes('requires the key to exist')) {
    return new TmiClusterError(
      'TMI_ERR_NO_SUCH_GROUP',
      'the stream or its consumer group does not exist; call ensureGroup first',
      context,
      options,
    );
  }
  if (message.startsWith('UNBLOCKED')) {
    return new TmiClusterError(
      'TMI_ERR_NO_SUCH_GROUP',
      'the stream was deleted while a read waited on it',
      context,
      options,
    );
  }
  const lost = /^TMI_LEASE_LOST (\d+)/.exec(message);
  if (lost) {
    const highest = Number(lost[1]);
    return new TmiClusterError(
      'TMI_ERR_LEASE_LOST',
      `fencing token ${String(context['token'])} of lease "${String(context['lease'])}" is older than ${highest}`,
      { ...context, highest },
      options,
    );
  }
  if (
    message === 'Connection is closed.' ||
    message.startsWith('Reached the max retries per request') ||
    message.includes("Stream isn't writeable") ||
    message.includes('ECONNREFUSED') ||
    message.includes('ECONNRESET')
  ) {
    return new TmiClusterError(
      'TMI_ERR_NOT_CONNECTED',
      `Redis is not reachable: ${message}`,
      context,
      options,
    );
  }
  return err instanceof Error ? err : new Error(message);
}

/** Runs a Redis call and rethrows its failure through {@link fromRedisError}. */
export async function mapErrors<T>(call: () => Promise<T>, context?: Record<string, unknown>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    throw fromRedisError(err, context);
  }
}
