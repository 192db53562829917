import { type Chatter, type ChatterStore, makeChatter, renderBadges } from './chatters.js';
import { deriveSeed, Prng } from './prng.js';
import type { UserDirectory } from './users.js';

/** Step between the users of consecutive slots; prime, so slots map to distinct users. */
export const USER_STRIDE = 7919;

/** 2^bits chatter objects are kept in memory over all channels (see {@link ChatterCache}). */
const CACHE_BITS = 16;

// A saved slot, packed in 32 bits: flags, the tier's code, then the months subscribed.
const SAVED = 1;
const FIRST_MESSAGE = 2;
const RETURNING = 4;
const PRESENT = 8;
const TIER_SHIFT = 4;
const MONTHS_UNIT = 256;
const MAX_MONTHS = 0xffffff;
const TIERS = [0, 2000, 3000];

/**
 * The chatter objects in memory, over every channel: a fixed number of entries, each slot of each
 * pool hashed to one entry, a newcomer replacing whoever was there. A dropped chatter is rolled
 * again from its seed when next needed and its saved changes applied, so dropping loses nothing;
 * without this, 20,000 channels × 100 chatters would keep two million objects alive.
 */
export class ChatterCache {
  readonly #entries = new Array<Chatter | undefined>(1 << CACHE_BITS);

  /** The entry a pool's slot maps to. */
  index(poolId: number, slot: number): number {
    return (Math.imul(poolId + 1, 0x9e3779b1) + Math.imul(slot + 1, 0x85ebca6b)) >>> (32 - CACHE_BITS);
  }

  get(index: number): Chatter | undefined {
    return this.#entries[index];
  }

  set(index: number, chatter: Chatter): void {
    this.#entries[index] = chatter;
  }
}

/**
 * A channel's chatters. Slot k's user is `(base + k·stride) mod size` in the directory, so a
 * channel never has one user twice, and its roles come from a seed derived from the slot, so they
 * do not depend on the order of use. The pool itself holds no chatter objects (those live in the
 * shared {@link ChatterCache}); it keeps only what changed since a chatter was rolled, 4 bytes a
 * slot, allocated on the first change.
 */
export class ChatterPool implements ChatterStore {
  readonly #size: number;
  readonly #id: number;
  readonly #seed: number;
  readonly #base: number;
  readonly #users: UserDirectory;
  readonly #cache: ChatterCache;
  #saved: Uint32Array | null = null;

  constructor(
    options: { id: number; seed: number; base: number; size: number },
    users: UserDirectory,
    cache: ChatterCache,
  ) {
    const { size } = options;
    if (users.size % USER_STRIDE === 0 || users.size < size) {
      throw new RangeError(`user directory of ${users.size} cannot hold distinct pools of ${size}`);
    }
    this.#size = size;
    this.#id = options.id;
    this.#seed = options.seed;
    this.#base = options.base;
    this.#users = users;
    this.#cache = cache;
  }

  /** Number of slots. */
  get size(): number {
    return this.#size;
  }

  /** The chatter in slot `slot` (0 ≤ slot < size). */
  at(slot: number): Chatter {
    const index = this.#cache.index(this.#id, slot);
    const cached = this.#cache.get(index);
    if (cached && cached.store === this && cached.slot === slot) return cached;
    const user = this.#users.get((this.#base + slot * USER_STRIDE) % this.#users.size);
    const c = makeChatter(new Prng(deriveSeed(this.#seed, slot)), user, slot, this);
    const saved = this.#saved?.[slot] ?? 0;
    if (saved & SAVED) restore(c, saved);
    this.#cache.set(index, c);
    return c;
  }

  /** A uniformly chosen chatter. */
  random(rng: Prng): Chatter {
    return this.at(rng.int(this.#size));
  }

  save(chatter: Chatter): void {
    this.#saved ??= new Uint32Array(this.#size);
    this.#saved[chatter.slot] =
      SAVED |
      (chatter.firstMessagePending ? FIRST_MESSAGE : 0) |
      (chatter.returningPending ? RETURNING : 0) |
      (chatter.present ? PRESENT : 0) |
      (Math.max(0, TIERS.indexOf(chatter.tier)) << TIER_SHIFT) |
      (Math.min(chatter.subMonths, MAX_MONTHS) * MONTHS_UNIT);
  }
}

function restore(c: Chatter, saved: number): void {
  c.firstMessagePending = (saved & FIRST_MESSAGE) !== 0;
  c.returningPending = (saved & RETURNING) !== 0;
  c.present = (saved & PRESENT) !== 0;
  const months = Math.floor(saved / MONTHS_UNIT);
  const tier = TIERS[(saved >>> TIER_SHIFT) & 3] ?? 0;
  if (months !== c.subMonths || tier !== c.tier) {
    c.subMonths = months;
    c.tier = tier;
    renderBadges(c);
  }
}
