import { flatten } from './flatten.js';
import { deriveSeed, Prng } from './prng.js';
import { DEFAULT_COLORS, NAME_PARTS } from './vocab.js';

/** A fake Twitch account that chats; the same index always gives the same account. */
export interface ChatUser {
  userId: string;
  /** Lowercase login, unique across the directory. */
  login: string;
  /** The login, sometimes with capitals, as Twitch shows it. */
  displayName: string;
  /** `#RRGGBB`, or '' for a user who never picked a colour. */
  color: string;
  turbo: boolean;
  premium: boolean;
}

/** Offset of derived seeds for users, so they do not collide with channel streams. */
const USER_STREAM = 0x40000000;

/** Users kept in memory; a user is a pure function of the seed and its index, so any can go. */
const CACHED_USERS = 1 << 16;

/**
 * The universe of fake users that channels draw their chatters from. A user is made from its own
 * derived seed, so it is the same no matter which channel asks first, and one login always has
 * one user-id (as on Twitch), even when it chats in several channels. Only a fixed number are kept
 * (one per index modulo the cache size): the directory may hold a million users.
 */
export class UserDirectory {
  readonly #seed: number;
  readonly #cache: (ChatUser | undefined)[] = new Array<ChatUser | undefined>(CACHED_USERS);
  readonly #indexes = new Int32Array(CACHED_USERS).fill(-1);

  /** @param size how many distinct users exist */
  constructor(
    seed: number,
    readonly size: number,
  ) {
    this.#seed = seed;
  }

  /** The user with this index (0 ≤ index < size). */
  get(index: number): ChatUser {
    const entry = index & (CACHED_USERS - 1);
    const cached = this.#cache[entry];
    if (cached && this.#indexes[entry] === index) return cached;
    const user = makeUser(new Prng(deriveSeed(this.#seed, USER_STREAM + index)), index);
    this.#cache[entry] = user;
    this.#indexes[entry] = index;
    return user;
  }
}

function makeUser(rng: Prng, index: number): ChatUser {
  const first = rng.pick(NAME_PARTS);
  const second = rng.pick(NAME_PARTS);
  const sep = rng.chance(0.3) ? '_' : '';
  // The index as a suffix keeps logins unique; many real logins end in digits anyway.
  const login = `${first}${sep}${second}${index}`;
  let displayName = login;
  const style = rng.float();
  if (style < 0.45) displayName = capitalize(first) + sep + capitalize(second) + index;
  else if (style < 0.5) displayName = login.toUpperCase();
  const colorStyle = rng.float();
  const color =
    colorStyle < 0.15
      ? ''
      : colorStyle < 0.6
        ? rng.pick(DEFAULT_COLORS)
        : `#${(rng.uint32() & 0xffffff).toString(16).toUpperCase().padStart(6, '0')}`;
  return {
    // Spread ids over a realistic 8–9 digit range while keeping them unique per index.
    userId: String(20_000_000 + index * 7919 + (index % 7919)),
    login: flatten(login),
    displayName: flatten(displayName),
    color,
    turbo: rng.chance(0.02),
    premium: rng.chance(0.12),
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
