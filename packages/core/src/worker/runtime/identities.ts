import { anonymousIdentity, type Identity } from '../identity.js';
import type { ResolvedRuntimeOptions } from './options.js';

/** Who a worker reads as, and who it sends as. */
export interface WorkerIdentities {
  /** The login its channels are joined and read with (`justinfan…` when anonymous). */
  reader: Identity;
  /** The account says go out as: the separate sender, else the reader if it is an account; null: cannot send. */
  sender: Identity | null;
  /** True when the sender is a separate account that joins channels only to send (seats). */
  seated: boolean;
}

/** The reading and sending identities from validated options; anonymous logins are drawn with `random`. */
export function workerIdentities(o: ResolvedRuntimeOptions, random: () => number): WorkerIdentities {
  const reader: Identity =
    o.identity === 'anonymous'
      ? { ...anonymousIdentity(random), tier: o.anonymousTier }
      : { login: o.identity.login, token: o.identity.token, tier: o.identity.tier };
  if (o.sender !== null) {
    const { login, token, tier } = o.sender;
    return { reader, sender: { login, token, tier }, seated: true };
  }
  return { reader, sender: reader.token === null ? null : reader, seated: false };
}
