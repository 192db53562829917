import { scanLine } from '@tmi-cluster/core';

/**
 * Whether tmi.js must see a line to keep its connection state: the registration block (001 sets
 * its username, 376 means "connected"), CAP, GLOBALUSERSTATE, the server's PING (tmi.js answers
 * it), a PONG to tmi.js's own bare PING (no prefix; ours to `PING :tmi-cluster` has one and is
 * the pool's business) and `NOTICE *` (login failures). Everything else, chat above all, never
 * reaches tmi.js's parser (about 8 µs a line against 0.2 µs for the lazy scan), and RECONNECT is
 * handled by the pool, not by tmi.js's disconnect-then-reconnect.
 */
export function isControlLine(line: string): boolean {
  const { command, channel, tagsEnd } = scanLine(line);
  switch (command) {
    case 'PING':
    case 'CAP':
    case 'GLOBALUSERSTATE':
    case '001':
    case '002':
    case '003':
    case '004':
    case '372':
    case '375':
    case '376':
      return true;
    case 'PONG':
      return line.charCodeAt(tagsEnd) !== 58 /* : */;
    case 'NOTICE':
      return channel === null;
    default:
      return false;
  }
}
