import type { AccountTable, SimAccount } from '../sim/accounts.js';
import type { GrantStore } from './grants.js';

/** An app registered with the fake, as on dev.twitch.tv/console. */
export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  /** OAuth redirect URLs; `redirect_uri` must equal one of them exactly. */
  redirectUris: string[];
}

/** What every route handler gets besides the request. */
export interface RouteContext {
  accounts: AccountTable;
  grants: GrantStore;
  clients: ReadonlyMap<string, RegisteredClient>;
  /** The account signed in on the fake authorize page, if any. */
  signedInUser(): SimAccount | undefined;
  /** True once after {@link OAuthFake.denyNext}: the user clicks "Cancel" this time. */
  takeDeny(): boolean;
}
