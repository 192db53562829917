import type { RoomModeKey } from '../channel-state.js';
import type { Prng } from '../prng.js';
import { TagWriter } from '../../irc/index.js';
import { TMI, twitchLine } from '../wire.js';
import type { BuiltLine, KindContext } from './context.js';

const MODE_KEYS: readonly RoomModeKey[] = ['emote-only', 'followers-only', 'r9k', 'slow', 'subs-only'];
const SLOW_SECONDS = [3, 5, 10, 30, 60, 120];
const FOLLOWER_MINUTES = [10, 30, 60];

/**
 * A ROOMSTATE change: only the changed key, with room-id, as Twitch sends a mode change (the full
 * state is sent only on join). Keys come in Twitch's order, so `r9k` precedes `room-id`.
 */
export function buildRoomState(ctx: KindContext): BuiltLine {
  const key = ctx.rng.pick(MODE_KEYS);
  const value = toggle(ctx, key);
  const roomId = ctx.state.channel.roomId;
  const tags =
    key < 'room-id'
      ? new TagWriter().add(key, value).add('room-id', roomId)
      : new TagWriter().add('room-id', roomId).add(key, value);
  return { line: twitchLine(tags, TMI, 'ROOMSTATE', [`#${ctx.state.channel.login}`], false), id: null };
}

/** A NOTICE announcing a mode change (slow_on, subs_off …) with Twitch's wording. */
export function buildNotice(ctx: KindContext): BuiltLine {
  const key = ctx.rng.pick(['slow', 'emote-only', 'followers-only', 'subs-only'] as const);
  const value = Number(toggle(ctx, key));
  let msgId: string;
  let text: string;
  switch (key) {
    case 'slow':
      [msgId, text] = value
        ? ['slow_on', `This room is now in slow mode. You may send messages every ${value} seconds.`]
        : ['slow_off', 'This room is no longer in slow mode.'];
      break;
    case 'emote-only':
      [msgId, text] = value
        ? ['emote_only_on', 'This room is now in emote-only mode.']
        : ['emote_only_off', 'This room is no longer in emote-only mode.'];
      break;
    case 'followers-only':
      [msgId, text] =
        value > 0
          ? ['followers_on', `This room is now in ${value} minutes followers-only mode.`]
          : value === 0
            ? ['followers_on_zero', 'This room is now in followers-only mode.']
            : ['followers_off', 'This room is no longer in followers-only mode.'];
      break;
    case 'subs-only':
      [msgId, text] = value
        ? ['subs_on', 'This room is now in subscribers-only mode.']
        : ['subs_off', 'This room is no longer in subscribers-only mode.'];
      break;
  }
  return {
    line: twitchLine(
      new TagWriter().add('msg-id', msgId),
      TMI,
      'NOTICE',
      [`#${ctx.state.channel.login}`, text],
      true,
    ),
    id: null,
  };
}

/** Flips a mode to a different value, records it, and returns the new value as the tag writes it. */
function toggle(ctx: KindContext, key: RoomModeKey): string {
  const modes = ctx.state.modes;
  const current = modes[key];
  let next: number;
  if (key === 'slow') next = current ? 0 : ctx.rng.pick(SLOW_SECONDS);
  else if (key === 'followers-only') next = current >= 0 ? -1 : pickFollowers(ctx.rng);
  else next = current ? 0 : 1;
  modes[key] = next;
  return String(next);
}

function pickFollowers(rng: Prng): number {
  return rng.chance(0.3) ? 0 : rng.pick(FOLLOWER_MINUTES);
}
