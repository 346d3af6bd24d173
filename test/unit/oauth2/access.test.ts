import {
  BASIC_AUTHORIZATION,
  CLIENT_ID,
  CLIENT_SECRET,
  LOCK_TIMEOUT_MESSAGE,
  SharedStores,
  TOKEN_URL,
  TestExecution,
} from './fakes';

const SEEDED_TOKEN = { access_token: 'access-0', refresh_token: 'refresh-0', expires_in: 3599 };

function refreshRequests(stores: SharedStores): unknown[] {
  return stores.tokenEndpoint.requests.filter((request) => request.payload.grant_type === 'refresh_token');
}

describe('hasAccess expiry margin', () => {
  test('89 seconds left makes no token request', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 89);
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(true);
    expect(service.getAccessToken()).toBe('access-0');
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
    expect(stores.userLock.events).toEqual([]);
  });

  test('29 seconds left makes exactly one refresh', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 89);
    const service = new TestExecution(stores).createZoomService();
    service.getAccessToken();
    stores.clock.advanceSeconds(60);

    expect(service.getAccessToken()).toBe('access-1');
    expect(stores.tokenEndpoint.requests).toHaveLength(1);
    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-1');
    expect(stores.readUserToken('zoom')?.expiresAt).toBe(stores.clock.nowSeconds() + 3599);
    expect(stores.userLock.events).toEqual(['wait 30000', 'release']);
  });

  test('exactly 60 seconds left still counts as valid', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 60);
    const service = new TestExecution(stores).createZoomService();

    expect(service.isExpired_(service.getToken() ?? {})).toBe(false);
    stores.clock.advanceSeconds(1);
    expect(service.isExpired_(service.getToken() ?? {})).toBe(true);
  });

  test('refresh request posts the refresh token form', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    const service = new TestExecution(stores).createZoomService();
    service.hasAccess();
    const [request] = stores.tokenEndpoint.requests;

    expect(request?.url).toBe(TOKEN_URL);
    expect(request?.method).toBe('post');
    expect(request?.muteHttpExceptions).toBe(true);
    expect(request?.headers).toEqual({ Accept: 'application/json', Authorization: BASIC_AUTHORIZATION });
    expect(request?.payload).toEqual({
      refresh_token: 'refresh-0',
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      grant_type: 'refresh_token',
    });
  });

  test('setRefreshUrl redirects refresh requests only', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    const service = new TestExecution(stores).createZoomService().setRefreshUrl('https://zoom.us/oauth/refresh');
    service.hasAccess();

    expect(stores.tokenEndpoint.requests[0]?.url).toBe('https://zoom.us/oauth/refresh');
  });

  test('token without refresh token has no access', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', { access_token: 'access-0', expires_in: 3599 }, 10);
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect(() => service.getAccessToken()).toThrow('Access not granted or expired.');
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
    expect(stores.userLock.events).toEqual([]);
  });

  test('no token means no access', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect(service.getLastError()).toBeUndefined();
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
  });
});

describe('refresh token rotation', () => {
  test('saves the rotated refresh token', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    new TestExecution(stores).createZoomService().hasAccess();

    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-1');
    expect(stores.tokenEndpoint.validRefreshTokens.has('refresh-0')).toBe(false);
  });

  test('keeps the old refresh token when none is returned', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.scriptedResponses.push({
      status: 200,
      body: JSON.stringify({ access_token: 'access-9', expires_in: 3599 }),
    });
    const service = new TestExecution(stores).createZoomService();

    expect(service.getAccessToken()).toBe('access-9');
    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-0');
  });

  test('refresh token expiry is carried over', () => {
    const stores = new SharedStores();
    const refreshTokenExpiresAt = stores.clock.nowSeconds() + 7776000;
    stores.seedUserToken('zoom', { ...SEEDED_TOKEN, refreshTokenExpiresAt }, 10);
    stores.tokenEndpoint.scriptedResponses.push({
      status: 200,
      body: JSON.stringify({ access_token: 'access-9', expires_in: 3599 }),
    });
    new TestExecution(stores).createZoomService().hasAccess();

    expect(stores.readUserToken('zoom')?.refreshTokenExpiresAt).toBe(refreshTokenExpiresAt);
  });

  test('expired refresh token is not used', () => {
    const stores = new SharedStores();
    const token = { ...SEEDED_TOKEN, refreshTokenExpiresAt: stores.clock.nowSeconds() + 30 };
    stores.seedUserToken('zoom', token, 10);
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
  });
});

describe('refresh failures', () => {
  test('invalid_grant keeps the stored token', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.validRefreshTokens.clear();
    const storedBefore = stores.userProperties.getProperty('oauth2.zoom');
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect((service.getLastError() as Error).message).toBe('Error retrieving token: invalid_grant');
    expect(stores.userProperties.getProperty('oauth2.zoom')).toBe(storedBefore);
    expect(stores.userLock.holder).toBeNull();
    expect(() => service.getAccessToken()).toThrow('Access not granted or expired.');
    expect(refreshRequests(stores)).toHaveLength(2);
  });

  test('non-JSON body is reported as invalid JSON', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.scriptedResponses.push({ status: 502, body: '<html>Bad Gateway</html>' });
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect((service.getLastError() as Error).message).toMatch(/^Token response not valid JSON: SyntaxError: /);
    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-0');
  });

  test.each([
    [
      400,
      { error: 'invalid_request', message: 'Bad', error_description: 'Missing code', error_uri: 'https://x.test' },
      'invalid_request, Bad, Missing code, https://x.test',
    ],
    [200, { error: 'invalid_client' }, 'invalid_client'],
    [401, { code: 124, message: 'Invalid access token.' }, 'Invalid access token.'],
    [500, { code: 5000 }, '500: {"code":5000}'],
    [400, { error: { code: 7 } }, '{"code":7}'],
  ])('status %i with body %j gives the reason', (status, body, reason) => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.scriptedResponses.push({ status, body: JSON.stringify(body) });
    const service = new TestExecution(stores).createZoomService();

    expect(service.hasAccess()).toBe(false);
    expect((service.getLastError() as Error).message).toBe('Error retrieving token: ' + reason);
  });

  test('error messages contain no secret', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.validRefreshTokens.clear();
    const service = new TestExecution(stores).createZoomService();
    service.hasAccess();
    const message = String((service.getLastError() as Error).message);

    expect(message).not.toContain(CLIENT_SECRET);
    expect(message).not.toContain('refresh-0');
    expect(message).not.toContain('access-0');
  });
});

describe('hasAccess under the lock', () => {
  test('picks up a token refreshed by another execution', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const first = new TestExecution(stores).createZoomService();
    first.getAccessToken();
    stores.clock.advanceSeconds(3550);
    stores.userLock.beforeWait = () => {
      stores.userLock.beforeWait = undefined;
      new TestExecution(stores).createZoomService().getAccessToken();
    };

    expect(first.getAccessToken()).toBe('access-1');
    expect(refreshRequests(stores)).toHaveLength(1);
    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-1');
  });

  test('re-reads properties when there is no cache', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const execution = new TestExecution(stores);
    const first = execution.library
      .createService('zoom')
      .setTokenUrl(TOKEN_URL)
      .setClientId(CLIENT_ID)
      .setClientSecret(CLIENT_SECRET)
      .setPropertyStore(stores.userProperties)
      .setLock(execution.lock);
    first.getAccessToken();
    stores.clock.advanceSeconds(3550);
    stores.userLock.beforeWait = () => {
      stores.userLock.beforeWait = undefined;
      new TestExecution(stores).createZoomService().getAccessToken();
    };

    expect(first.getAccessToken()).toBe('access-1');
    expect(refreshRequests(stores)).toHaveLength(1);
  });

  test('without the re-read the second refresh fails', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const first = new TestExecution(stores).createZoomService();
    first.getAccessToken();
    stores.clock.advanceSeconds(3550);
    new TestExecution(stores).createZoomService().getAccessToken();

    expect(() => first.refresh()).toThrow('Error retrieving token: invalid_grant');
    expect(refreshRequests(stores)).toHaveLength(2);
    expect(stores.readUserToken('zoom')?.refresh_token).toBe('refresh-1');
  });

  test('lock timeout propagates from hasAccess', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    const holder = new TestExecution(stores);
    holder.lock.waitLock(1000);
    const service = new TestExecution(stores).createZoomService();

    expect(() => service.hasAccess()).toThrow(LOCK_TIMEOUT_MESSAGE);
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
  });

  test('a held lock is reused and kept', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    const execution = new TestExecution(stores);
    execution.lock.waitLock(1000);
    execution.createZoomService().hasAccess();

    expect(stores.userLock.events).toEqual(['wait 1000']);
    expect(execution.lock.hasLock()).toBe(true);
    expect(refreshRequests(stores)).toHaveLength(1);
  });
});

describe('refresh called directly', () => {
  test('uses the in-memory copy first', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const service = new TestExecution(stores).createZoomService();
    service.getAccessToken();
    stores.seedUserToken('zoom', { ...SEEDED_TOKEN, refresh_token: 'refresh-other' }, 3599);
    stores.userCache.entries.clear();
    service.refresh();

    expect(stores.tokenEndpoint.requests[0]?.payload.refresh_token).toBe('refresh-0');
  });

  test('failure leaves the lock held', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    stores.tokenEndpoint.validRefreshTokens.clear();
    const execution = new TestExecution(stores);

    expect(() => execution.createZoomService().refresh()).toThrow('Error retrieving token: invalid_grant');
    expect(execution.lock.hasLock()).toBe(true);
  });

  test('needs a refresh token', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', { access_token: 'access-0' }, 3599);
    const service = new TestExecution(stores).library.createService('zoom')
      .setTokenUrl(TOKEN_URL)
      .setClientId(CLIENT_ID)
      .setPropertyStore(stores.userProperties);

    expect(() => service.refresh()).toThrow('Offline access is required.');
  });
});
