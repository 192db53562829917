import { type Chatter, setPresent } from '../chatters.js';
import { userSource } from '../../irc/index.js';
import { twitchLine } from '../wire.js';
import type { BuiltLine, KindContext } from './context.js';

/** JOIN of a chatter who is not in the channel (`:u!u@u.tmi.twitch.tv JOIN #chan`). */
export function buildJoin(ctx: KindContext): BuiltLine {
  const chatter = find(ctx, false);
  setPresent(chatter, true);
  return {
    line: twitchLine(null, userSource(chatter.user.login), 'JOIN', [`#${ctx.state.channel.login}`], false),
    id: null,
  };
}

/** PART of a chatter who is in the channel. */
export function buildPart(ctx: KindContext): BuiltLine {
  const chatter = find(ctx, true);
  setPresent(chatter, false);
  return {
    line: twitchLine(null, userSource(chatter.user.login), 'PART', [`#${ctx.state.channel.login}`], false),
    id: null,
  };
}

/** A chatter with the wanted presence; after a few misses any chatter (the pool may be all in). */
function find(ctx: KindContext, present: boolean): Chatter {
  let c = ctx.state.chatters.random(ctx.rng);
  for (let i = 0; i < 8 && c.present !== present; i++) c = ctx.state.chatters.random(ctx.rng);
  return c;
}
