/** Capability bits; a connection's caps decide what it is sent (see {@link OutLine.need}). */
export const CAP_TAGS = 1;
export const CAP_COMMANDS = 2;
export const CAP_MEMBERSHIP = 4;

const BY_NAME: ReadonlyMap<string, number> = new Map([
  ['twitch.tv/tags', CAP_TAGS],
  ['twitch.tv/commands', CAP_COMMANDS],
  ['twitch.tv/membership', CAP_MEMBERSHIP],
]);

/** Twitch's exact answer to `CAP LS` (with or without a version). */
export const CAP_LS_LINE = ':tmi.twitch.tv CAP * LS :twitch.tv/tags twitch.tv/commands twitch.tv/membership';

/**
 * Resolves the names of a `CAP REQ`; null when any name is unknown, because the request is then
 * refused as a whole (NAK), as IRCv3 and Twitch do.
 */
export function capBits(names: readonly string[]): number | null {
  let bits = 0;
  for (const name of names) {
    const bit = BY_NAME.get(name);
    if (bit === undefined) return null;
    bits |= bit;
  }
  return bits;
}

/** The cap names set in `bits`, in Twitch's LS order. */
export function capNames(bits: number): string[] {
  const out: string[] = [];
  for (const [name, bit] of BY_NAME) if (bits & bit) out.push(name);
  return out;
}
