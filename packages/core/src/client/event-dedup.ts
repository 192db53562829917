import type { DedupStore } from '../ports/dedup-store.js';
import { DedupKeys } from '../protocol/streams.js';
import type { PoolLine } from '../worker/types.js';

export interface EventDedupOptions {
  store: DedupStore;
  /** The application's consumer group: every application de-duplicates on its own. */
  group: string;
  ttlMs: number;
  windowMs: number;
}

/**
 * Decides, across all processes of one application, which copy of a line is delivered. Redundant
 * receivers (redundancy k > 1, the RECONNECT overlap) put every line into the stream once per
 * receiver; exactly one copy wins its claims in the DedupStore.
 *
 * - A line with a Twitch message id: one claim on the id, remembered for `ttlMs`.
 * - A line without one: claims on its content in receive-time buckets of `windowMs`: the buckets
 *   that meet [t − w/2, t + w/2]. Two copies whose receive times differ by ≤ w share a bucket
 *   (one is dropped); copies ≥ 2w apart share none (both are delivered). Receive time, not
 *   processing time, so replaying a backlog fast does not merge lines that were minutes apart.
 *   Channel lines are keyed by content alone; connection-level lines (no channel: PING,
 *   RECONNECT, numerics) include the receiver, because each is a fact about its own connection.
 *
 * Crash recovery: the winner also claims a marker for its stream entry before handlers run. When
 * that entry is delivered again (its consumer died before acknowledging), the marker shows the
 * entry was the winner and it is delivered again instead of being taken for a duplicate. Only a
 * crash between the claims and the marker (two awaits apart) can still lose the event.
 */
export class EventDedup {
  readonly #o: EventDedupOptions;

  constructor(options: EventDedupOptions) {
    this.#o = options;
  }

  /** Claims the line's keys; true when this entry's copy is the one to deliver. */
  async admit(line: PoolLine, entryId: string, redelivered: boolean): Promise<boolean> {
    const { store, ttlMs } = this.#o;
    const marker = DedupKeys.event(this.#o.group, `@${entryId}`);
    if (await this.#claimAll(line)) {
      await store.claim(marker, ttlMs);
      return true;
    }
    // Lost claims on a redelivered entry may be its own from the attempt that crashed.
    return redelivered && !(await store.claim(marker, ttlMs));
  }

  /**
   * Claims in ascending key order and stops at the first refusal, like taking locks in a fixed
   * order: two copies racing for the same two buckets cannot each win one and both be dropped.
   */
  async #claimAll(line: PoolLine): Promise<boolean> {
    for (const key of this.keysOf(line)) if (!(await this.#o.store.claim(key, this.#o.ttlMs))) return false;
    return true;
  }

  /** The DedupStore keys of a line, in claim order. */
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
