import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares secrets in time independent of where they differ. Both sides are hashed first so
 * their lengths match and the length of the expected secret does not leak either.
 */
export function secretEquals(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}
