import { TmiClusterError } from '../errors/index.js';
import type { ChatEvent } from '../events/chat-event.js';
import { parseChatEvent } from '../events/parse-chat-event.js';
import type { StreamEntry } from '../ports/stream-log.js';
import { decodeEventEntry } from '../worker/runtime/event-wire.js';
import type { PoolLine } from '../worker/types.js';
import type { EventDedup } from './event-dedup.js';
import type { EventStats } from './event-stats.js';
import { runLimited } from './run-limited.js';
import { backoffMs, type Sleeper } from './sleeper.js';
import type { EventHandler, Subscriptions } from './subscriptions.js';

export interface BatchContext {
  subs: Subscriptions;
  dedup: EventDedup;
  stats: EventStats;
  sleeper: Sleeper;
  concurrency: number;
  stopped(): boolean;
}

interface Candidate {
  /** The stream entry and the line's place in it: the owner of its dedup claims. */
  entryId: string;
  line: PoolLine;
}

/**
 * Delivers one batch of event entries and resolves when every handler call has settled; the
 * caller acknowledges the batch afterwards. Returns false when the client stopped before the
 * batch could be de-duplicated (then nothing ran and the entries stay pending for a live consumer).
 *
 * Per line: wire entry → lines → skip unless some handler may want its command → de-duplicate → parse →
 * handlers, at most `concurrency` calls at once, started in stream order. A handler that throws
 * or rejects is reported to the `error` handlers with its event and changes nothing else.
 */
export async function deliverBatch(ctx: BatchContext, entries: readonly StreamEntry[], again: boolean) {
  const { subs, stats } = ctx;
  stats.read += entries.length;
  const candidates: Candidate[] = [];
  for (const entry of entries) {
    if (again || entry.deliveries > 1) stats.redelivered++;
    const lines = decodeEventEntry(entry.fields);
    if (lines === null) {
      stats.malformed++;
      subs.reportError(malformed(entry), null);
      continue;
    }
    stats.read += lines.length - 1;
    for (const [k, line] of lines.entries()) {
      if (!subs.wants(line.command)) stats.unwanted++;
      else candidates.push({ entryId: k === 0 ? entry.id : `${entry.id}#${k}`, line });
    }
  }
  const admitted = await admitAll(ctx, candidates);
  if (admitted === null) return false;
  const calls: (() => Promise<void>)[] = [];
  for (const [i, { line }] of candidates.entries()) {
    if (!admitted[i]) {
      stats.duplicates++;
      continue;
    }
    const event = parseChatEvent(line.line, { receivedAt: line.receivedAt, receiverId: line.receiverId });
    stats.parsed++;
    const handlers = subs.handlersFor(event);
    if (handlers.length === 0) continue; // e.g. a plain message when only `cheer` is subscribed
    stats.delivered++;
    for (const handler of handlers) calls.push(() => invoke(ctx, handler, event));
  }
  await runLimited(calls, ctx.concurrency);
  return true;
}

/**
 * De-duplicates every candidate in one DedupStore call, retrying after a back-off while the
 * store fails, until decided; null when the client stopped first. Retrying is safe: claims are
 * owned by the entry, so a call that landed before failing wins again.
 */
async function admitAll(ctx: BatchContext, candidates: Candidate[]): Promise<boolean[] | null> {
  if (candidates.length === 0) return [];
  const input = candidates.map((c) => ({ line: c.line, entryId: c.entryId }));
  for (let failures = 0; ; ) {
    try {
      return await ctx.dedup.admit(input);
    } catch (err) {
      ctx.stats.loopErrors++;
      ctx.subs.reportError(err, null);
    }
    await ctx.sleeper.sleep(backoffMs(++failures));
    if (ctx.stopped()) return null;
  }
}

async function invoke(ctx: BatchContext, handler: EventHandler<ChatEvent>, event: ChatEvent): Promise<void> {
  try {
    await handler(event);
  } catch (err) {
    ctx.stats.handlerErrors++;
    ctx.subs.reportError(err, event);
  }
}

function malformed(entry: StreamEntry): TmiClusterError {
  const rule = 'needs n, l and h fields of matching counts (or l, r, t and m), receive times in epoch ms';
  return new TmiClusterError(
    'TMI_ERR_INVALID_ARGUMENT',
    `event entry ${entry.id} is not an event: it ${rule}`,
    {
      entryId: entry.id,
      rule,
    },
  );
}
