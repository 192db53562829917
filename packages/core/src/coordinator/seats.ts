import { maxChannelsFor } from './options.js';
import type { Term } from './term.js';

/**
 * Answers the senders' seat requests of this tick: grants what fits each account's
 * concurrent-channel budget (what its readers, if any, do not use already) and sends `unseat` to
 * the holders of the least recently used channels for the rest.
 */
export async function grantSeats(term: Term): Promise<void> {
  const fence = term.fence.token;
  for (const identity of term.seats.waiting()) {
    const max = maxChannelsFor(term.options, identity);
    const room = max === null ? null : Math.max(0, max - term.distributor.readerUse(identity));
    const plan = term.seats.plan(identity, room, term.now);
    // Grants first: a worker must hear of a seat before it can be asked to give it back.
    for (const { workerId, channel } of plan.grants)
      await term.outbox.worker(workerId, { type: 'seat', identity, channel, fence });
    for (const { workerId, channel } of plan.revokes)
      await term.outbox.worker(workerId, { type: 'unseat', identity, channel, fence });
    if (plan.revokes.length > 0) {
      term.events.event('seats', `${identity}: ${plan.revokes.length} seat(s) taken back to make room`, {
        identity,
        revoked: plan.revokes.length,
        granted: plan.grants.length,
      });
    }
  }
}

/** A new term learns the seats workers already hold from their heartbeats. */
export function adoptSeats(
  term: Term,
  records: readonly { id: string; data: Record<string, unknown> }[],
): void {
  for (const record of records) {
    const sender = record.data['sender'];
    const seats = record.data['seats'];
    if (typeof sender !== 'string' || !Array.isArray(seats)) continue;
    const channels = seats.filter((c): c is string => typeof c === 'string');
    term.seats.adopt(sender, record.id, channels, term.now);
  }
}
