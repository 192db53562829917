import type { ChannelState } from '../channel-state.js';
import { type Chatter, setSubMonths } from '../chatters.js';
import { CdfSampler } from '../cdf-sampler.js';
import type { Prng } from '../prng.js';
import { type ChatText, composeText, plainText } from '../text.js';
import { randomHex, uuidV4 } from '../uuid.js';
import { SHORT_MESSAGES } from '../vocab.js';
import { TagWriter } from '../../irc/index.js';
import { TMI, twitchLine } from '../wire.js';
import type { BuiltLine, KindContext } from './context.js';

/** USERNOTICE `msg-id`s the generator produces. */
export type UserNoticeId = 'sub' | 'resub' | 'subgift' | 'submysterygift' | 'raid' | 'announcement';

const NOTICE_IDS: readonly UserNoticeId[] = [
  'sub',
  'resub',
  'subgift',
  'submysterygift',
  'raid',
  'announcement',
];
// Resubs dominate real channels; raids and announcements are occasional.
const NOTICE_PICKER = new CdfSampler([25, 40, 15, 8, 5, 7]);
const SUB_PLANS = ['Prime', '1000', '1000', '1000', '1000', '1000', '2000', '3000'];
const GIFT_COUNTS = [1, 1, 5, 5, 5, 10, 10, 20, 50, 100];
const ANNOUNCEMENT_COLORS = ['PRIMARY', 'PRIMARY', 'PRIMARY', 'BLUE', 'GREEN', 'ORANGE', 'PURPLE'];

/** What a USERNOTICE sub-kind adds: msg-param-* tags (in order), system-msg and text. */
interface Notice {
  msgId: UserNoticeId;
  chatter: Chatter;
  params: [string, string][];
  systemMsg: string;
  text: ChatText | null;
}

/** A USERNOTICE: sub, resub, subgift, submysterygift, raid or announcement. */
export function buildUserNotice(ctx: KindContext): BuiltLine {
  const msgId = NOTICE_IDS[NOTICE_PICKER.sample(ctx.rng)]!;
  const notice = BUILDERS[msgId](ctx);
  const { chatter } = notice;
  const user = chatter.user;
  const id = uuidV4(ctx.rng);
  const tags = new TagWriter()
    .add('badge-info', chatter.badgeInfo)
    .add('badges', chatter.badges)
    .add('color', user.color)
    .add('display-name', user.displayName)
    .add('emotes', notice.text?.emotes ?? '')
    .add('flags', '')
    .add('id', id)
    .add('login', user.login)
    .add('mod', chatter.mod ? '1' : '0')
    .add('msg-id', notice.msgId);
  for (const [key, value] of notice.params) tags.add(`msg-param-${key}`, value);
  tags.add('room-id', ctx.state.channel.roomId);
  tags.add('subscriber', chatter.subMonths > 0 ? '1' : '0');
  tags.add('system-msg', notice.systemMsg);
  tags.add('tmi-sent-ts', String(ctx.now));
  tags.add('user-id', user.userId);
  tags.add('user-type', chatter.userType);
  if (chatter.vip) tags.add('vip', '1');
  const channel = `#${ctx.state.channel.login}`;
  const line = notice.text
    ? twitchLine(tags, TMI, 'USERNOTICE', [channel, notice.text.text], true)
    : twitchLine(tags, TMI, 'USERNOTICE', [channel], false);
  return { line, id };
}

const BUILDERS: Record<UserNoticeId, (ctx: KindContext) => Notice> = {
  sub(ctx) {
    const chatter = ctx.pickChatter();
    const plan = ctx.rng.pick(SUB_PLANS);
    setSubMonths(chatter, 1, planTier(plan));
    return {
      msgId: 'sub',
      chatter,
      params: [
        ['cumulative-months', '1'],
        ['months', '0'],
        ['multimonth-duration', '1'],
        ['multimonth-tenure', '0'],
        ['should-share-streak', '0'],
        ['sub-plan-name', planName(ctx.state)],
        ['sub-plan', plan],
        ['was-gifted', 'false'],
      ],
      systemMsg: `${chatter.user.displayName} subscribed ${planPhrase(plan)}.`,
      text: null,
    };
  },

  resub(ctx) {
    const { rng } = ctx;
    const chatter = ctx.pickChatter();
    const plan = rng.pick(SUB_PLANS);
    const months = Math.max(2, chatter.subMonths + 1);
    setSubMonths(chatter, months, planTier(plan));
    const share = rng.chance(0.6);
    const streak = share ? rng.range(1, months) : 0;
    const params: [string, string][] = [
      ['cumulative-months', String(months)],
      ['months', '0'],
      ['multimonth-duration', '0'],
      ['multimonth-tenure', '0'],
      ['should-share-streak', share ? '1' : '0'],
    ];
    if (share) params.push(['streak-months', String(streak)]);
    params.push(['sub-plan-name', planName(ctx.state)], ['sub-plan', plan], ['was-gifted', 'false']);
    const dn = chatter.user.displayName;
    const streakText = share ? `, currently on a ${streak} month streak!` : '!';
    return {
      msgId: 'resub',
      chatter,
      params,
      systemMsg: `${dn} subscribed ${planPhrase(plan)}. They've subscribed for ${months} months${streakText}`,
      // About half of resubs share a message, which may carry emotes.
      text: rng.chance(0.5) ? composeText(rng, ctx.state, chatter) : null,
    };
  },

  subgift(ctx) {
    const { rng } = ctx;
    const chatter = ctx.pickChatter();
    const recipient = otherChatter(ctx, chatter);
    const plan = rng.chance(0.9) ? '1000' : rng.pick(['2000', '3000']);
    setSubMonths(recipient, recipient.subMonths + 1, planTier(plan));
    const senderCount = rng.chance(0.3) ? 0 : rng.range(1, 200);
    const r = recipient.user;
    const tail =
      senderCount > 0
        ? ` They have given ${senderCount} Gift Subs in the channel!`
        : ' This is their first Gift Sub in the channel!';
    return {
      msgId: 'subgift',
      chatter,
      params: [
        ['gift-months', '1'],
        ['months', String(recipient.subMonths)],
        ['origin-id', originId(rng)],
        ['recipient-display-name', r.displayName],
        ['recipient-id', r.userId],
        ['recipient-user-name', r.login],
        ['sender-count', String(senderCount)],
        ['sub-plan-name', planName(ctx.state)],
        ['sub-plan', plan],
      ],
      systemMsg: `${chatter.user.displayName} gifted a ${tierName(plan)} sub to ${r.displayName}!${tail}`,
      text: null,
    };
  },

  submysterygift(ctx) {
    const { rng } = ctx;
    const chatter = ctx.pickChatter();
    const count = rng.pick(GIFT_COUNTS);
    const total = count + rng.int(300);
    const plan = rng.chance(0.9) ? '1000' : '2000';
    const subs = count === 1 ? 'Sub' : 'Subs';
    return {
      msgId: 'submysterygift',
      chatter,
      params: [
        ['mass-gift-count', String(count)],
        ['origin-id', originId(rng)],
        ['sender-count', String(total)],
        ['sub-plan', plan],
      ],
      systemMsg:
        `${chatter.user.displayName} is gifting ${count} ${tierName(plan)} ${subs} to ` +
        `${ctx.state.displayName}'s community! They've gifted a total of ${total} in the channel!`,
      text: null,
    };
  },

  raid(ctx) {
    const { rng } = ctx;
    // The raiding broadcaster; any pool user stands in for a streamer of another channel.
    const chatter = ctx.pickChatter();
    const viewers = 1 + Math.floor(2000 * rng.float() ** 3);
    const u = chatter.user;
    return {
      msgId: 'raid',
      chatter,
      params: [
        ['displayName', u.displayName],
        ['login', u.login],
        [
          'profileImageURL',
          `https://static-cdn.jtvnw.net/jtv_user_pictures/${uuidV4(rng)}-profile_image-70x70.png`,
        ],
        ['viewerCount', String(viewers)],
      ],
      systemMsg: `${viewers} raiders from ${u.displayName} have joined!`,
      text: null,
    };
  },

  announcement(ctx) {
    const { rng, state } = ctx;
    // Mods (and their bots) make most announcements, the broadcaster the rest.
    let chatter = state.broadcaster;
    if (rng.chance(0.8)) {
      for (let i = 0; i < 40; i++) {
        const c = state.chatters.random(rng);
        if (c.mod) {
          chatter = c;
          break;
        }
      }
    }
    return {
      msgId: 'announcement',
      chatter,
      params: [['color', rng.pick(ANNOUNCEMENT_COLORS)]],
      // Twitch sends announcements with an empty system-msg.
      systemMsg: '',
      text: rng.chance(0.5) ? plainText(rng.pick(SHORT_MESSAGES)) : composeText(rng, state, chatter),
    };
  },
};

function otherChatter(ctx: KindContext, not: Chatter): Chatter {
  // The pool has at least two slots, each a different user.
  let c = ctx.state.chatters.random(ctx.rng);
  while (c.slot === not.slot) c = ctx.state.chatters.random(ctx.rng);
  return c;
}

function planName(state: ChannelState): string {
  return `Channel Subscription (${state.channel.login})`;
}

function planTier(plan: string): number {
  return plan === '2000' ? 2000 : plan === '3000' ? 3000 : 0;
}

function tierName(plan: string): string {
  return plan === '3000' ? 'Tier 3' : plan === '2000' ? 'Tier 2' : 'Tier 1';
}

function planPhrase(plan: string): string {
  return plan === 'Prime' ? 'with Prime' : `at ${tierName(plan)}`;
}

/** Twitch's origin-id: 20 hex bytes separated by spaces (escaped `\s` on the wire). */
function originId(rng: Prng): string {
  return randomHex(rng, 20).replace(/(..)(?!$)/g, '$1 ');
}
