/** The `nick!user@host` prefix of a line, split; `user` and `host` are null when absent. */
export interface IrcSource {
  nick: string;
  user: string | null;
  host: string | null;
}

/**
 * Splits a prefix (without its leading `:`) into nick, user and host. The nick ends at the
 * first `!` or `@`; a server name such as `tmi.twitch.tv` is returned as the nick.
 */
export function parseSource(prefix: string): IrcSource {
  const at = prefix.indexOf('@');
  const bang = prefix.indexOf('!');
  // A `!` after the `@` belongs to the host, not to a user part.
  if (bang !== -1 && (at === -1 || bang < at)) {
    return {
      nick: prefix.slice(0, bang),
      user: prefix.slice(bang + 1, at === -1 ? prefix.length : at),
      host: at === -1 ? null : prefix.slice(at + 1),
    };
  }
  if (at !== -1) return { nick: prefix.slice(0, at), user: null, host: prefix.slice(at + 1) };
  return { nick: prefix, user: null, host: null };
}
