import { toChannelLogin } from '../domain/channel-name.js';
import { TmiClusterError } from '../errors/index.js';

/** What `say` accepts besides channel and text. */
export interface SayOptions {
  /** Twitch message id to reply to (a threaded reply, `reply-parent-msg-id`). */
  replyTo?: string;
  /**
   * Send as this account: only a worker logged in as it qualifies. Default: the client's
   * `identity` option; null = any worker holding the channel.
   */
  identity?: string | null;
  /**
   * Same key → sent at most once, also when you call `say` again after a time-out. Default: a
   * random UUID (so each call is a new message).
   */
  idempotencyKey?: string;
}

/** Longest text the worker accepts (it splits anything over Twitch's 500 into several messages). */
export const MAX_SAY_CHARS = 10_000;
const LOGIN = /^[a-z0-9_]{1,25}$/;

export interface ValidSay {
  channel: string;
  text: string;
  replyTo: string | undefined;
  identity: string | null;
  idempotencyKey: string;
}

/** Checks a say's input before anything is looked up or sent; throws a coded error naming the field. */
export function validateSay(
  channel: string,
  text: string,
  options: SayOptions,
  defaults: { identity: string | null; newKey(): string },
): ValidSay {
  const login = toChannelLogin(typeof channel === 'string' ? channel : String(channel));
  // The worker turns CR/LF/NUL into spaces and trims, so "\r\n" alone is empty too.
  if (typeof text !== 'string' || text.replace(/[\r\n\0]/g, ' ').trim() === '')
    throw new TmiClusterError('TMI_ERR_EMPTY_MESSAGE', `say in #${login}: the text is empty`, {
      field: 'text',
      rule: 'must contain something besides white space',
    });
  if (text.length > MAX_SAY_CHARS)
    throw new TmiClusterError(
      'TMI_ERR_MESSAGE_TOO_LONG',
      `say in #${login}: the text has ${text.length} characters, more than ${MAX_SAY_CHARS}`,
      { field: 'text', rule: `at most ${MAX_SAY_CHARS} characters`, length: text.length },
    );
  const replyTo = optionalString('replyTo', options.replyTo, 100);
  const identity = options.identity === undefined ? defaults.identity : options.identity;
  if (identity !== null && (typeof identity !== 'string' || !LOGIN.test(identity)))
    throw invalid('identity', 'must be a lowercase Twitch login or null');
  const idempotencyKey = optionalString('idempotencyKey', options.idempotencyKey, 200) ?? defaults.newKey();
  return { channel: login, text, replyTo, identity, idempotencyKey };
}

function optionalString(field: string, value: unknown, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value.length === 0 || value.length > max)
    throw invalid(field, `must be a string of 1–${max} characters`);
  return value;
}

function invalid(field: string, rule: string): TmiClusterError {
  return new TmiClusterError('TMI_ERR_INVALID_ARGUMENT', `say: ${field} ${rule}`, { field, rule });
}
