import { afterEach, describe, expect, it } from 'vitest';
import { SessionStore } from '../src/auth/sessions.js';
import { REDACTED, redact } from '../src/http/redact.js';

describe('redact', () => {
  it('hides secrets at any depth and passwords in URLs, keeps the rest', () => {
    const out = redact({
      identity: { login: 'bot', token: 'oauth:abc' },
      web: {
        adminToken: 'x'.repeat(20),
        metricsToken: 'm',
        port: 8080,
        twitch: { clientSecret: 's', clientId: 'id' },
      },
      database: { url: 'postgres://user:hunter2@db:5432/x', password: 'p' },
      channels: ['a'],
    });
    expect(out).toEqual({
      identity: { login: 'bot', token: REDACTED },
      web: {
        adminToken: REDACTED,
        metricsToken: REDACTED,
        port: 8080,
        twitch: { clientSecret: REDACTED, clientId: 'id' },
      },
      database: { url: `postgres://user:${REDACTED}@db:5432/x`, password: REDACTED },
      channels: ['a'],
    });
    expect(JSON.stringify(out)).not.toMatch(/hunter2|oauth:abc|xxxx/);
  });
});

describe('SessionStore', () => {
  let store: SessionStore | null = null;
  afterEach(() => store?.close());

  it('expires a session ttl after its last use, and rotation invalidates the old id', () => {
    let now = 1_000;
    store = new SessionStore(60_000, () => now);
    const s = store.create();
    expect(s.id).not.toBe(s.csrfToken);
    now += 59_999;
    expect(store.get(s.id)).toBe(s); // used: pushed back
    now += 59_999;
    expect(store.get(s.id)).not.toBeNull();
    const fresh = store.rotate(s);
    expect(store.get(s.id)).toBeNull();
    expect(fresh.csrfToken).not.toBe(s.csrfToken);
    now += 60_000;
    expect(store.get(fresh.id)).toBeNull();
    expect(store.get(undefined)).toBeNull();
    store.create();
    now += 60_000;
    store.sweep();
    expect(store.size).toBe(0);
  });
});
