import type { ChannelAssignment, Placement, PlacementState, WantedChannel } from '@tmi-cluster/core';

/**
 * The text forms the assignment scripts store (see assign-common.lua): a wanted record is
 * `since US redundancy`; a channel's placements are `worker US state US since US reason RS` each,
 * reason `-` when absent and `+<text>` when given. Numbers stay text in Lua, so they come back
 * exactly as JavaScript wrote them.
 */
const US = '\x1f';
const RS = '\x1e';

export function encodeReason(reason: string | undefined): string {
  return reason === undefined ? '-' : `+${reason}`;
}

export function decodeWanted(text: string): WantedChannel {
  const [since = '0', redundancy = '1'] = text.split(US);
  return { since: Number(since), redundancy: Number(redundancy) };
}

export function decodePlacements(text: string): Placement[] {
  const out: Placement[] = [];
  for (const record of text.split(RS)) {
    if (record === '') continue;
    const [workerId = '', state = 'pending', since = '0'] = record.split(US, 3);
    const reason = record.slice(workerId.length + state.length + since.length + 3);
    const placement: Placement = { workerId, state: state as PlacementState, since: Number(since) };
    if (reason.startsWith('+')) placement.reason = reason.slice(1);
    out.push(placement);
  }
  return out;
}

export function decodeChannelList(text: string | null): string[] {
  return text === null ? [] : text.split(RS).filter((channel) => channel !== '');
}

export function toAssignment(channel: string, wanted: string, placed: string): ChannelAssignment {
  return { channel, wanted: decodeWanted(wanted), placements: decodePlacements(placed) };
}
