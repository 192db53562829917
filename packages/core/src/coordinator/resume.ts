import { sweep } from './liveness.js';
import type { Term } from './term.js';

/** Page size when a new term reads the store: few round trips at 250,000 channels. */
const PAGE = 5_000;

/**
 * Builds a term's state from the store: claims the fence (which locks out the previous holder's
 * writes), loads every wanted channel with its placements, sweeps (re-homing channels of workers
 * that died meanwhile), queues channels short of workers, and creates the consumer groups.
 */
export async function resume(term: Term): Promise<void> {
  const { store } = term.deps;
  await store.claimFence(term.fence);
  let cursor: string | null = null;
  do {
    const page = await store.list(cursor, PAGE);
    for (const item of page.items) term.model.load(item);
    cursor = page.cursor;
  } while (cursor !== null);
  await sweep(term);
  for (const channel of term.model.wanted.keys())
    if (term.distributor.deficit(channel) > 0) term.distributor.queue.add(channel);
  await term.commands.ensure();
  await term.reports.ensure();
}
