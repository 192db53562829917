import { TmiClusterError } from '../errors/index.js';

/** A stream entry id split into its parts: `<ms>-<seq>`, as Redis Streams spell it. */
export interface StreamIdParts {
  ms: number;
  seq: number;
}

const ID = /^(\d+)(?:-(\d+))?$/;

/**
 * Parses `<ms>-<seq>` or a bare `<ms>`. A bare `<ms>` means the first id of that millisecond, or
 * the last one when `bareMeans` is `'last'` (how Redis reads the end of a range).
 */
export function parseStreamId(text: string, bareMeans: 'first' | 'last' = 'first'): StreamIdParts {
  const match = ID.exec(text);
  const ms = match ? Number(match[1]) : Number.NaN;
  const seq =
    match?.[2] !== undefined ? Number(match[2]) : bareMeans === 'first' ? 0 : Number.MAX_SAFE_INTEGER;
  if (!Number.isSafeInteger(ms) || !Number.isSafeInteger(seq)) {
    const rule = 'must be <ms>-<seq> or <ms> (non-negative integers)';
    throw new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `stream id "${text}" ${rule}`, {
      field: 'id',
      rule,
      value: text,
    });
  }
  return { ms, seq };
}

/** `{ ms: 5, seq: 1 }` → `5-1`. */
export function formatStreamId(id: StreamIdParts): string {
  return `${id.ms}-${id.seq}`;
}

/**
 * Orders two ids the way the stream does (by ms, then seq). Plain string comparison is wrong
 * once the number of digits differs (`"9-0" > "10-0"`).
 */
export function compareStreamIds(a: string | StreamIdParts, b: string | StreamIdParts): number {
  const x = typeof a === 'string' ? parseStreamId(a) : a;
  const y = typeof b === 'string' ? parseStreamId(b) : b;
  return x.ms - y.ms || x.seq - y.seq;
}
