import type { TrafficChannel } from './types.js';

const LOGIN_RE = /^[a-z0-9_]{1,25}$/;
const ROOM_ID_RE = /^\d+$/;

/** Throws a TypeError naming `caller` when a channel's login or room id is not Twitch-shaped. */
export function assertChannels(channels: readonly TrafficChannel[], caller: string): void {
  if (channels.length === 0) throw new RangeError(`${caller} needs at least one channel`);
  for (const c of channels) {
    if (!LOGIN_RE.test(c.login))
      throw new TypeError(`${caller}: invalid channel login "${c.login}" (lowercase, no #)`);
    if (!ROOM_ID_RE.test(c.roomId))
      throw new TypeError(`${caller}: invalid room id "${c.roomId}" for ${c.login}`);
  }
}
