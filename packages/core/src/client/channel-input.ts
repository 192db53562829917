import { toChannelLogin } from '../domain/channel-name.js';
import { isTmiClusterError, TmiClusterError } from '../errors/index.js';

const SHOWN = 10;

/**
 * Normalises every name (`#Foo` → `foo`) and drops repeats, keeping first-seen order. Throws one
 * TMI_ERR_INVALID_CHANNEL naming every bad name (the first ten in the message, all in
 * `details.channels`), so nothing is sent when any name is wrong.
 */
export function normaliseChannels(input: string | readonly string[]): string[] {
  const list: readonly unknown[] =
    typeof input === 'string' ? [input] : Array.isArray(input) ? input : [input];
  const logins = new Set<string>();
  const bad: { channel: string; rule: string }[] = [];
  for (const raw of list) {
    if (typeof raw !== 'string') {
      bad.push({ channel: String(raw), rule: 'must be a string' });
      continue;
    }
    try {
      logins.add(toChannelLogin(raw));
    } catch (err) {
      if (!isTmiClusterError(err, 'TMI_ERR_INVALID_CHANNEL')) throw err;
      bad.push({ channel: raw, rule: String(err.details['rule']) });
    }
  }
  if (bad.length > 0) {
    const shown = bad.slice(0, SHOWN).map((b) => `"${b.channel}" (${b.rule})`);
    const more = bad.length > SHOWN ? ` and ${bad.length - SHOWN} more` : '';
    const message = `${bad.length} invalid channel name(s): ${shown.join(', ')}${more}`;
    throw new TmiClusterError('TMI_ERR_INVALID_CHANNEL', message, { channels: bad });
  }
  return [...logins];
}

/** Consecutive slices of at most `size` items. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Runs `run` on every part with at most `window` in flight, results in part order. On the first
 * failure no further part starts; the parts in flight are awaited (so none rejects unobserved),
 * then that failure is thrown.
 */
export async function runParts<P, R>(
  parts: readonly P[],
  window: number,
  run: (part: P) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(parts.length);
  let next = 0;
  let failure: { err: unknown } | null = null;
  const lane = async () => {
    while (failure === null && next < parts.length) {
      const index = next++;
      try {
        results[index] = await run(parts[index]!);
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(window, parts.length) }, lane));
  if (failure !== null) throw (failure as { err: unknown }).err;
  return results;
}
