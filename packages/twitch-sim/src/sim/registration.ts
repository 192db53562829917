import type { IrcMessage } from '../irc/index.js';
import { handleCap, handlePing } from './cap.js';
import { CAP_COMMANDS } from './caps.js';
import type { SimContext } from './context.js';
import type { SessionState } from './events.js';
import { joinChannels } from './join.js';
import { globalUserStateTags, WELCOME_COMMANDS, welcomeLines } from './replies.js';
import type { Session } from './session.js';

/** Anonymous, read-only logins (never officially documented, but what every library uses). */
const JUSTINFAN = /^justinfan\d+$/;
/** A token is one run of printable ASCII after `oauth:`. */
const TOKEN = /^[\x21-\x7e]+$/;
/** JOIN targets kept from before NICK; more is a client gone wrong. */
const MAX_PENDING_JOINS = 10_000;

/**
 * The `registering` state. NICK completes the login right away (there is no wait for CAP END).
 * Before login Twitch answers CAP and PING, keeps JOINs for after the login, and ignores the rest
 * silently (PRIVMSG, PART, unknown commands: no 421, no 451).
 */
export function handleRegistering(ctx: SimContext, session: Session, msg: IrcMessage): SessionState {
  switch (msg.command.toUpperCase()) {
    case 'CAP':
      handleCap(session, msg);
      return 'registering';
    case 'PASS':
      session.pass = msg.params[0] ?? '';
      return 'registering';
    case 'NICK':
      return login(ctx, session, msg.params[0] ?? '');
    case 'PING':
      handlePing(session, msg);
      return 'registering';
    case 'JOIN': {
      const targets = msg.params[0];
      if (targets && session.pendingJoins.length < MAX_PENDING_JOINS) session.pendingJoins.push(targets);
      return 'registering';
    }
    case 'QUIT':
      session.closeReason = 'client quit';
      return 'closing';
    default:
      return 'registering';
  }
}

function refuse(session: Session, text: string): SessionState {
  session.send('', `:tmi.twitch.tv NOTICE * :${text}`, 'NOTICE');
  session.closeReason = text;
  return 'closing';
}

/**
 * PASS + NICK → one authentication attempt. A justinfan nick logs in anonymously whatever PASS
 * said; otherwise the token decides who the user is, and the NICK given is replaced by the token's
 * login (clients such as tmi.js read their name from 001).
 */
function login(ctx: SimContext, session: Session, rawNick: string): SessionState {
  const nick = rawNick.toLowerCase();
  if (nick === '') return refuse(session, 'Invalid NICK');
  if (JUSTINFAN.test(nick)) {
    session.anonymous = true;
    session.nick = nick;
    return welcome(ctx, session, nick);
  }
  const pass = session.pass;
  if (pass === null || !pass.startsWith('oauth:') || !TOKEN.test(pass.slice(6))) {
    return refuse(session, 'Improperly formatted auth');
  }
  const account = ctx.accounts.byToken(pass.slice(6));
  if (!account) return refuse(session, 'Login authentication failed');
  if (!ctx.limiter.tryAuth(account)) return refuse(session, 'Login unsuccessful');
  session.account = account;
  session.nick = account.login;
  return welcome(ctx, session, account.login);
}

function welcome(ctx: SimContext, session: Session, nick: string): SessionState {
  session.pass = null;
  const lines = welcomeLines(nick);
  for (let i = 0; i < lines.length; i++) session.send('', lines[i]!, WELCOME_COMMANDS[i]!);
  if (session.account) {
    session.send(
      globalUserStateTags(session.account),
      ':tmi.twitch.tv GLOBALUSERSTATE',
      'GLOBALUSERSTATE',
      null,
      CAP_COMMANDS,
    );
  }
  session.state = 'open';
  session.keepalive.start();
  ctx.events.emit('registered', session.info());
  const pending = session.pendingJoins;
  session.pendingJoins = [];
  for (const targets of pending) {
    if (!joinChannels(ctx, session, targets)) return 'closing';
  }
  return 'open';
}
