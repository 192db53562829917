export type { RegisteredClient } from './context.js';
export { type ErrorMessage, Msg as OAuthErrorMessages } from './errors.js';
export type { AccessGrant } from './grants.js';
export { MAX_USERS_PER_REQUEST } from './routes/users.js';
export { type OAuthFake, type OAuthFakeOptions, startOAuthFake } from './server.js';
