import type { IrcMessage } from '../irc/index.js';
import { handleCap, handlePing } from './cap.js';
import type { SimContext } from './context.js';
import type { SessionState } from './events.js';
import { joinChannels, partChannels } from './join.js';
import { handlePrivmsg } from './privmsg.js';
import type { Session } from './session.js';

/** Accepted after login and silently ignored, as Twitch does (pajbot's notes for USER and MODE). */
const IGNORED = new Set(['PASS', 'NICK', 'USER', 'MODE']);

/** The `open` state: a registered connection. Unknown commands get Twitch's 421. */
export function handleOpen(ctx: SimContext, session: Session, msg: IrcMessage): SessionState {
  const command = msg.command.toUpperCase();
  switch (command) {
    case 'PRIVMSG':
      handlePrivmsg(ctx, session, msg);
      return 'open';
    case 'JOIN':
      if (msg.params[0] !== undefined && !joinChannels(ctx, session, msg.params[0])) return 'closing';
      return 'open';
    case 'PART':
      if (msg.params[0] !== undefined) partChannels(ctx, session, msg.params[0]);
      return 'open';
    case 'PING':
      handlePing(session, msg);
      return 'open';
    case 'PONG':
      session.keepalive.pong();
      return 'open';
    case 'CAP':
      handleCap(session, msg);
      return 'open';
    case 'QUIT':
      session.closeReason = 'client quit';
      return 'closing';
    default:
      if (!IGNORED.has(command)) {
        session.send('', `:tmi.twitch.tv 421 ${session.login} ${msg.command} :Unknown command`, '421');
      }
      return 'open';
  }
}
