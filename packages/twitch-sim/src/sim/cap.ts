import type { IrcMessage } from '../irc/index.js';
import { CAP_LS_LINE, capBits } from './caps.js';
import type { Session } from './session.js';

/**
 * CAP LS/REQ/END, before or after login. Registration is not suspended by CAP LS (Twitch answers
 * PASS/NICK at once either way), so CAP END has nothing to do; LIST and other subcommands are
 * ignored.
 */
export function handleCap(session: Session, msg: IrcMessage): void {
  const sub = msg.params[0]?.toUpperCase();
  if (sub === 'LS') {
    session.send('', CAP_LS_LINE, 'CAP');
    return;
  }
  if (sub !== 'REQ') return;
  const names = (msg.params[1] ?? '').split(' ').filter((n) => n !== '');
  if (names.length === 0) return;
  const bits = capBits(names);
  // One reply line per CAP REQ; an unknown name refuses the whole request.
  if (bits === null) {
    session.send('', `:tmi.twitch.tv CAP * NAK :${names.join(' ')}`, 'CAP');
    return;
  }
  session.caps |= bits;
  session.send('', `:tmi.twitch.tv CAP * ACK :${names.join(' ')}`, 'CAP');
}

/**
 * Answers a client PING exactly as Twitch does: a bare `PING` gets `PONG :tmi.twitch.tv` with no
 * source (tmi.js only accepts that form), anything else is echoed as the trailing param.
 */
export function handlePing(session: Session, msg: IrcMessage): void {
  if (msg.params.length === 0) session.send('', 'PONG :tmi.twitch.tv', 'PONG');
  else session.send('', `:tmi.twitch.tv PONG tmi.twitch.tv :${msg.params.join(' ')}`, 'PONG');
}
