import type { ChannelBook } from './channel-book.js';
import { prefixNick } from './line-facts.js';
import type { PoolConnection } from './pool-connection.js';

/**
 * What a line from the server changes, before it is forwarded: the channel-state lines go to the
 * book, PONG answers our keepalive, RECONNECT starts a hand-over. Chat, nine lines in ten, leaves
 * at the first case.
 */
export function applyServerLine(
  book: ChannelBook,
  conn: PoolConnection,
  line: string,
  info: { command: string; channel: string | null; tagsEnd: number },
  receivedAt: number,
  reconnect: (conn: PoolConnection) => void,
): void {
  conn.lastLineAt = receivedAt;
  const channel = info.channel;
  switch (info.command) {
    case 'PRIVMSG':
      return;
    case 'JOIN':
      if (channel !== null && prefixNick(line, info.tagsEnd) === conn.nick)
        book.joined(conn, channel, receivedAt, false);
      return;
    case 'ROOMSTATE':
      // Anonymous logins get no USERSTATE; ROOMSTATE ends every join block (tmi.js relies on it too).
      if (channel !== null) book.joined(conn, channel, receivedAt, true);
      return;
    case 'PART':
      if (channel !== null && prefixNick(line, info.tagsEnd) === conn.nick)
        book.parted(conn, channel, receivedAt);
      return;
    case 'USERSTATE':
      if (channel !== null) book.userstate(channel, line);
      return;
    case 'NOTICE':
      if (channel !== null) book.notice(conn, channel, line, receivedAt);
      return;
    case 'PONG':
      conn.pongTimer?.cancel();
      conn.pongTimer = null;
      return;
    case 'RECONNECT':
      reconnect(conn);
      return;
    default:
      return;
  }
}
