/** Counters of one client's event consumer, for `status()` and tests. */
export interface EventStats {
  /** Lines read from the stream (new, claimed and recovered; a malformed entry counts one). */
  read: number;
  /** Entries that were deliveries after a consumer died (claimed idle, or own pending after a restart). */
  redelivered: number;
  /** Lines no subscribed type could come from: acknowledged without de-duplication or parsing. */
  unwanted: number;
  /** Copies dropped because another copy of the line was delivered. */
  duplicates: number;
  /** Lines parsed into events. */
  parsed: number;
  /** Events handed to at least one handler. */
  delivered: number;
  /** Handler calls that threw or rejected. */
  handlerErrors: number;
  /** Entries that are not event entries (missing fields): acknowledged and skipped. */
  malformed: number;
  /** Failed stream-log or DedupStore calls of the loop (retried after a back-off). */
  loopErrors: number;
}

export function emptyEventStats(): EventStats {
  return {
    read: 0,
    redelivered: 0,
    unwanted: 0,
    duplicates: 0,
    parsed: 0,
    delivered: 0,
    handlerErrors: 0,
    malformed: 0,
    loopErrors: 0,
  };
}
