import { chatterAt, type RecentMessage, rememberMessage } from '../channel-state.js';
import { markSpoken } from '../chatters.js';
import { flatten } from '../flatten.js';
import { composeText } from '../text.js';
import { randomHex, uuidV4 } from '../uuid.js';
import { TagWriter, userSource } from '../../irc/index.js';
import { twitchLine } from '../wire.js';
import type { BuiltLine, KindContext } from './context.js';

// Shares of PRIVMSG variants; the rest is plain chat. Rough figures from busy channels.
const REPLY_SHARE = 0.06;
const BITS_SHARE = 0.01;
const ACTION_SHARE = 0.02;
/** Share of messages from the web client, which sends a `client-nonce`. */
const NONCE_SHARE = 0.7;
/** Share of messages kept as targets for later replies and CLEARMSGs. */
const REMEMBER_SHARE = 0.2;
const CHEER_AMOUNTS = [1, 10, 50, 100, 100, 500, 1000, 5000];

/**
 * A chat message: plain, with emotes, a reply (to a recent message of the channel), a cheer, or
 * `/me`. Tags in Twitch's order, as in its current PRIVMSG lines.
 */
export function buildPrivmsg(ctx: KindContext): BuiltLine {
  const { rng, state } = ctx;
  const chatter = rng.chance(0.01) ? state.broadcaster : ctx.pickChatter();
  const user = chatter.user;
  const variant = rng.float();
  const parent: RecentMessage | undefined =
    variant < REPLY_SHARE && state.recent.length > 0 ? rng.pick(state.recent) : undefined;
  let bits = 0;
  let prefix = '';
  const parentUser = parent ? chatterAt(state, parent.chatter).user : undefined;
  if (parentUser) prefix = `@${parentUser.displayName} `;
  else if (variant < REPLY_SHARE + BITS_SHARE) {
    const cheers = rng.chance(0.8) ? 1 : 2;
    for (let i = 0; i < cheers; i++) {
      const amount = rng.pick(CHEER_AMOUNTS);
      bits += amount;
      prefix += `${rng.chance(0.5) ? 'Cheer' : 'cheer'}${amount} `;
    }
  }
  const isAction = !parent && !bits && variant < REPLY_SHARE + BITS_SHARE + ACTION_SHARE;
  const { text, emotes } = composeText(rng, state, chatter, prefix);
  const id = uuidV4(rng);

  const tags = new TagWriter().raw('badge-info', chatter.badgeInfo).raw('badges', chatter.badges);
  if (bits) tags.raw('bits', String(bits));
  if (rng.chance(NONCE_SHARE)) tags.raw('client-nonce', randomHex(rng, 16));
  tags.raw('color', user.color);
  tags.add('display-name', user.displayName);
  tags.raw('emotes', emotes);
  tags.raw('first-msg', chatter.firstMessagePending ? '1' : '0');
  tags.raw('flags', '');
  tags.raw('id', id);
  tags.raw('mod', chatter.mod ? '1' : '0');
  if (parent && parentUser) {
    const threadUser = chatterAt(state, parent.threadChatter).user;
    tags.add('reply-parent-display-name', parentUser.displayName);
    tags.add('reply-parent-msg-body', parent.body);
    tags.raw('reply-parent-msg-id', parent.id);
    tags.raw('reply-parent-user-id', parentUser.userId);
    tags.add('reply-parent-user-login', parentUser.login);
    tags.add('reply-thread-parent-display-name', threadUser.displayName);
    tags.raw('reply-thread-parent-msg-id', parent.threadId);
    tags.raw('reply-thread-parent-user-id', threadUser.userId);
    tags.add('reply-thread-parent-user-login', threadUser.login);
  }
  tags.raw('returning-chatter', chatter.returningPending ? '1' : '0');
  tags.raw('room-id', state.channel.roomId);
  tags.raw('subscriber', chatter.subMonths > 0 ? '1' : '0');
  tags.raw('tmi-sent-ts', String(ctx.now));
  tags.raw('turbo', user.turbo ? '1' : '0');
  tags.raw('user-id', user.userId);
  tags.raw('user-type', chatter.userType);
  // Twitch sends `vip` only for VIPs.
  if (chatter.vip) tags.raw('vip', '1');
  markSpoken(chatter);

  const body = isAction ? `\x01ACTION ${text}\x01` : text;
  // Remember only some messages (but all while the channel is quiet): any recent message will do as
  // a reply or CLEARMSG target, and every remembered one lives long enough to be promoted to V8's
  // old generation, whose collection was a quarter of the generator's time when all were kept.
  if (state.recent.length < 4 || rng.chance(REMEMBER_SHARE)) {
    const kept = flatten(id);
    rememberMessage(state, {
      id: kept,
      chatter: chatter.slot,
      body: flatten(text),
      threadId: parent ? parent.threadId : kept,
      threadChatter: parent ? parent.threadChatter : chatter.slot,
    });
  }
  return {
    line: twitchLine(tags, userSource(user.login), 'PRIVMSG', [`#${state.channel.login}`, body], true),
    id,
  };
}
