import type { PendingEntry, StreamEntry, StreamFields } from '@tmi-cluster/core';

/** An entry as XRANGE, XREADGROUP and XAUTOCLAIM send it: [id, [field, value, …]]. */
export type RawEntry = [id: string, fields: string[] | null];

export function toFields(flat: readonly string[] | null): StreamFields {
  const fields: StreamFields = {};
  if (flat === null) return fields;
  for (let i = 0; i + 1 < flat.length; i += 2) fields[flat[i]!] = flat[i + 1]!;
  return fields;
}

export function toEntries(raw: readonly RawEntry[], deliveries: number): StreamEntry[] {
  return raw.map(([id, flat]) => ({ id, fields: toFields(flat), deliveries }));
}

/** XREADGROUP's reply for one stream: [[key, entries]] or null. */
export function readReply(reply: unknown): RawEntry[] {
  if (!Array.isArray(reply) || reply.length === 0) return [];
  const [, entries] = reply[0] as [string, RawEntry[]];
  return entries;
}

/** XPENDING's extended reply: [[id, consumer, idle, deliveries], …]. */
export function pendingReply(reply: unknown): PendingEntry[] {
  return (reply as [string, string, number, number][]).map(([id, consumer, idleMs, deliveries]) => ({
    id,
    consumer,
    idleMs: Number(idleMs),
    deliveries: Number(deliveries),
  }));
}

/** Our claim script's reply: [[id, fields, deliveries], …]. */
export function claimReply(reply: unknown): StreamEntry[] {
  return (reply as [string, string[] | null, number][]).map(([id, flat, deliveries]) => ({
    id,
    fields: toFields(flat),
    deliveries: Number(deliveries),
  }));
}
