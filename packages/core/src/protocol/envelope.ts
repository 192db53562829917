import type { z } from 'zod';
import type { StreamFields } from '../ports/stream-log.js';

/**
 * The one field every command, report and reply entry carries: its JSON. Stream entries are flat
 * string maps; one JSON field keeps nested payloads (channel lists) intact and lets every reader
 * validate the whole payload with one zod schema.
 */
export const PAYLOAD_FIELD = 'payload';

/** A payload as stream fields. */
export function encodePayload(value: unknown): StreamFields {
  return { [PAYLOAD_FIELD]: JSON.stringify(value) };
}

/** A decoded payload, or why it is not one (for the dead-letter entry). */
export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

/** Reads and validates the payload field; never throws, so a bad entry cannot stop a loop. */
export function decodePayload<T>(fields: StreamFields, schema: z.ZodType<T>): Decoded<T> {
  const raw = fields[PAYLOAD_FIELD];
  if (raw === undefined) return { ok: false, reason: `missing field "${PAYLOAD_FIELD}"` };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { ok: false, reason: `field "${PAYLOAD_FIELD}" is not JSON` };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  return { ok: false, reason: issues.join('; ') };
}
