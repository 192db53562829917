import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../src/auth/login-throttle.js';

describe('LoginThrottle', () => {
  it('blocks an address after max failures until its window ends; success clears it', () => {
    let now = 0;
    const t = new LoginThrottle(3, 1_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(t.blockedFor('a')).toBe(0);
      t.failed('a');
    }
    expect(t.blockedFor('a')).toBe(1_000);
    expect(t.blockedFor('b')).toBe(0);
    now = 999;
    expect(t.blockedFor('a')).toBe(1);
    now = 1_000;
    expect(t.blockedFor('a')).toBe(0);
    t.failed('a');
    t.failed('a');
    t.succeeded('a');
    t.failed('a');
    expect(t.blockedFor('a')).toBe(0);
  });
});
