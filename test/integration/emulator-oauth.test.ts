import { LOCAL_REDIRECT_URI, standardSeed, TEACHER, ACCOUNT_APP, ACCOUNT_ID, ADMIN, USER_APP } from '../../local/data/seeds';
import { startZoomEmulator, type ZoomEmulator } from '../../local/zoom-emulator';
import { at, authorizeUser, postForm, send } from '../unit/emulator/helpers';

const NOW = at('2024-05-06T12:00:00Z');

let emulator: ZoomEmulator;

beforeAll(async () => {
  emulator = await startZoomEmulator();
});

afterAll(async () => {
  await emulator.stop();
});

beforeEach(async () => {
  await emulator.seed(standardSeed());
  await emulator.setClock(NOW);
});

function authorizePath(params: Record<string, string>): string {
  return `/oauth/authorize?${new URLSearchParams(params)}`;
}

const VALID_AUTHORIZE = {
  response_type: 'code',
  client_id: USER_APP.clientId,
  redirect_uri: LOCAL_REDIRECT_URI,
  state: 'ADEpC8x0Q+/=',
};

describe('GET /oauth/authorize', () => {
  it('redirects with a code and the unchanged state', async () => {
    const answer = await send(emulator.baseUrl, authorizePath(VALID_AUTHORIZE));
    const location = new URL(String(answer.headers.location));

    expect(answer.status).toBe(302);
    expect(`${location.origin}${location.pathname}`).toBe(LOCAL_REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('ADEpC8x0Q+/=');
    expect(location.searchParams.get('code')).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('redirects with access_denied when the user denies', async () => {
    await emulator.seed({ ...standardSeed(), consent: { userId: TEACHER.id, decision: 'deny' } });

    const answer = await send(emulator.baseUrl, authorizePath(VALID_AUTHORIZE));
    const location = new URL(String(answer.headers.location));

    expect(answer.status).toBe(302);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('ADEpC8x0Q+/=');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('shows an error page for an unknown client', async () => {
    const answer = await send(emulator.baseUrl, authorizePath({ ...VALID_AUTHORIZE, client_id: 'NoSuchClient' }));

    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.headers['content-type']).toMatch(/text\/html/);
  });

  it('shows 4709 for a redirect URI mismatch', async () => {
    const answer = await send(
      emulator.baseUrl,
      authorizePath({ ...VALID_AUTHORIZE, redirect_uri: `${LOCAL_REDIRECT_URI}/` }),
    );

    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).toContain('4709');
    expect(answer.text).toContain('Redirect URI mismatch');
  });

  it('shows Invalid scope for a scope parameter', async () => {
    const answer = await send(emulator.baseUrl, authorizePath({ ...VALID_AUTHORIZE, scope: 'meeting:read' }));

    expect(answer.status).toBe(400);
    expect(answer.headers.location).toBeUndefined();
    expect(answer.text).toContain('Invalid scope');
  });
});

describe('POST /oauth/token', () => {
  it('exchanges a code for a token pair', async () => {
    const pair = await authorizeUser(emulator.baseUrl);

    expect(pair.access_token).toMatch(/^[A-Za-z0-9_-]{30,}$/);
    expect(pair.refresh_token).toMatch(/^[A-Za-z0-9_-]{30,}$/);
    expect(pair.refresh_token).not.toBe(pair.access_token);
    expect(pair.expires_in).toBe(3599);
    expect(pair).toMatchObject({ token_type: 'bearer', api_url: 'https://api.zoom.us' });
  });

  it('drops admin scopes for a non-admin user', async () => {
    const pair = await authorizeUser(emulator.baseUrl);
    const scopes = pair.scope.split(' ');

    expect(scopes).toContain('meeting:read:list_past_participants');
    expect(scopes.filter((scope) => scope.endsWith(':admin'))).toEqual([]);
  });

  it('keeps admin scopes for an admin', async () => {
    await emulator.seed({ ...standardSeed(), consent: { userId: ADMIN.id, decision: 'approve' } });

    const pair = await authorizeUser(emulator.baseUrl);

    expect(pair.scope.split(' ')).toEqual(USER_APP.scopes);
  });

  it('requires Basic client authentication', async () => {
    const answer = await postForm(
      emulator.baseUrl,
      '/oauth/token',
      { grant_type: 'refresh_token', refresh_token: 'x', client_id: USER_APP.clientId, client_secret: USER_APP.clientSecret },
      null,
    );

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });

  it('rejects a wrong client secret', async () => {
    const answer = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: 'x' }, {
      ...USER_APP,
      clientSecret: 'wrong',
    });

    expect(answer.status).toBe(401);
    expect(answer.json).toEqual({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' });
  });

  it('accepts a code only once', async () => {
    const authorize = await send(emulator.baseUrl, authorizePath(VALID_AUTHORIZE));
    const code = new URL(String(authorize.headers.location)).searchParams.get('code') ?? '';
    const form = { grant_type: 'authorization_code', code, redirect_uri: LOCAL_REDIRECT_URI };
    const first = await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP);
    const second = await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP);

    expect(first.status).toBe(200);
    expect(second.status).toBe(400);
  });

  it('rejects a code older than 5 minutes', async () => {
    const authorize = await send(emulator.baseUrl, authorizePath(VALID_AUTHORIZE));
    const code = new URL(String(authorize.headers.location)).searchParams.get('code') ?? '';
    const form = { grant_type: 'authorization_code', code, redirect_uri: LOCAL_REDIRECT_URI };
    const late = await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP, NOW + 5 * 60_000 + 1000);

    expect(late.status).toBe(400);
  });

  it('rejects a redirect_uri other than the authorize one', async () => {
    const authorize = await send(emulator.baseUrl, authorizePath(VALID_AUTHORIZE));
    const code = new URL(String(authorize.headers.location)).searchParams.get('code') ?? '';
    const form = { grant_type: 'authorization_code', code, redirect_uri: 'https://example.org/callback' };
    const answer = await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP);

    expect(answer.status).toBe(400);
  });

  it('rotates refresh tokens', async () => {
    const first = await authorizeUser(emulator.baseUrl);
    const refreshed = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token }, USER_APP);
    const pair = refreshed.json as { access_token: string; refresh_token: string };

    expect(refreshed.status).toBe(200);
    expect(pair.refresh_token).not.toBe(first.refresh_token);
    expect(pair.access_token).not.toBe(first.access_token);
  });

  it('rejects a reused refresh token with invalid_grant', async () => {
    const first = await authorizeUser(emulator.baseUrl);
    const form = { grant_type: 'refresh_token', refresh_token: first.refresh_token };

    await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP);

    const reuse = await postForm(emulator.baseUrl, '/oauth/token', form, USER_APP);

    expect(reuse.status).toBe(400);
    expect(reuse.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('keeps the old access token valid after a refresh', async () => {
    const first = await authorizeUser(emulator.baseUrl);

    await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token }, USER_APP);

    const me = await send(emulator.baseUrl, '/v2/users/me', { token: first.access_token });

    expect(me.status).toBe(200);
  });

  it('revokes earlier tokens on a new authorization', async () => {
    const first = await authorizeUser(emulator.baseUrl);

    await authorizeUser(emulator.baseUrl);

    const me = await send(emulator.baseUrl, '/v2/users/me', { token: first.access_token });
    const refresh = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: first.refresh_token }, USER_APP);

    expect(me.status).toBe(401);
    expect(refresh.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('expires access tokens after expires_in', async () => {
    const pair = await authorizeUser(emulator.baseUrl);
    const before = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token, now: NOW + 3598_000 });
    const after = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token, now: NOW + 3599_000 });

    expect(before.status).toBe(200);
    expect(after.status).toBe(401);
    expect(after.json).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('uses the seeded token lifetime', async () => {
    await emulator.seed({ ...standardSeed(), accessTokenLifetimeSeconds: 60 });

    const pair = await authorizeUser(emulator.baseUrl);
    const late = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token, now: NOW + 60_000 });

    expect(pair.expires_in).toBe(60);
    expect(late.json).toEqual({ code: 124, message: 'Access token is expired.' });
  });

  it('issues account credentials without a refresh token', async () => {
    const answer = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'account_credentials', account_id: ACCOUNT_ID }, ACCOUNT_APP);
    const body = answer.json as Record<string, unknown>;

    expect(answer.status).toBe(200);
    expect(body.refresh_token).toBeUndefined();
    expect(body.scope).toBe(ACCOUNT_APP.scopes.join(' '));
  });

  it('rejects account credentials for another account', async () => {
    const answer = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'account_credentials', account_id: 'other' }, ACCOUNT_APP);

    expect(answer.status).toBe(400);
  });

  it('invalidates the previous account token', async () => {
    const form = { grant_type: 'account_credentials', account_id: ACCOUNT_ID };
    const first = (await postForm(emulator.baseUrl, '/oauth/token', form, ACCOUNT_APP)).json as { access_token: string };
    const second = (await postForm(emulator.baseUrl, '/oauth/token', form, ACCOUNT_APP)).json as { access_token: string };
    const old = await send(emulator.baseUrl, '/v2/users/me', { token: first.access_token });
    const current = await send(emulator.baseUrl, '/v2/users/me', { token: second.access_token });

    expect(old.status).toBe(401);
    expect(current.status).toBe(200);
  });
});

describe('POST /oauth/revoke', () => {
  it('revokes the access token and its refresh chain', async () => {
    const pair = await authorizeUser(emulator.baseUrl);
    const revoke = await postForm(emulator.baseUrl, '/oauth/revoke', { token: pair.access_token }, USER_APP);
    const me = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token });
    const refresh = await postForm(emulator.baseUrl, '/oauth/token', { grant_type: 'refresh_token', refresh_token: pair.refresh_token }, USER_APP);

    expect(revoke.json).toEqual({ status: 'success' });
    expect(me.json).toEqual({ code: 124, message: 'Invalid access token.' });
    expect(refresh.json).toEqual({ reason: 'Invalid Token!', error: 'invalid_grant' });
  });

  it('requires Basic client authentication', async () => {
    const pair = await authorizeUser(emulator.baseUrl);
    const revoke = await postForm(emulator.baseUrl, '/oauth/revoke', { token: pair.access_token }, null);

    expect(revoke.status).toBe(401);
  });

  it('revokes all tokens of a user through the control API', async () => {
    const pair = await authorizeUser(emulator.baseUrl);

    await emulator.revokeAllTokens(TEACHER.id);

    const me = await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token });

    expect(me.status).toBe(401);
  });
});

describe('request log', () => {
  it('records client IDs but no secrets or tokens', async () => {
    await emulator.clearRequests();

    const pair = await authorizeUser(emulator.baseUrl);

    await send(emulator.baseUrl, '/v2/users/me', { token: pair.access_token });

    const log = await emulator.requests();
    const text = JSON.stringify(log);

    expect(log.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      'GET /oauth/authorize 302',
      'POST /oauth/token 200',
      'GET /v2/users/me 200',
    ]);
    expect(log[1].basicClientId).toBe(USER_APP.clientId);
    expect(log[1].form.grant_type).toBe('authorization_code');
    expect(log[2]).toMatchObject({ bearer: true, accessTokenValid: true, at: NOW });
    expect(text).not.toContain(pair.access_token);
    expect(text).not.toContain(pair.refresh_token);
    expect(text).not.toContain(USER_APP.clientSecret);
  });
});
