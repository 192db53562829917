import type { StreamEntry, StreamFields } from '../ports/stream-log.js';

/** Dead letters kept (oldest dropped first): enough for an operator to see what went wrong. */
export const DEAD_LETTER_MAX_LEN = 10_000;

/** One refused entry as operators read it (e.g. `XRANGE dead-letter - +` in redis-cli). */
export interface DeadLetter {
  /** Stream the entry was read from. */
  stream: string;
  /** Its id there. */
  id: string;
  /** Why it was refused: the field and the rule, or how often it failed. */
  reason: string;
  /** The entry's original fields. */
  fields: StreamFields;
}

/**
 * The one shape every role (coordinator, supervisor, worker) writes to `Streams.deadLetter`:
 * flat fields, so the reason is readable without decoding, and the original fields as JSON.
 */
export function deadLetterFields(stream: string, entry: StreamEntry, reason: string): StreamFields {
  return { stream, id: entry.id, reason, fields: JSON.stringify(entry.fields) };
}

/** Reads a dead-letter entry back; fields that are not JSON come back empty. */
export function parseDeadLetter(fields: StreamFields): DeadLetter {
  let original: StreamFields = {};
  try {
    original = JSON.parse(fields['fields'] ?? '{}') as StreamFields;
  } catch {
    // Written by something else: keep the rest readable.
  }
  return {
    stream: fields['stream'] ?? '',
    id: fields['id'] ?? '',
    reason: fields['reason'] ?? '',
    fields: original,
  };
}
