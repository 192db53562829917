import { join, part } from './command-handler.js';
import type { Term } from './term.js';

/**
 * Auto-reconnect: channels authorized with `reconnect` that are not wanted are joined (the
 * original did this on every supervisor behind a lock; here once, in the coordinator).
 */
export async function autoReconnect(term: Term): Promise<void> {
  const reconnectable = await term.deps.channels.reconnectable();
  const missing = reconnectable.filter((channel) => !term.model.wanted.has(channel));
  if (missing.length === 0) return;
  const result = await join(term, missing);
  term.events.event('reconnect', `${missing.length} reconnectable channel(s) joined`, {
    count: missing.length,
    resolved: Object.keys(result.resolved).length,
  });
}

/** Stale cleanup: wanted channels the channel manager calls stale (revoked, not acknowledged) are parted. */
export async function staleCleanup(term: Term): Promise<void> {
  if (term.model.wanted.size === 0) return;
  const stale = await term.deps.channels.stale([...term.model.wanted.keys()]);
  if (stale.size === 0) return;
  await part(term, [...stale], 'stale');
  term.events.event('stale', `${stale.size} stale channel(s) parted`, { count: stale.size });
}
