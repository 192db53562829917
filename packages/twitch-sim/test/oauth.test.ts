import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type OAuthFake, startOAuthFake } from '../src/oauth/index.js';
import { AccountTable } from '../src/sim/accounts.js';

const APP = {
  clientId: 'inviteclient0000000000000000a',
  clientSecret: 'invitesecret000000000000000a',
  redirectUris: ['http://localhost:5173/auth/callback', 'http://localhost:5173/cb?from=twitch'],
};
const OTHER = {
  clientId: 'otherclient',
  clientSecret: 'othersecret',
  redirectUris: ['http://other.test/cb'],
};
const REDIRECT = APP.redirectUris[0] ?? '';
const T0 = 1_750_000_000_000;

let now = T0;
let accounts: AccountTable;
let fake: OAuthFake;

beforeEach(async () => {
  now = T0;
  accounts = new AccountTable();
  accounts.add({ login: 'alice', userId: '1001', displayName: 'Alice' });
  accounts.add({ login: 'bob', userId: '1002', displayName: 'Bob_' });
  fake = await startOAuthFake({ accounts, clients: [APP, OTHER], autoApproveAs: 'alice', clock: () => now });
});

afterEach(async () => {
  await fake.close();
});

// ---------------------------------------------------------------- helpers

type Params = Record<string, string>;

function authorizeUrl(extra: Params = {}): string {
  const q = new URLSearchParams({
    client_id: APP.clientId,
    redirect_uri: REDIRECT,
    response_type: 'code',
    scope: 'chat:read chat:edit',
    state: 'st4te',
    ...extra,
  });
  return `${fake.idBaseUrl}/authorize?${q}`;
}

async function authorize(extra: Params = {}): Promise<{ res: Response; location: URL | null }> {
  const res = await fetch(authorizeUrl(extra), { redirect: 'manual' });
  const loc = res.headers.get('location');
  return { res, location: loc ? new URL(loc) : null };
}

async function getCode(extra: Params = {}): Promise<string> {
  const { res, location } = await authorize(extra);
  expect(res.status).toBe(302);
  const code = location?.searchParams.get('code');
  if (!code) throw new Error(`no code in ${location}`);
  return code;
}

function post(path: string, params: Params, contentType = 'application/x-www-form-urlencoded') {
  return fetch(`${fake.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body: new URLSearchParams(params).toString(),
  });
}

function exchange(code: string, extra: Params = {}) {
  return post('/oauth2/token', {
    client_id: APP.clientId,
    client_secret: APP.clientSecret,
    code,
    grant_type: 'authorization_code',
    redirect_uri: REDIRECT,
    ...extra,
  });
}

interface TokenBody {
  access_token: string;
  expires_in: number;
  refresh_token: string;
  scope: string[];
  token_type: string;
}

async function userToken(extra: Params = {}): Promise<TokenBody> {
  const res = await exchange(await getCode(extra));
  expect(res.status).toBe(200);
  return (await res.json()) as TokenBody;
}

function refresh(refreshToken: string, clientId = APP.clientId, clientSecret = APP.clientSecret) {
  return post('/oauth2/token', {
    client_id: clientId,
    client_secret: clientSecret,
    grant_type: 'refresh_token',
    refresh_token: refreshToken,
  });
}

function validate(token: string, scheme = 'OAuth') {
  return fetch(`${fake.idBaseUrl}/validate`, { headers: { Authorization: `${scheme} ${token}` } });
}

function helixUsers(token: string | null, query = '', clientId: string | null = APP.clientId) {
  const headers: Record<string, string> = {};
  if (token !== null) headers['Authorization'] = `Bearer ${token}`;
  if (clientId !== null) headers['Client-Id'] = clientId;
  return fetch(`${fake.helixBaseUrl}/users${query}`, { headers });
}

async function expectJson(res: Response, status: number, body: unknown): Promise<void> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await res.json()).toEqual(body);
}

// ---------------------------------------------------------------- authorization-code flow

describe('authorization-code flow', () => {
  it('authorize → code → token → validate → helix users → IRC token', async () => {
    const { res, location } = await authorize();
    expect(res.status).toBe(302);
    expect(location).not.toBeNull();
    expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
    expect(location?.searchParams.get('scope')).toBe('chat:read chat:edit');
    expect(location?.searchParams.get('state')).toBe('st4te');
    const code = location?.searchParams.get('code') ?? '';
    expect(code).toMatch(/^[a-z0-9]{30}$/);

    const tokenRes = await exchange(code);
    expect(tokenRes.status).toBe(200);
    const tok = (await tokenRes.json()) as TokenBody;
    expect(tok).toEqual({
      access_token: expect.stringMatching(/^[a-z0-9]{30}$/),
      expires_in: 14_400,
      refresh_token: expect.any(String),
      scope: ['chat:read', 'chat:edit'],
      token_type: 'bearer',
    });

    const expected = {
      client_id: APP.clientId,
      login: 'alice',
      scopes: ['chat:read', 'chat:edit'],
      user_id: '1001',
      expires_in: 14_400,
    };
    await expectJson(await validate(tok.access_token), 200, expected);
    await expectJson(await validate(tok.access_token, 'Bearer'), 200, expected);

    const users = await helixUsers(tok.access_token);
    expect(users.status).toBe(200);
    expect(users.headers.get('ratelimit-limit')).toBe('800');
    expect(await users.json()).toEqual({
      data: [
        {
          id: '1001',
          login: 'alice',
          display_name: 'Alice',
          type: '',
          broadcaster_type: '',
          description: '',
          profile_image_url: expect.stringMatching(/^https:\/\//),
          offline_image_url: '',
          view_count: 0,
          created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
        },
      ],
    });

    // The same token is what the IRC server accepts with PASS oauth:<token>.
    expect(accounts.byToken(tok.access_token)?.login).toBe('alice');
    expect(accounts.byToken(`oauth:${tok.access_token}`)?.login).toBe('alice');
  });

  it('echoes state unchanged, keeps redirect_uri query, omits an absent state', async () => {
    const state = 'a b&c=d/é?+%';
    const { location } = await authorize({ state, redirect_uri: APP.redirectUris[1] ?? '' });
    expect(location?.searchParams.get('state')).toBe(state);
    expect(location?.searchParams.get('from')).toBe('twitch');
    expect(location?.pathname).toBe('/cb');

    const q = new URLSearchParams({ client_id: APP.clientId, redirect_uri: REDIRECT, response_type: 'code' });
    const res = await fetch(`${fake.idBaseUrl}/authorize?${q}&force_verify=true`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.searchParams.has('state')).toBe(false);
    expect(loc.searchParams.get('scope')).toBe('');
  });

  it('refuses an unknown client or a wrong redirect_uri with 400 and no redirect', async () => {
    const cases: [Params, string][] = [
      [
        { redirect_uri: 'http://localhost:5173/auth/callback/' },
        'Parameter redirect_uri does not match registered URI',
      ],
      [{ redirect_uri: 'http://evil.test/cb' }, 'Parameter redirect_uri does not match registered URI'],
      [{ redirect_uri: OTHER.redirectUris[0] ?? '' }, 'Parameter redirect_uri does not match registered URI'],
      [{ client_id: 'nope' }, 'invalid client'],
      [{ client_id: '' }, 'missing client id'],
      [{ response_type: 'token' }, 'invalid response type'],
    ];
    for (const [extra, message] of cases) {
      const { res, location } = await authorize(extra);
      expect(location).toBeNull();
      await expectJson(res, 400, { status: 400, message });
    }
  });

  it('codes are single-use, bound to client and redirect_uri, and expire', async () => {
    const code = await getCode();
    expect((await exchange(code)).status).toBe(200);
    await expectJson(await exchange(code), 400, { status: 400, message: 'Invalid authorization code' });

    const code2 = await getCode();
    await expectJson(await exchange(code2, { redirect_uri: APP.redirectUris[1] ?? '' }), 400, {
      status: 400,
      message: 'Parameter redirect_uri does not match registered URI',
    });
    const stolen = await exchange(code2, { client_id: OTHER.clientId, client_secret: OTHER.clientSecret });
    await expectJson(stolen, 400, { status: 400, message: 'Invalid authorization code' });
    expect((await exchange(code2)).status).toBe(200); // neither attempt used it up

    const code3 = await getCode();
    now += 601_000;
    await expectJson(await exchange(code3), 400, { status: 400, message: 'Invalid authorization code' });
    await expectJson(await exchange('not-a-code'), 400, {
      status: 400,
      message: 'Invalid authorization code',
    });
  });

  it('refuses bad client credentials', async () => {
    const code = await getCode();
    await expectJson(await exchange(code, { client_secret: 'wrong' }), 403, {
      status: 403,
      message: 'invalid client secret',
    });
    await expectJson(await exchange(code, { client_secret: '' }), 400, {
      status: 400,
      message: 'missing client secret',
    });
    await expectJson(await exchange(code, { client_id: 'nope' }), 400, {
      status: 400,
      message: 'invalid client',
    });
    await expectJson(await exchange(code, { grant_type: 'password' }), 400, {
      status: 400,
      message: 'invalid grant type',
    });
    expect((await exchange(code)).status).toBe(200);
  });

  it('accepts the parameters in the query string or as JSON', async () => {
    const q = new URLSearchParams({
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      code: await getCode(),
      grant_type: 'authorization_code',
      redirect_uri: REDIRECT,
    });
    const viaQuery = await fetch(`${fake.idBaseUrl}/token?${q}`, { method: 'POST' });
    expect(viaQuery.status).toBe(200);

    const viaJson = await fetch(`${fake.idBaseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
        code: await getCode(),
        grant_type: 'authorization_code',
        redirect_uri: REDIRECT,
      }),
    });
    expect(viaJson.status).toBe(200);
  });
});

// ---------------------------------------------------------------- the signed-in user and "Cancel"

describe('authorize page', () => {
  it('denyNext → access_denied once, with state', async () => {
    fake.denyNext();
    const { res, location } = await authorize({ state: 'xyz' });
    expect(res.status).toBe(302);
    expect(`${location?.origin}${location?.pathname}`).toBe(REDIRECT);
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('error_description')).toBe('The user denied you access');
    expect(location?.searchParams.get('state')).toBe('xyz');
    expect(location?.searchParams.has('code')).toBe(false);

    expect(await getCode()).toMatch(/^[a-z0-9]{30}$/);
  });

  it('picks the user by login param or setSignedInUser', async () => {
    const bob = await userToken({ login: 'bob' });
    expect(((await (await validate(bob.access_token)).json()) as { login: string }).login).toBe('bob');

    fake.setSignedInUser('bob');
    const bob2 = await userToken();
    expect(accounts.byToken(bob2.access_token)?.login).toBe('bob');

    fake.setSignedInUser(null);
    await expectJson((await authorize()).res, 400, {
      status: 400,
      message: 'no user is signed in on the fake authorize page',
    });
    await expectJson((await authorize({ login: 'nobody' })).res, 400, {
      status: 400,
      message: 'no user is signed in on the fake authorize page',
    });
  });
});

// ---------------------------------------------------------------- refresh, revoke, expiry

describe('token lifecycle', () => {
  it('refresh rotates the refresh token', async () => {
    const first = await userToken();
    const res = await refresh(first.refresh_token);
    expect(res.status).toBe(200);
    const second = (await res.json()) as TokenBody;
    expect(second).toEqual({
      access_token: expect.any(String),
      expires_in: 14_400,
      refresh_token: expect.any(String),
      scope: ['chat:read', 'chat:edit'],
      token_type: 'bearer',
    });
    expect(second.access_token).not.toBe(first.access_token);
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(accounts.byToken(second.access_token)?.login).toBe('alice');

    const invalid = { error: 'Bad Request', status: 400, message: 'Invalid refresh token' };
    await expectJson(await refresh(first.refresh_token), 400, invalid);
    await expectJson(await refresh(second.refresh_token, OTHER.clientId, OTHER.clientSecret), 400, invalid);
    await expectJson(await refresh(second.refresh_token, APP.clientId, 'bad'), 403, {
      status: 403,
      message: 'invalid client secret',
    });
    expect((await refresh(second.refresh_token)).status).toBe(200);
  });

  it('revoke invalidates the token on the API and on IRC', async () => {
    const tok = await userToken();
    const res = await post('/oauth2/revoke', { client_id: APP.clientId, token: tok.access_token });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');

    await expectJson(await validate(tok.access_token), 401, { status: 401, message: 'invalid access token' });
    expect(accounts.byToken(tok.access_token)).toBeUndefined();
    expect((await helixUsers(tok.access_token)).status).toBe(401);
    expect((await refresh(tok.refresh_token)).status).toBe(400);

    await expectJson(
      await post('/oauth2/revoke', { client_id: APP.clientId, token: tok.access_token }),
      400,
      {
        status: 400,
        message: 'Invalid token',
      },
    );
    await expectJson(await post('/oauth2/revoke', { client_id: 'ghost', token: 'x' }), 404, {
      status: 404,
      message: 'client does not exist',
    });
    const other = await userToken();
    await expectJson(
      await post('/oauth2/revoke', { client_id: OTHER.clientId, token: other.access_token }),
      400,
      {
        status: 400,
        message: 'Invalid token',
      },
    );
    expect(accounts.byToken(other.access_token)).toBeDefined();
  });

  it('tokens expire on the clock; the refresh token survives', async () => {
    const tok = await userToken();
    now += 4_000_500;
    expect(((await (await validate(tok.access_token)).json()) as { expires_in: number }).expires_in).toBe(
      10_400,
    );

    now = T0 + 14_400_000;
    fake.sweepExpired();
    expect(accounts.byToken(tok.access_token)).toBeUndefined();
    await expectJson(await validate(tok.access_token), 401, { status: 401, message: 'invalid access token' });
    await expectJson(await helixUsers(tok.access_token), 401, {
      error: 'Unauthorized',
      status: 401,
      message: 'Invalid OAuth token',
    });

    const res = await refresh(tok.refresh_token);
    expect(res.status).toBe(200);
    const fresh = (await res.json()) as TokenBody;
    expect(accounts.byToken(fresh.access_token)?.login).toBe('alice');
  });

  it('validate without a token', async () => {
    await expectJson(await fetch(`${fake.idBaseUrl}/validate`), 401, {
      status: 401,
      message: 'missing authorization token',
    });
    await expectJson(await validate('garbage'), 401, { status: 401, message: 'invalid access token' });
  });
});

// ---------------------------------------------------------------- app tokens and seeded tokens

describe('other tokens', () => {
  it('client_credentials gives an app token', async () => {
    const res = await post('/oauth2/token', {
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      grant_type: 'client_credentials',
    });
    expect(res.status).toBe(200);
    const app = (await res.json()) as { access_token: string; expires_in: number; token_type: string };
    expect(app).toEqual({ access_token: expect.any(String), expires_in: 5_184_000, token_type: 'bearer' });
    expect(accounts.byToken(app.access_token)).toBeUndefined();

    await expectJson(await validate(app.access_token), 200, {
      client_id: APP.clientId,
      scopes: [],
      expires_in: 5_184_000,
    });
    await expectJson(await helixUsers(app.access_token), 400, {
      error: 'Bad Request',
      status: 400,
      message: 'Must provide an ID, Login or OAuth Token.',
    });
    const byLogin = (await (await helixUsers(app.access_token, '?login=bob')).json()) as {
      data: { id: string }[];
    };
    expect(byLogin.data.map((u) => u.id)).toEqual(['1002']);
  });

  it('tokens seeded into the AccountTable validate as never-expiring tokens of the first client', async () => {
    accounts.add({ login: 'carol', userId: '1003', tokens: ['oauth:seededtoken123'] });
    await expectJson(await validate('seededtoken123'), 200, {
      client_id: APP.clientId,
      login: 'carol',
      scopes: [],
      user_id: '1003',
      expires_in: 0,
    });
    const revoked = await post('/oauth2/revoke', { client_id: APP.clientId, token: 'seededtoken123' });
    expect(revoked.status).toBe(200);
    expect(accounts.byToken('seededtoken123')).toBeUndefined();
  });
});

// ---------------------------------------------------------------- Helix Get Users

describe('helix users', () => {
  it('looks up by id, login and both, leaving out unknowns', async () => {
    const tok = await userToken();
    const ids = async (query: string) => {
      const res = await helixUsers(tok.access_token, query);
      expect(res.status).toBe(200);
      return ((await res.json()) as { data: { id: string; login: string }[] }).data.map((u) => u.login);
    };
    expect(await ids('?id=1002')).toEqual(['bob']);
    expect(await ids('?login=BOB')).toEqual(['bob']);
    expect(await ids('?id=1001&id=1002')).toEqual(['alice', 'bob']);
    expect(await ids('?id=1002&login=alice&login=bob&login=ghost&id=999')).toEqual(['bob', 'alice']);
    expect(await ids('?login=ghost')).toEqual([]);
    expect(await ids(`?${Array.from({ length: 100 }, (_, i) => `id=${i}`).join('&')}`)).toEqual([]);
  });

  it('refuses more than 100 users', async () => {
    const tok = await userToken();
    const query = `?${Array.from({ length: 60 }, (_, i) => `id=${i}&login=u${i}`).join('&')}`;
    await expectJson(await helixUsers(tok.access_token, query), 400, {
      error: 'Bad Request',
      status: 400,
      message: 'The combined number of id and login parameters must not exceed 100',
    });
  });

  it('needs a Bearer token and the matching Client-Id', async () => {
    const tok = await userToken();
    const unauthorized = (message: string) => ({ error: 'Unauthorized', status: 401, message });
    await expectJson(await helixUsers(null), 401, unauthorized('OAuth token is missing'));
    await expectJson(
      await fetch(`${fake.helixBaseUrl}/users`, {
        headers: { Authorization: `OAuth ${tok.access_token}`, 'Client-Id': APP.clientId },
      }),
      401,
      unauthorized('OAuth token is missing'),
    );
    await expectJson(await helixUsers('nope'), 401, unauthorized('Invalid OAuth token'));
    await expectJson(await helixUsers(tok.access_token, '', null), 401, unauthorized('Client ID is missing'));
    await expectJson(
      await helixUsers(tok.access_token, '', OTHER.clientId),
      401,
      unauthorized('Client ID and OAuth token do not match'),
    );
  });
});

// ---------------------------------------------------------------- robustness

describe('robustness', () => {
  it('answers garbage with 4xx JSON and keeps serving', async () => {
    const garbage = await fetch(`${fake.idBaseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new Uint8Array([0xff, 0x00, 0x25, 0x7a, 0x7a, 0x26, 0x3d, 0x3d]),
    });
    await expectJson(garbage, 400, { status: 400, message: 'missing client id' });

    const badJson = await fetch(`${fake.idBaseUrl}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"client_id": ',
    });
    await expectJson(badJson, 400, { status: 400, message: 'request body is not valid JSON' });
    const arrayJson = await fetch(`${fake.idBaseUrl}/revoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1,2]',
    });
    expect(arrayJson.status).toBe(400);

    const huge = await post('/oauth2/token', { client_id: 'x'.repeat(100_000) });
    await expectJson(huge, 413, { status: 413, message: 'request body too large' });

    const badQuery = await fetch(`${fake.idBaseUrl}/authorize?client_id=%zz&redirect_uri=%E0%A4%A&&&==`, {
      redirect: 'manual',
    });
    expect(badQuery.status).toBe(400);

    await expectJson(await fetch(`${fake.url}/nope`), 404, { status: 404, message: 'page not found' });
    await expectJson(await fetch(`${fake.idBaseUrl}/token`), 404, { status: 404, message: 'page not found' });
    await expectJson(await fetch(`${fake.helixBaseUrl}/streams`), 404, {
      error: 'Not Found',
      status: 404,
      message: 'page not found',
    });

    const rawReply = await new Promise<string>((resolve, reject) => {
      const socket = connect(fake.port, '127.0.0.1', () => socket.write('GARBAGE \x00\x01 NOT HTTP\r\n\r\n'));
      let data = '';
      socket.on('data', (d) => {
        data += d.toString();
      });
      socket.on('close', () => resolve(data));
      socket.on('error', reject);
    });
    expect(rawReply).toMatch(/^HTTP\/1\.1 400/);

    expect((await userToken()).token_type).toBe('bearer');
  });

  it('answers CORS preflights', async () => {
    const res = await fetch(`${fake.helixBaseUrl}/users`, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-headers')).toMatch(/Client-Id/);
  });
});
