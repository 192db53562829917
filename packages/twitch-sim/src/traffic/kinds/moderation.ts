import { chatterAt, forgetAll, forgetMessage } from '../channel-state.js';
import type { Chatter } from '../chatters.js';
import { TagWriter } from '../../irc/index.js';
import { TMI, twitchLine } from '../wire.js';
import type { BuiltLine, KindContext } from './context.js';

const TIMEOUT_SECONDS = [1, 10, 30, 60, 120, 150, 300, 600, 1800, 3600, 86400];

/**
 * CLEARCHAT: mostly timeouts (`ban-duration`), some bans, and rarely the whole chat. The target is
 * preferably someone who chatted recently, as moderators act on what they see.
 */
export function buildClearChat(ctx: KindContext): BuiltLine {
  const { rng, state } = ctx;
  const channel = `#${state.channel.login}`;
  const r = rng.float();
  if (r < 0.03) {
    forgetAll(state);
    return {
      line: twitchLine(
        new TagWriter().add('room-id', state.channel.roomId).add('tmi-sent-ts', String(ctx.now)),
        TMI,
        'CLEARCHAT',
        [channel],
        false,
      ),
      id: null,
    };
  }
  let target: Chatter =
    state.recent.length > 0 && rng.chance(0.8)
      ? chatterAt(state, rng.pick(state.recent).chatter)
      : ctx.pickChatter();
  // Nobody can time out the broadcaster.
  if (target.broadcaster) target = ctx.pickChatter();
  const tags = new TagWriter();
  if (r >= 0.2) tags.add('ban-duration', String(rng.pick(TIMEOUT_SECONDS)));
  tags.add('room-id', state.channel.roomId);
  tags.add('target-user-id', target.user.userId);
  tags.add('tmi-sent-ts', String(ctx.now));
  // Twitch hides the target's messages; nothing should reply to them afterwards.
  for (let i = state.recent.length - 1; i >= 0; i--) {
    if (state.recent[i]!.chatter === target.slot) forgetMessage(state, i);
  }
  return { line: twitchLine(tags, TMI, 'CLEARCHAT', [channel, target.user.login], true), id: null };
}

/** CLEARMSG of a recent message of the channel; null when the channel has none yet. */
export function buildClearMsg(ctx: KindContext): BuiltLine | null {
  const { rng, state } = ctx;
  if (state.recent.length === 0) return null;
  const index = rng.int(state.recent.length);
  const target = state.recent[index]!;
  forgetMessage(state, index);
  const tags = new TagWriter()
    .add('login', chatterAt(state, target.chatter).user.login)
    // Twitch really sends CLEARMSG with an empty room-id.
    .add('room-id', '')
    .add('target-msg-id', target.id)
    .add('tmi-sent-ts', String(ctx.now));
  return {
    line: twitchLine(tags, TMI, 'CLEARMSG', [`#${state.channel.login}`, target.body], true),
    id: null,
  };
}
