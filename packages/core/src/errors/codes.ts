/**
 * Every error code with its one-line meaning. docs/errors.md lists the same codes; a test fails
 * when the two differ.
 */
export const ERROR_CODES = {
  TMI_ERR_INVALID_CHANNEL:
    'A channel name is not a Twitch login (1–25 of a-z, 0-9, _), optionally with a leading #.',
  TMI_ERR_INVALID_CONFIG: 'The configuration failed validation; the message names each key and rule.',
  TMI_ERR_INVALID_COMMAND: 'A command payload failed validation; it was moved to the dead-letter stream.',
  TMI_ERR_MESSAGE_TOO_LONG: 'A chat message is over Twitch’s 500-character limit and splitting is off.',
  TMI_ERR_EMPTY_MESSAGE: 'A chat message is empty or only white space.',
  TMI_ERR_NOT_CONNECTED: 'The operation needs a connection or cluster that is not (or no longer) there.',
  TMI_ERR_CLOSED: 'The object was closed; create a new one.',
  TMI_ERR_TIMEOUT: 'The operation did not finish within its time limit.',
  TMI_ERR_LEASE_LOST: 'A coordinator write carried a fencing token that is no longer current.',
  TMI_ERR_UNAUTHORIZED_CHANNEL: 'The channel manager does not allow this channel (restrictMessages or join).',
  TMI_ERR_INVALID_ARGUMENT:
    'A port method got an argument outside its documented range; the message names it and the rule.',
  TMI_ERR_NO_SUCH_GROUP: 'A stream consumer group was used before ensureGroup created it (Redis: NOGROUP).',
  TMI_ERR_DATABASE:
    'A database query failed (server unreachable, tables missing: run `tmi-cluster migrate`); the message has the reason.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
