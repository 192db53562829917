import type { StreamFields } from '../../ports/stream-log.js';
import type { PoolLine } from '../types.js';

/**
 * The event wire format. Workers append one entry of `Streams.events` per **batch** of inbound
 * IRC lines ({@link EventBatchFields}), so a burst of chat costs one XADD, one consumer-group
 * delivery and one acknowledgement instead of one per line: the stream's bookkeeping is per
 * batch while the lines stay byte-exact. Every line keeps its receiver and receive time (the
 * archiver wants every receipt: receiver set and receive-time interval per message).
 *
 * Batch entry fields (one-letter names: in Redis every field name is stored with every entry):
 *
 * | field | meaning |
 * |---|---|
 * | `n` | number of lines, decimal |
 * | `l` | the raw lines, exactly as received without CR/LF, joined by `\n` |
 * | `h` | one header per line, joined by `\n`: `<t> <r> <c> <m> <i>` separated by single spaces |
 *
 * Header columns: `t` receive time (epoch ms, decimal; taken once per received frame), `r`
 * receiver id `<workerId>/<connectionId>` (which socket read it), `c` channel login without `#`
 * when the line names one (else empty), `m` the IRC command (`PRIVMSG`, `001` …; empty for a
 * malformed line), `i` Twitch's message id (`id` tag) when present and free of spaces (else
 * empty). None of them can hold a space or a newline: a column that would is written empty.
 *
 * A single-line entry `{l, r, t, c, m, i}` (the same columns as fields) is read too: tests and
 * tools may append one line at a time.
 *
 * Redundant receivers (redundancy k > 1, a make-before-break move) each append their own copy:
 * consumers de-duplicate, by `i` where there is one.
 */
export interface EventBatchFields extends StreamFields {
  n: string;
  l: string;
  h: string;
}

/** A single-line event entry (see {@link EventBatchFields} for the columns). */
export interface EventFields extends StreamFields {
  l: string;
  r: string;
  t: string;
  c: string;
  m: string;
  i: string;
}

/**
 * Packs lines into entries, in order: runs of lines into batch entries, and a line that holds a
 * `\n` itself (a server may send a bare LF inside a CRLF-framed line) into a single-line entry
 * of its own, so the raw bytes stay exact and the batch framing cannot break.
 */
export function encodeEventEntries(lines: readonly PoolLine[]): StreamFields[] {
  const entries: StreamFields[] = [];
  let l = '';
  let h = '';
  let n = 0;
  for (const line of lines) {
    if (line.line.includes('\n')) {
      if (n > 0) entries.push({ n: String(n), l, h });
      n = 0;
      entries.push(toEventFields(line));
      continue;
    }
    const header = `${line.receivedAt} ${column(line.receiverId)} ${column(line.channel)} ${column(line.command)} ${column(line.id)}`;
    l = n === 0 ? line.line : `${l}\n${line.line}`;
    h = n === 0 ? header : `${h}\n${header}`;
    n++;
  }
  if (n > 0) entries.push({ n: String(n), l, h });
  return entries;
}

/** A pool line as a single-line entry. */
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
 * The lines of an event entry, batch or single-line, or null when it is not one (a consumer skips
 * it rather than crash): counts that disagree, a receive time that is not a non-negative integer,
 * a header without its five columns.
 */
export function decodeEventEntry(fields: StreamFields): PoolLine[] | null {
  const { n, l, h } = fields;
  if (n === undefined) {
    const single = fromEventFields(fields);
    return single === null ? null : [single];
  }
  if (l === undefined || h === undefined) return null;
  const count = Number(n);
  if (!Number.isSafeInteger(count) || count < 1) return null;
  const raws = l.split('\n');
  const headers = h.split('\n');
  if (raws.length !== count || headers.length !== count) return null;
  const lines: PoolLine[] = new Array(count);
  for (let k = 0; k < count; k++) {
    const cols = headers[k]!.split(' ');
    if (cols.length !== 5) return null;
    const receivedAt = Number(cols[0]);
    if (cols[0] === '' || !Number.isSafeInteger(receivedAt) || receivedAt < 0) return null;
    const [, r, c, m, i] = cols as [string, string, string, string, string];
    lines[k] = {
      line: raws[k]!,
      receiverId: r,
      receivedAt,
      channel: c === '' ? null : c,
      command: m,
      id: i === '' ? null : i,
    };
  }
  return lines;
}

/**
 * A single-line entry read back, or null when it is not one. `receivedAt` must be a
 * non-negative integer; the other fields must be strings.
 */
export function fromEventFields(fields: StreamFields): PoolLine | null {
  const { l, r, t, c, m, i } = fields;
  if (l === undefined || r === undefined || t === undefined || m === undefined) return null;
  const receivedAt = Number(t);
  if (t === '' || !Number.isSafeInteger(receivedAt) || receivedAt < 0) return null;
  return {
    line: l,
    receiverId: r,
    receivedAt,
    channel: c === undefined || c === '' ? null : c,
    command: m,
    id: i === undefined || i === '' ? null : i,
  };
}

/** A header column: empty when missing or when it would break the header's framing. */
function column(value: string | null): string {
  if (value === null) return '';
  return value.includes(' ') || value.includes('\n') ? '' : value;
}
