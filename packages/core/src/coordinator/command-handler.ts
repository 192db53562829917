import type { ChannelEventRecord } from '../ports/channel-store.js';
import type { CoordinatorCommand } from '../protocol/commands.js';
import type { CoordinatorReply, JoinResult } from '../protocol/results.js';
import { PartBatch, PlacementChanges } from './placement-changes.js';
import type { Term } from './term.js';

/** Executes one validated coordinator command and returns the reply for its caller. */
export async function handleCommand(term: Term, command: CoordinatorCommand): Promise<CoordinatorReply> {
  const requestId = command.requestId === undefined ? {} : { requestId: command.requestId };
  const channels = [...new Set(command.channels)];
  switch (command.type) {
    case 'join': {
      const options = command.reconnect === undefined ? {} : { reconnect: command.reconnect };
      if (command.authorize === true) await term.deps.channels.authorize(channels, options);
      return { type: 'join', ...requestId, result: await join(term, channels) };
    }
    case 'part':
      return { type: 'part', ...requestId, parted: await part(term, channels, 'requested') };
    case 'authorize': {
      const options = command.reconnect === undefined ? {} : { reconnect: command.reconnect };
      await term.deps.channels.authorize(channels, options);
      return { type: 'authorize', ...requestId, channels };
    }
    case 'revoke':
      // Revoked means unwanted: part now instead of waiting for the next stale cleanup.
      await term.deps.channels.revoke(channels);
      await part(term, channels, 'revoked');
      return { type: 'revoke', ...requestId, channels };
  }
}

/**
 * Authorizes (in bulk), records the channels as wanted, drains the queue once and classifies
 * each channel like the original: resolved (placed now), ignored (already held), rejected
 * (queued: retried until placed or parted), unauthorized. A wanted channel that failed
 * permanently (banned, suspended) is tried again: asking to join it is the operator's retry.
 */
export async function join(term: Term, channels: readonly string[]): Promise<JoinResult> {
  const { model, distributor } = term;
  const result: JoinResult = { resolved: {}, ignored: {}, rejected: [], unauthorized: [] };
  if (channels.length === 0) return result;
  await term.deps.channels.acknowledged(channels);
  const authorized = await term.deps.channels.authorized(channels);
  const fresh: string[] = [];
  const candidates: string[] = [];
  const retry = new PlacementChanges(model);
  for (const channel of channels) {
    if (!authorized.has(channel)) result.unauthorized.push(channel);
    else if (!model.wanted.has(channel)) fresh.push(channel);
    else {
      const holder = model.live(channel)[0];
      if (holder !== undefined) {
        result.ignored[channel] = holder.workerId;
        continue;
      }
      for (const p of model.placements(channel)) if (p.state === 'failed') retry.remove(channel, p.workerId);
      candidates.push(channel);
    }
  }
  await retry.commit(term.deps.store, term.fence);
  if (fresh.length > 0) {
    const since = term.now;
    const redundancy = term.options.redundancy;
    await term.deps.store.want(
      term.fence,
      fresh.map((channel) => ({ channel, since, redundancy })),
    );
    for (const channel of fresh) model.wanted.set(channel, { since, redundancy });
    candidates.push(...fresh);
  }
  for (const channel of candidates) distributor.queue.add(channel);
  const placed = await distributor.drain();
  for (const channel of candidates) {
    const workerId = placed.get(channel)?.[0] ?? model.live(channel)[0]?.workerId;
    if (workerId === undefined) result.rejected.push(channel);
    else result.resolved[channel] = workerId;
  }
  return result;
}

/** Forgets the channels and parts them on every worker holding one; returns those that were wanted. */
export async function part(term: Term, channels: readonly string[], why: string): Promise<string[]> {
  if (channels.length === 0) return [];
  const removed = await term.deps.store.unwant(term.fence, channels);
  const parts = new PartBatch();
  const log: ChannelEventRecord[] = [];
  for (const { channel } of removed) {
    for (const p of term.model.unwant(channel)) {
      if (p.state === 'failed') continue;
      parts.add(p.workerId, channel);
      log.push({ channel, kind: 'parted', reason: why, workerId: p.workerId, at: term.now });
    }
    term.distributor.queue.forget(channel);
    term.lost.delete(channel);
  }
  await parts.send(term.outbox);
  if (log.length > 0) term.deps.channelEvents?.record(log);
  if (removed.length > 0) {
    term.events.event('parted', `${removed.length} channel(s) parted (${why})`, {
      count: removed.length,
      why,
    });
  }
  return removed.map((r) => r.channel);
}
