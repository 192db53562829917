import { type OAuthFake, startOAuthFake } from '@tmi-cluster/twitch-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebApp, type WebApp } from '../src/app.js';
import { ADMIN_TOKEN, BOT, type Harness, login, startHarness, until } from './helpers/cluster.js';

const APP = { clientId: 'webclient', clientSecret: 'websecret' };
const BASE = 'http://dashboard.test';
const STREAMER = 'channel3';

let h: Harness;
let fake: OAuthFake;
let app: WebApp;

beforeAll(async () => {
  h = await startHarness(
    6,
    {},
    [
      { login: STREAMER, tokens: [], displayName: 'Channel3', profileImageUrl: 'https://cdn.test/c3.png' },
      { login: 'opsuser', tokens: [] },
    ],
    { database: { dialect: 'sqlite', filename: ':memory:' } },
  );
  fake = await startOAuthFake({
    accounts: h.sim.accounts,
    clients: [{ ...APP, redirectUris: [`${BASE}/auth/twitch/callback`, `${BASE}/invite/callback`] }],
  });
  app = await buildWebApp({
    backend: h.backend,
    config: {
      adminToken: ADMIN_TOKEN,
      allowlist: ['opsuser'],
      twitch: {
        ...APP,
        authorizeUrl: `${fake.idBaseUrl}/authorize`,
        tokenUrl: `${fake.idBaseUrl}/token`,
        helixUrl: fake.helixBaseUrl,
        redirectUri: BASE,
      },
    },
    botLogin: BOT.login,
    publicDir: null,
  });
}, 60_000);
afterAll(async () => {
  await app?.close();
  await fake?.close();
  await h?.close();
});

/** Follows the app's redirect to the fake's authorize page as `as`; returns the callback path. */
async function authorizeAt(location: string, as: string): Promise<string> {
  const url = new URL(location);
  expect(url.origin + url.pathname).toBe(`${fake.idBaseUrl}/authorize`);
  expect(url.searchParams.get('scope')).toBe('');
  url.searchParams.set('login', as);
  const res = await fetch(url, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(back.origin).toBe(BASE);
  return back.pathname + back.search;
}

const cookieOf = (res: { cookies: { name: string; value: string }[] }, name: string) => {
  const c = res.cookies.find((x) => x.name === name);
  return c === undefined ? undefined : `${name}=${c.value}`;
};

describe('operator sign-in with Twitch', () => {
  it('signs in a login on the allowlist; refuses others (403) and a wrong state (400)', async () => {
    const startA = await app.inject({ method: 'GET', url: '/auth/twitch' });
    expect(startA.statusCode).toBe(302);
    const oauthA = cookieOf(startA, 'tmi_oauth')!;
    expect(startA.cookies.find((c) => c.name === 'tmi_oauth')).toMatchObject({
      sameSite: 'Lax',
      httpOnly: true,
    });
    const callbackA = await authorizeAt(startA.headers.location as string, 'opsuser');
    const tampered = callbackA.replace(/state=[^&]+/, 'state=forged');
    const bad = await app.inject({ method: 'GET', url: tampered, headers: { cookie: oauthA } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation', issues: [{ path: 'state' }] });
    // The state was spent by the failed attempt: the real one does not work any more either.
    expect(
      (await app.inject({ method: 'GET', url: callbackA, headers: { cookie: oauthA } })).statusCode,
    ).toBe(400);
    // Without the browser's sign-in cookie a valid-looking callback is refused too.
    expect((await app.inject({ method: 'GET', url: callbackA })).statusCode).toBe(400);

    const startB = await app.inject({ method: 'GET', url: '/auth/twitch' });
    const callbackB = await authorizeAt(startB.headers.location as string, STREAMER);
    const refused = await app.inject({
      method: 'GET',
      url: callbackB,
      headers: { cookie: cookieOf(startB, 'tmi_oauth')! },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: 'forbidden' });
    expect(cookieOf(refused, 'tmi_session')).toBeUndefined();

    const startC = await app.inject({ method: 'GET', url: '/auth/twitch' });
    const callbackC = await authorizeAt(startC.headers.location as string, 'opsuser');
    const ok = await app.inject({
      method: 'GET',
      url: callbackC,
      headers: { cookie: cookieOf(startC, 'tmi_oauth')! },
    });
    expect(ok.statusCode).toBe(302);
    expect(ok.headers.location).toBe('/');
    const session = cookieOf(ok, 'tmi_session')!;
    const me = await app.inject({ method: 'GET', url: '/api/auth/session', headers: { cookie: session } });
    expect(me.json()).toMatchObject({ user: { login: 'opsuser', via: 'twitch' } });
    expect(
      (await app.inject({ method: 'GET', url: '/api/workers', headers: { cookie: session } })).statusCode,
    ).toBe(200);
  });
});

describe('invite screen', () => {
  it('authorize → joined within seconds → revoke → parted, with the bot’s profile from Helix', async () => {
    const first = await app.inject({ method: 'GET', url: '/api/invite' });
    expect(first.json()).toMatchObject({
      enabled: true,
      bot: { login: BOT.login },
      streamer: null,
      authorized: false,
      joined: false,
    });
    let cookie = cookieOf(first, 'tmi_invite')!;

    // Not signed in: no action.
    const csrf0 = (first.json() as { csrfToken: string }).csrfToken;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/invite/authorize',
          headers: { cookie, 'x-csrf-token': csrf0 },
        })
      ).statusCode,
    ).toBe(401);

    // A state that does not match this browser's sign-in is refused.
    const start1 = await app.inject({ method: 'GET', url: '/invite/login', headers: { cookie } });
    expect(start1.statusCode).toBe(302);
    const cb1 = await authorizeAt(start1.headers.location as string, STREAMER);
    const forged = await app.inject({
      method: 'GET',
      url: cb1.replace(/state=[^&]+/, 'state=nope'),
      headers: { cookie },
    });
    expect(forged.statusCode).toBe(400);

    const start2 = await app.inject({ method: 'GET', url: '/invite/login', headers: { cookie } });
    const cb2 = await authorizeAt(start2.headers.location as string, STREAMER);
    const back = await app.inject({ method: 'GET', url: cb2, headers: { cookie } });
    expect(back.statusCode).toBe(302);
    expect(back.headers.location).toBe('/invite');
    const rotated = cookieOf(back, 'tmi_invite')!;
    expect(rotated).not.toBe(cookie);
    // The pre-sign-in id is worth nothing now.
    expect(
      (
        (await app.inject({ method: 'GET', url: '/api/invite', headers: { cookie } })).json() as {
          streamer: unknown;
        }
      ).streamer,
    ).toBeNull();
    cookie = rotated;

    const state = (await app.inject({ method: 'GET', url: '/api/invite', headers: { cookie } })).json() as {
      streamer: { login: string; displayName: string; avatarUrl: string };
      csrfToken: string;
      authorized: boolean;
      joined: boolean;
    };
    expect(state.streamer).toEqual({
      login: STREAMER,
      displayName: 'Channel3',
      avatarUrl: 'https://cdn.test/c3.png',
    });
    expect(state).toMatchObject({ authorized: false, joined: false });
    const csrf = state.csrfToken;

    expect(
      (await app.inject({ method: 'POST', url: '/api/invite/authorize', headers: { cookie } })).statusCode,
    ).toBe(403);
    const t0 = Date.now();
    const auth = await app.inject({
      method: 'POST',
      url: '/api/invite/authorize',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(auth.statusCode).toBe(200);
    expect(auth.json()).toMatchObject({ login: STREAMER, authorized: true });
    await until(
      async () => {
        const s = (await app.inject({ method: 'GET', url: '/api/invite', headers: { cookie } })).json() as {
          joined: boolean;
          authorized: boolean;
        };
        return s.joined && s.authorized;
      },
      'joined',
      10_000,
    );
    const joinMs = Date.now() - t0;
    console.log(`invite: authorized and confirmed joined in ${joinMs} ms`);
    expect(joinMs).toBeLessThan(5_000);

    const operator = await login(app);
    const detail = (
      await app.inject({
        method: 'GET',
        url: `/api/channels/${STREAMER}`,
        headers: { cookie: operator.cookie },
      })
    ).json() as Record<string, unknown>;
    expect(detail).toMatchObject({
      state: 'confirmed',
      authorization: { authorized: true, revoked: false, reconnect: true },
    });

    const revoke = await app.inject({
      method: 'POST',
      url: '/api/invite/revoke',
      headers: { cookie, 'x-csrf-token': csrf },
    });
    expect(revoke.statusCode).toBe(200);
    const revoked = revoke.json() as {
      login: string;
      revoked: boolean;
      part: { parted: string[]; notJoined: string[] };
    };
    expect(revoked).toMatchObject({ login: STREAMER, revoked: true });
    // The coordinator parts a revoked channel by itself; the explicit part makes sure of it.
    expect([...revoked.part.parted, ...revoked.part.notJoined]).toEqual([STREAMER]);
    const after = (await app.inject({ method: 'GET', url: '/api/invite', headers: { cookie } })).json();
    expect(after).toMatchObject({ authorized: false, joined: false });
    const parted = (
      await app.inject({
        method: 'GET',
        url: `/api/channels/${STREAMER}`,
        headers: { cookie: operator.cookie },
      })
    ).json();
    expect(parted).toMatchObject({ state: 'parted', authorization: { revoked: true } });
    // The streamer's session sees nothing of the operator API.
    expect((await app.inject({ method: 'GET', url: '/api/channels', headers: { cookie } })).statusCode).toBe(
      401,
    );
  }, 30_000);
});
