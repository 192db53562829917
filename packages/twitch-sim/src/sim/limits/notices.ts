import type { SayVerdict } from './types.js';

/** Twitch's NOTICE text for `msg_ratelimit` (reference twitch-irc.md §2.1, [IRC] NOTICE table). */
export const MSG_RATELIMIT_TEXT = 'Your message was not sent because you are sending messages too quickly.';

/** Twitch's NOTICE text for `msg_duplicate`. */
export const MSG_DUPLICATE_TEXT =
  'Your message was not sent because it is identical to the previous one you sent, less than 30 seconds ago.';

/** Verdicts are immutable, so the three refusals are shared instead of allocated per message. */
export const OK: SayVerdict = Object.freeze({ ok: true });

/**
 * Over the account-wide PRIVMSG bucket. Twitch itself may drop these silently ([IRC]: "will
 * silently drop your messages"); we send `msg_ratelimit` instead so a client under test can see
 * that it overran, and a test can assert it never does.
 */
export const PRIVMSG_RATE: SayVerdict = Object.freeze({
  ok: false,
  reason: 'privmsg_rate',
  noticeId: 'msg_ratelimit',
  noticeText: MSG_RATELIMIT_TEXT,
});

/** Under the 1 message/s per-channel spacing; Twitch answers this one with `msg_ratelimit` ([PAJ]). */
export const CHANNEL_RATE: SayVerdict = Object.freeze({
  ok: false,
  reason: 'channel_rate',
  noticeId: 'msg_ratelimit',
  noticeText: MSG_RATELIMIT_TEXT,
});

/** Same text in the same channel within the duplicate window. */
export const DUPLICATE: SayVerdict = Object.freeze({
  ok: false,
  reason: 'duplicate',
  noticeId: 'msg_duplicate',
  noticeText: MSG_DUPLICATE_TEXT,
});
