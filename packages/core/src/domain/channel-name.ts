import { TmiClusterError } from '../errors/index.js';

/** A channel as tmi-cluster stores it: the lowercase login, without `#`. */
export type ChannelLogin = string & { readonly __brand?: 'ChannelLogin' };

const LOGIN = /^[a-z0-9_]{1,25}$/;

/**
 * Normalises user input (`#Foo`, `foo`, ` FOO `) to the login `foo`, or throws
 * TMI_ERR_INVALID_CHANNEL naming the input and the rule. Twitch logins are 1–25 characters of
 * a-z, 0-9 and underscore.
 */
export function toChannelLogin(input: string): ChannelLogin {
  const trimmed = input.trim();
  const login = (trimmed.startsWith('#') ? trimmed.slice(1) : trimmed).toLowerCase();
  if (!LOGIN.test(login)) {
    const rule =
      login.length === 0
        ? 'must not be empty'
        : login.length > 25
          ? 'must be at most 25 characters'
          : 'may contain only a-z, 0-9 and _';
    throw new TmiClusterError('TMI_ERR_INVALID_CHANNEL', `invalid channel "${input}": ${rule}`, {
      channel: input,
      rule,
    });
  }
  return login;
}

/** True when `input` would normalise without error. */
export function isChannelLogin(input: string): boolean {
  return LOGIN.test(input);
}

/** `foo` → `#foo`, the form IRC lines use. */
export function toIrcChannel(login: ChannelLogin): string {
  return `#${login}`;
}
