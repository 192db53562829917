import { join, part } from './command-handler.js';
import type { Term } from './term.js';

/**
 * Auto-reconnect: channels authorized with `reconnect` that are not wanted are joined (the
 * original did this on every supervisor behind a lock; here once, in the coordinator).
 */
export async function autoReconnect(term: Term): Promise<void> {
  const reconnectable = await askChannelManager(term, 'auto-reconnect', () =>
    term.deps.channels.reconnectable(),
  );
  if (reconnectable === undefined) return;
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
  const stale = await askChannelManager(term, 'stale cleanup', () =>
    term.deps.channels.stale([...term.model.wanted.keys()]),
  );
  if (stale === undefined || stale.size === 0) return;
  await part(term, [...stale], 'stale');
  term.events.event('stale', `${stale.size} stale channel(s) parted`, { count: stale.size });
}

/**
 * A channel manager that cannot answer (its database is down) skips this round of the hook: the
 * channels held stay held, the hook runs again at its next interval. Nothing was written yet, so
 * unlike a failed store write this needs no rebuild of the term.
 */
async function askChannelManager<T>(term: Term, hook: string, ask: () => Promise<T>): Promise<T | undefined> {
  try {
    return await ask();
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    term.events.event(
      'error',
      `${hook} skipped: the channel manager failed (${message}); retrying next interval`,
      {
        hook,
      },
    );
    return undefined;
  }
}
