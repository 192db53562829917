import { userSource } from '../irc/index.js';
import { CAP_COMMANDS, CAP_MEMBERSHIP } from './caps.js';
import type { Channel } from './channel.js';
import type { SimContext } from './context.js';
import { fanOut } from './fanout.js';
import { outLine } from './out-line.js';
import { endOfNamesLine, namesLine, userStateTags } from './replies.js';
import type { Session } from './session.js';

/** 353 lines stay well under the 512-byte lines old IRC clients expect. */
const NAMES_LINE_BUDGET = 400;

/**
 * Adds a session to a channel and sends the join block, contiguous as tmi.js needs it: JOIN echo,
 * 353 (other users first, when the membership cap asks for them), 366, USERSTATE (logged-in users
 * only; anonymous users get none, tmi.js uses the JOIN echo instead) and the full ROOMSTATE.
 * Joining a channel the connection is already in repeats the block without counting it twice.
 */
export function enterChannel(ctx: SimContext, session: Session, channel: Channel): void {
  const nick = session.login!;
  const c = channel.login;
  const account = session.account;
  if (!channel.members.has(session)) {
    channel.members.add(session);
    session.channels.add(channel);
    if (account) {
      ctx.limiter.joined(account, c, channel.isExempt(account.login));
      const count = channel.loginCounts.get(account.login) ?? 0;
      channel.loginCounts.set(account.login, count + 1);
      if (count === 0 && channel.members.size <= ctx.options.membershipEventLimit) {
        fanOut(
          ctx.groundTruth,
          channel,
          outLine('', `:${userSource(nick)} JOIN #${c}`, 'JOIN', c, CAP_MEMBERSHIP),
          session,
        );
      }
    }
    if (ctx.events.listenerCount('join') > 0) {
      ctx.events.emit('join', { connectionId: session.id, login: nick, channel: c });
    }
  }
  session.send('', `:${userSource(nick)} JOIN #${c}`, 'JOIN', c);
  if (session.caps & CAP_MEMBERSHIP && channel.members.size <= ctx.options.membershipEventLimit) {
    sendOthersNames(session, channel, nick);
  }
  session.send('', namesLine(nick, c, nick), '353', c);
  session.send('', endOfNamesLine(nick, c), '366', c);
  if (account)
    session.send(
      userStateTags(account, channel),
      `:tmi.twitch.tv USERSTATE #${c}`,
      'USERSTATE',
      c,
      CAP_COMMANDS,
    );
  session.send(channel.roomStateTags(), `:tmi.twitch.tv ROOMSTATE #${c}`, 'ROOMSTATE', c, CAP_COMMANDS);
}

function sendOthersNames(session: Session, channel: Channel, nick: string): void {
  let names = '';
  for (const login of channel.loginCounts.keys()) {
    if (login === nick) continue;
    if (names !== '' && names.length + login.length + 1 > NAMES_LINE_BUDGET) {
      session.send('', namesLine(nick, channel.login, names), '353', channel.login);
      names = '';
    }
    names += names === '' ? login : ` ${login}`;
  }
  if (names !== '') session.send('', namesLine(nick, channel.login, names), '353', channel.login);
}

/**
 * Removes a session from a channel (PART, ban, or the connection closed). Other members with the
 * membership cap see a PART when the user's last connection leaves; `echo` sends the user's own
 * PART line.
 */
export function leaveChannel(ctx: SimContext, session: Session, channel: Channel, echo: boolean): void {
  if (!channel.members.delete(session)) return;
  session.channels.delete(channel);
  const c = channel.login;
  const nick = session.login!;
  const account = session.account;
  if (account) {
    ctx.limiter.parted(account, c);
    const count = (channel.loginCounts.get(account.login) ?? 1) - 1;
    if (count > 0) channel.loginCounts.set(account.login, count);
    else {
      channel.loginCounts.delete(account.login);
      if (channel.members.size < ctx.options.membershipEventLimit) {
        fanOut(
          ctx.groundTruth,
          channel,
          outLine('', `:${userSource(nick)} PART #${c}`, 'PART', c, CAP_MEMBERSHIP),
        );
      }
    }
  }
  if (echo) session.send('', `:${userSource(nick)} PART #${c}`, 'PART', c);
  if (ctx.events.listenerCount('part') > 0) {
    ctx.events.emit('part', { connectionId: session.id, login: nick, channel: c });
  }
}
