import type { DedupClaim, DedupStore } from '../ports/dedup-store.js';
import { DedupKeys } from '../protocol/streams.js';
import type { PoolLine } from '../worker/types.js';

export interface EventDedupOptions {
  store: DedupStore;
  /** The application's consumer group: every application de-duplicates on its own. */
  group: string;
  ttlMs: number;
  windowMs: number;
}

/** One line to decide, with the stream entry that carries it. */
export interface DedupCandidate {
  line: PoolLine;
  entryId: string;
}

/**
 * Decides, across all processes of one application, which copy of a line is delivered. Redundant
 * receivers (redundancy k > 1, the RECONNECT overlap, a make-before-break move) put every line
 * into the stream once per receiver; exactly one copy wins its claims in the DedupStore.
 *
 * - A line with a Twitch message id: one claim on the id, remembered for `ttlMs`.
 * - A line without one: claims on its content in receive-time buckets of `windowMs`: the buckets
 *   that meet [t − w/2, t + w/2]. Two copies whose receive times differ by ≤ w share a bucket
 *   (one is dropped); copies ≥ 2w apart share none (both are delivered). Receive time, not
 *   processing time, so replaying a backlog fast does not merge lines that were minutes apart.
 *   Channel lines are keyed by content alone; connection-level lines (no channel: PING,
 *   RECONNECT, numerics) include the receiver, because each is a fact about its own connection.
 *
 * A whole batch is one `claimAll` (one round trip on Redis), each line's keys all-or-nothing, so
 * two copies racing for overlapping buckets cannot each take one and both be dropped. The owner
 * of every claim is the stream entry id: when an entry is delivered again because its consumer
 * died before acknowledging, it wins its own claims again and is delivered, with no window in
 * which a crash could lose it.
 */
export class EventDedup {
  readonly #o: EventDedupOptions;

  constructor(options: EventDedupOptions) {
    this.#o = options;
  }

  /** Claims the keys of every candidate at once; true where that copy is the one to deliver. */
  async admit(candidates: readonly DedupCandidate[]): Promise<boolean[]> {
    if (candidates.length === 0) return [];
    const claims: DedupClaim[] = candidates.map((c) => ({ keys: this.keysOf(c.line), owner: c.entryId }));
    return this.#o.store.claimAll(claims, this.#o.ttlMs);
  }

  /** The DedupStore keys of a line. */
  keysOf(line: PoolLine): string[] {
    const { group, windowMs } = this.#o;
    if (line.id !== null && line.id !== '') return [DedupKeys.event(group, line.id)];
    const scope = line.channel === null && line.command !== 'WHISPER' ? `${line.receiverId} ` : '';
    const half = windowMs / 2;
    const first = Math.floor((line.receivedAt - half) / windowMs);
    const last = Math.floor((line.receivedAt + half) / windowMs);
    const keys: string[] = [];
    // `~` cannot start a Twitch message id (a UUID), so content keys never meet id keys.
    for (let b = first; b <= last; b++) keys.push(DedupKeys.event(group, `~${b}:${scope}${line.line}`));
    return keys;
  }
}
