import type { Prng } from './prng.js';

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const VARIANT = '89ab';

function hex32(x: number): string {
  return HEX[x >>> 24]! + HEX[(x >>> 16) & 255]! + HEX[(x >>> 8) & 255]! + HEX[x & 255]!;
}

/**
 * A UUID-v4-shaped id (`xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx`, lowercase, as Twitch's message
 * ids look) drawn from the seeded PRNG, so that ids are reproducible; `crypto.randomUUID` is not.
 */
export function uuidV4(rng: Prng): string {
  const b = hex32(rng.uint32());
  const c = rng.uint32();
  const ch = hex32(c);
  return (
    hex32(rng.uint32()) +
    '-' +
    b.slice(0, 4) +
    '-4' +
    b.slice(5, 8) +
    '-' +
    VARIANT[c >>> 30]! +
    ch.slice(1, 4) +
    '-' +
    ch.slice(4, 8) +
    hex32(rng.uint32())
  );
}

/** `n` random bytes as lowercase hex (client nonces, emote ids). */
export function randomHex(rng: Prng, bytes: number): string {
  let out = '';
  for (let i = 0; i < bytes; i += 4) out += hex32(rng.uint32());
  return out.slice(0, bytes * 2);
}
