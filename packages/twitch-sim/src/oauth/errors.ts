import { STATUS_CODES } from 'node:http';
import { json, type Reply } from './http.js';

/**
 * Every error message the fakes send, in one place. Where a message is marked "seen" its wording
 * matches what Twitch sends (from Twitch's docs or from real responses quoted in bug reports);
 * the others are plausible guesses in Twitch's style.
 */
export const Msg = {
  // id.twitch.tv
  missingClientId: 'missing client id',
  invalidClient: 'invalid client', // seen (400 from /oauth2/token)
  clientDoesNotExist: 'client does not exist', // seen (404 from /oauth2/revoke)
  missingClientSecret: 'missing client secret', // seen
  invalidClientSecret: 'invalid client secret', // seen (403)
  redirectMismatch: 'Parameter redirect_uri does not match registered URI', // seen
  invalidResponseType: 'invalid response type',
  noSignedInUser: 'no user is signed in on the fake authorize page',
  missingGrantType: 'missing grant type',
  invalidGrantType: 'invalid grant type',
  missingCode: 'missing code',
  invalidCode: 'Invalid authorization code', // seen
  missingRefreshToken: 'missing refresh token',
  invalidRefreshToken: 'Invalid refresh token', // seen
  missingToken: 'missing token',
  invalidToken: 'Invalid token', // seen (400 from /oauth2/revoke)
  missingAuthorization: 'missing authorization token', // seen (401 from /oauth2/validate)
  invalidAccessToken: 'invalid access token', // seen (401 from /oauth2/validate)
  invalidJson: 'request body is not valid JSON',
  bodyTooLarge: 'request body too large',
  notFound: 'page not found',
  internal: 'internal error in the OAuth fake',
  // api.twitch.tv/helix
  oauthTokenMissing: 'OAuth token is missing', // seen
  invalidOAuthToken: 'Invalid OAuth token', // seen
  clientIdMissing: 'Client ID is missing',
  clientIdMismatch: 'Client ID and OAuth token do not match', // seen
  tooManyUsers: 'The combined number of id and login parameters must not exceed 100',
  needIdOrLogin: 'Must provide an ID, Login or OAuth Token.',
} as const;

/** A message from {@link Msg}. */
export type ErrorMessage = (typeof Msg)[keyof typeof Msg];

/**
 * An id.twitch.tv error reply: `{status, message}`, as `/oauth2/*` answers. `named` adds Twitch's
 * `error: 'Bad Request'` field, which some `/oauth2/token` errors carry.
 */
export function idError(status: number, message: ErrorMessage, named = false): Reply {
  return json(status, named ? { error: statusText(status), status, message } : { status, message });
}

/** An api.twitch.tv/helix error reply: `{error, status, message}`. */
export function helixError(status: number, message: ErrorMessage): Reply {
  return json(status, { error: statusText(status), status, message });
}

function statusText(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}
