import { CAP_COMMANDS } from './caps.js';
import type { SimContext } from './context.js';
import { enterChannel, leaveChannel } from './membership.js';
import { NOTICE_TEXT, noticeLine } from './replies.js';
import type { Session } from './session.js';

/** What Twitch accepts as a channel: `#` and a login. Anything else is silently ignored. */
export const CHANNEL_NAME = /^#[a-z0-9_]{1,25}$/;

/**
 * `JOIN #a,#b`: each channel is one JOIN attempt for the limiter (go-twitch-irc counts them that
 * way too). A channel that does not exist gets no reply at all; suspended and banned get their
 * NOTICE. Returns false when the limiter wants the connection closed.
 */
export function joinChannels(ctx: SimContext, session: Session, targets: string): boolean {
  const account = session.account;
  for (const name of targets.split(',')) {
    if (!CHANNEL_NAME.test(name)) continue;
    const login = name.slice(1);
    let channel = ctx.channels.get(login);
    if (account) {
      // A channel that does not exist yet can only be the user's own (when it is created below).
      const exempt = channel ? channel.isExempt(account.login) : login === account.login;
      const verdict = ctx.limiter.tryJoin(account, login, exempt);
      if (!verdict.ok) {
        if (verdict.disconnect) {
          session.closeReason = `join limit (${verdict.reason})`;
          return false;
        }
        continue;
      }
    }
    if (!channel && ctx.options.createChannelsOnJoin) channel = ctx.channels.create(login);
    if (!channel) continue;
    if (channel.state === 'suspended') {
      const text = NOTICE_TEXT.msg_channel_suspended();
      session.send('msg-id=msg_channel_suspended', noticeLine(login, text), 'NOTICE', login, CAP_COMMANDS);
      continue;
    }
    if (account && channel.banned.has(account.login)) {
      session.send(
        'msg-id=msg_banned',
        noticeLine(login, NOTICE_TEXT.msg_banned(login)),
        'NOTICE',
        login,
        CAP_COMMANDS,
      );
      continue;
    }
    enterChannel(ctx, session, channel);
  }
  return true;
}

/** `PART #a,#b`: channels the connection is not in are ignored silently. */
export function partChannels(ctx: SimContext, session: Session, targets: string): void {
  for (const name of targets.split(',')) {
    if (!CHANNEL_NAME.test(name)) continue;
    const channel = ctx.channels.get(name.slice(1));
    if (channel?.members.has(session)) leaveChannel(ctx, session, channel, true);
  }
}
