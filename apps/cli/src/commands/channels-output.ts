import type { ChannelRecord } from '@tmi-cluster/core';

const when = (ms: number | null) => (ms === null ? '-' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z'));

/** `channels`: one line per channel, aligned; a count at the end. */
export function formatChannels(rows: readonly ChannelRecord[], staleBefore: number): string[] {
  if (rows.length === 0) return ['no channels'];
  const lines = rows.map((r) => {
    const state = r.revoked ? 'revoked' : 'authorized';
    const stale = r.revoked || (r.acknowledgedAt !== null && r.acknowledgedAt < staleBefore) ? 'stale' : '';
    return [r.login, state, r.reconnect ? 'reconnect' : '', when(r.acknowledgedAt), stale];
  });
  const header = ['CHANNEL', 'STATE', 'RECONNECT', 'ACKNOWLEDGED', 'STALE'];
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const pad = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [pad(header), ...lines.map(pad), `${rows.length} channel(s)`];
}
