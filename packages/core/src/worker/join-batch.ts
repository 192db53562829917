/**
 * How many of `channels` (logins without `#`, in order) fit in one `JOIN #a,#b,…` line of at
 * most `maxBytes` bytes (without CR/LF) and at most `maxCount` channels. Logins are ASCII, so
 * characters are bytes. Always at least 1 when a channel is given and `maxCount` ≥ 1: a single
 * login never exceeds the smallest allowed line.
 */
export function joinBatchSize(channels: readonly string[], maxBytes: number, maxCount: number): number {
  let bytes = 'JOIN '.length;
  let n = 0;
  for (const channel of channels) {
    if (n >= maxCount) break;
    const add = channel.length + 1 + (n > 0 ? 1 : 0);
    if (n > 0 && bytes + add > maxBytes) break;
    bytes += add;
    n++;
  }
  return n;
}

/** `JOIN #a,#b` for the given logins. */
export function joinLine(channels: readonly string[]): string {
  return `JOIN #${channels.join(',#')}`;
}
