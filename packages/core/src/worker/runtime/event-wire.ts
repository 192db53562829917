import type { StreamFields } from '../../ports/stream-log.js';
import type { PoolLine } from '../types.js';

/**
 * The event wire format: one entry of `Streams.events` per inbound IRC line, as flat fields with
 * one-letter names because this is the hot path (every chat line of the cluster passes here, and
 * in Redis every field name is stored with every entry). It is the only stream whose entries are
 * not a JSON `payload`: a consumer reads the raw line without a JSON round trip.
 *
 * | field | meaning |
 * |---|---|
 * | `l` | the raw line, exactly as received, without CR/LF |
 * | `r` | receiver id `<workerId>/<connectionId>`: which socket received it |
 * | `t` | receive time, epoch ms as a decimal string (taken once per received frame) |
 * | `c` | channel login without `#` when the line names one, else `''` |
 * | `m` | IRC command (`PRIVMSG`, `USERNOTICE`, `001` …); `''` for a malformed line |
 * | `i` | Twitch message id (`id` tag) when present, else `''` |
 *
 * Redundant receivers (redundancy k > 1) each append their own copy: the archiver wants every
 * receipt (receiver set and receive-time interval per message), so consumers de-duplicate, by `i`
 * where there is one.
 */
export interface EventFields extends StreamFields {
  l: string;
  r: string;
  t: string;
  c: string;
  m: string;
  i: string;
}

/** A pool line as an event entry. */
export function toEventFields(line: PoolLine): EventFields {
  return {
    l: line.line,
    r: line.receiverId,
    t: String(line.receivedAt),
    c: line.channel ?? '',
    m: line.command,
    i: line.id ?? '',
  };
}

/**
 * An event entry read back, or null when it is not one (a consumer skips it rather than crash).
 * `receivedAt` must be a non-negative integer; the other fields must be strings.
 */
export function fromEventFields(fields: StreamFields): PoolLine | null {
  const { l, r, t, c, m, i } = fields;
  if (l === undefined || r === undefined || t === undefined || m === undefined) return null;
  const receivedAt = Number(t);
  if (!Number.isSafeInteger(receivedAt) || receivedAt < 0) return null;
  return {
    line: l,
    receiverId: r,
    receivedAt,
    channel: c === undefined || c === '' ? null : c,
    command: m,
    id: i === undefined || i === '' ? null : i,
  };
}
