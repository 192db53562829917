import { randomUUID } from 'node:crypto';
import { type IrcMessage, userSource } from '../irc/index.js';
import { CAP_COMMANDS } from './caps.js';
import type { SimContext } from './context.js';
import { emotesTag } from './emotes.js';
import { fanOut } from './fanout.js';
import { outLine } from './out-line.js';
import { findParent, privmsgTags } from './privmsg-tags.js';
import { NOTICE_TEXT, noticeLine, userStateTags } from './replies.js';
import type { Session } from './session.js';

/** Twitch trims chat messages to 500 characters. */
export const MAX_MESSAGE_CHARS = 500;

const ACTION_PREFIX = '\x01ACTION ';

/** The text as Twitch would post it, and whether it is a `/me` action; null for an unknown `/command`. */
function interpret(text: string): { body: string; action: boolean } | { command: string } {
  if (text.startsWith(ACTION_PREFIX)) {
    return { body: text.slice(ACTION_PREFIX.length, text.endsWith('\x01') ? -1 : undefined), action: true };
  }
  if (text.startsWith('/me ') || text.startsWith('.me ')) return { body: text.slice(4), action: true };
  // Chat commands other than /me were removed from IRC in 2023; Twitch refuses them.
  if (text.startsWith('/') && text.length > 1 && text[1] !== ' ' && text[1] !== '/') {
    return { command: text.split(' ', 1)[0]! };
  }
  return { body: text, action: false };
}

function trim(text: string): string {
  if (text.length <= MAX_MESSAGE_CHARS) return text;
  const points = Array.from(text);
  return points.length <= MAX_MESSAGE_CHARS ? text : points.slice(0, MAX_MESSAGE_CHARS).join('');
}

/**
 * PRIVMSG from a client: dropped silently for anonymous users and channels the connection is not
 * in; refused with the limiter's NOTICE; otherwise delivered with generated tags to every other
 * connection in the channel (the user's own other connections included), and acknowledged to the
 * sender with a USERSTATE carrying the message id (there is no echo of one's own message).
 */
export function handlePrivmsg(ctx: SimContext, session: Session, msg: IrcMessage): void {
  const account = session.account;
  const target = msg.params[0];
  const rawText = msg.params[1];
  if (!account || target === undefined || rawText === undefined || rawText === '') return;
  if (!target.startsWith('#')) return;
  const channel = ctx.channels.get(target.slice(1));
  if (!channel?.members.has(session)) return;
  const c = channel.login;
  const meaning = interpret(rawText);
  if ('command' in meaning) {
    const text = NOTICE_TEXT.unrecognized_cmd(meaning.command);
    session.send('msg-id=unrecognized_cmd', noticeLine(c, text), 'NOTICE', c, CAP_COMMANDS);
    return;
  }
  const body = trim(meaning.body);
  if (body === '') return;
  const verdict = ctx.limiter.trySay(account, c, body, channel.isPrivileged(account.login));
  if (!verdict.ok) {
    session.send(`msg-id=${verdict.noticeId}`, noticeLine(c, verdict.noticeText), 'NOTICE', c, CAP_COMMANDS);
    return;
  }
  const id = randomUUID();
  const parentId = msg.tags['reply-parent-msg-id'];
  const parent = parentId === undefined ? null : findParent(channel, parentId);
  const tags = privmsgTags({
    account,
    channel,
    id,
    ts: ctx.options.clock(),
    emotes: emotesTag(body),
    clientNonce: msg.tags['client-nonce'],
    parent,
  });
  const wire = meaning.action ? `${ACTION_PREFIX}${body}\x01` : body;
  fanOut(
    ctx.groundTruth,
    channel,
    outLine(tags, `:${userSource(account.login)} PRIVMSG #${c} :${wire}`, 'PRIVMSG', c, 0, id),
    session,
  );
  channel.remember(
    id,
    {
      login: account.login,
      displayName: account.displayName,
      userId: account.userId,
      body,
      threadId: parent ? parent.message.threadId : id,
      threadLogin: parent ? parent.message.threadLogin : account.login,
    },
    ctx.options.recentMessagesPerChannel,
  );
  session.send(
    userStateTags(account, channel, id),
    `:tmi.twitch.tv USERSTATE #${c}`,
    'USERSTATE',
    c,
    CAP_COMMANDS,
  );
  if (ctx.events.listenerCount('message') > 0) {
    ctx.events.emit('message', {
      connectionId: session.id,
      login: account.login,
      channel: c,
      id,
      text: body,
    });
  }
}
