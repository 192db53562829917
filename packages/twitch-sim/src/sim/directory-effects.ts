import { CAP_COMMANDS } from './caps.js';
import type { Channel, RoomState } from './channel.js';
import type { DirectoryHooks } from './channel-directory.js';
import type { SimContext } from './context.js';
import { fanOut } from './fanout.js';
import { leaveChannel } from './membership.js';
import { outLine } from './out-line.js';
import { userStateTags } from './replies.js';

/**
 * What users in a channel see when the directory changes under them, as on Twitch. `ctx` is read
 * lazily because the directory is built before the context that holds it.
 */
export function directoryEffects(ctx: () => SimContext): DirectoryHooks {
  return {
    banned: (channel, login) => onBanned(ctx(), channel, login),
    roleChanged: (channel, login) => {
      for (const s of channel.members) {
        if (s.account?.login !== login) continue;
        const tags = userStateTags(s.account, channel);
        s.send(tags, `:tmi.twitch.tv USERSTATE #${channel.login}`, 'USERSTATE', channel.login, CAP_COMMANDS);
      }
    },
    roomStateChanged: (channel, changed) => onRoomState(ctx(), channel, changed),
  };
}

/** A ban clears the user's messages (CLEARCHAT to the room) and PARTs the user's connections. */
function onBanned(ctx: SimContext, channel: Channel, login: string): void {
  const inside = [...channel.members].filter((s) => s.account?.login === login);
  if (inside.length === 0) return;
  const userId = ctx.accounts.byLogin(login)?.userId ?? '';
  const tags = `room-id=${channel.roomId};target-user-id=${userId};tmi-sent-ts=${ctx.options.clock()}`;
  const rest = `:tmi.twitch.tv CLEARCHAT #${channel.login} :${login}`;
  fanOut(ctx.groundTruth, channel, outLine(tags, rest, 'CLEARCHAT', channel.login, CAP_COMMANDS));
  for (const s of inside) leaveChannel(ctx, s, channel, true);
}

/** A mode change: ROOMSTATE with room-id and the changed keys only, in Twitch's (sorted) order. */
function onRoomState(ctx: SimContext, channel: Channel, changed: Partial<RoomState>): void {
  const parts: Record<string, string> = { 'room-id': channel.roomId };
  if (changed.emoteOnly !== undefined) parts['emote-only'] = changed.emoteOnly ? '1' : '0';
  if (changed.followersOnly !== undefined) parts['followers-only'] = String(changed.followersOnly);
  if (changed.r9k !== undefined) parts.r9k = changed.r9k ? '1' : '0';
  if (changed.slow !== undefined) parts.slow = String(changed.slow);
  if (changed.subsOnly !== undefined) parts['subs-only'] = changed.subsOnly ? '1' : '0';
  const tags = Object.keys(parts)
    .sort()
    .map((k) => `${k}=${parts[k]}`)
    .join(';');
  const out = outLine(
    tags,
    `:tmi.twitch.tv ROOMSTATE #${channel.login}`,
    'ROOMSTATE',
    channel.login,
    CAP_COMMANDS,
  );
  fanOut(ctx.groundTruth, channel, out);
}
