import vm from 'node:vm';

import type { CreateError } from '../../../local/oauth2';
import { SharedStores, TestExecution } from './fakes';

const SEEDED_TOKEN = { access_token: 'access-0', refresh_token: 'refresh-0', expires_in: 3599 };

function encodeJwtPart(value: object): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

describe('reset', () => {
  test('removes the token from properties, cache and memory', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const service = new TestExecution(stores).createZoomService();
    service.getAccessToken();
    service.reset();

    expect(stores.userProperties.getProperty('oauth2.zoom')).toBeNull();
    expect(stores.userCache.get('oauth2.zoom')).toBeNull();
    expect(service.getToken()).toBeNull();
    expect(service.hasAccess()).toBe(false);
  });

  test('removes other values of the service only', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    stores.seedUserToken('zoomother', SEEDED_TOKEN, 3599);
    const service = new TestExecution(stores).createZoomService();
    service.getStorage().setValue('profile', { name: 'Ada' });
    service.reset();

    expect(stores.userProperties.getKeys()).toEqual(['oauth2.zoomother']);
    expect(service.getStorage().getValue('profile')).toBeNull();
  });
});

describe('getToken', () => {
  test('reads memory, then cache, then properties', () => {
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);
    const service = new TestExecution(stores).createZoomService();

    expect(service.getToken()).toMatchObject({ access_token: 'access-0' });
    expect(stores.userCache.get('oauth2.zoom')).toBe(stores.userProperties.getProperty('oauth2.zoom'));

    stores.userCache.put('oauth2.zoom', JSON.stringify({ access_token: 'from-cache' }));

    expect(service.getToken()).toMatchObject({ access_token: 'access-0' });
    expect(service.getToken(true)).toMatchObject({ access_token: 'from-cache' });
  });

  test('caches a missing token as a null marker', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();

    expect(service.getToken()).toBeNull();
    expect(stores.userCache.get('oauth2.zoom')).toBe('"__NULL__"');

    stores.seedUserToken('zoom', SEEDED_TOKEN, 3599);

    expect(new TestExecution(stores).createZoomService().getToken()).toBeNull();
  });
});

describe('token formats and expiry', () => {
  test('parses a form-encoded token response', () => {
    const stores = new SharedStores();
    stores.tokenEndpoint.scriptedResponses.push({
      status: 200,
      body: 'access_token=a%2Fb&refresh_token=r-1&expires_in=3600',
    });
    const execution = new TestExecution(stores);
    const service = execution.createZoomService().setTokenFormat(execution.library.TOKEN_FORMAT.FORM_URL_ENCODED);
    service.handleCallback({ parameter: { code: 'any' } });

    expect(stores.tokenEndpoint.requests[0]?.headers.Accept).toBe('application/x-www-form-urlencoded');
    expect(stores.readUserToken('zoom')).toEqual({
      access_token: 'a/b',
      refresh_token: 'r-1',
      expires_in: '3600',
      expiresAt: stores.clock.nowSeconds() + 3600,
    });
  });

  test('an expired ID token expires the token', () => {
    const stores = new SharedStores();
    const idToken = (exp: number) => encodeJwtPart({ alg: 'none' }) + '.' + encodeJwtPart({ exp }) + '.';
    const service = new TestExecution(stores).createZoomService();
    const nowSeconds = stores.clock.nowSeconds();

    expect(service.isExpired_({ access_token: 'a', id_token: idToken(nowSeconds + 120) })).toBe(false);
    expect(service.isExpired_({ access_token: 'a', id_token: idToken(nowSeconds + 30) })).toBe(true);
  });

  test('legacy granted_time tokens still expire', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    const grantedSeconds = stores.clock.nowSeconds() - 3550;

    expect(service.isExpired_({ access_token: 'a', expires_in: 3599, granted_time: grantedSeconds })).toBe(true);
    expect(service.isExpired_({ access_token: 'a' })).toBe(false);
  });

  test('getIdToken returns the stored ID token', () => {
    const stores = new SharedStores();
    const idToken = encodeJwtPart({ alg: 'none' }) + '.' + encodeJwtPart({ exp: stores.clock.nowSeconds() + 600 }) + '.';
    stores.seedUserToken('zoom', { ...SEEDED_TOKEN, id_token: idToken }, 3599);

    expect(new TestExecution(stores).createZoomService().getIdToken()).toBe(idToken);
  });
});

describe('library functions', () => {
  test('getServiceNames lists stored services once', () => {
    const stores = new SharedStores();
    stores.userProperties.setProperties({
      'oauth2.zoom': '{}',
      'oauth2.zoom.profile': '{}',
      'oauth2.github': '{}',
      'settings.hour': '3',
      'oauth2.': '{}',
    });
    const library = new TestExecution(stores).library;
    const propertyStore = stores.userProperties as unknown as GoogleAppsScript.Properties.PropertiesService;

    expect(library.getServiceNames(propertyStore)).toEqual(['zoom', 'github']);
  });

  test('TOKEN_FORMAT has the two MIME types', () => {
    const library = new TestExecution(new SharedStores()).library;

    expect(Object.entries(library.TOKEN_FORMAT)).toEqual(Object.entries({
      JSON: 'application/json',
      FORM_URL_ENCODED: 'application/x-www-form-urlencoded',
    }));
  });

  test('createService requires a name', () => {
    const library = new TestExecution(new SharedStores()).library;

    expect(() => library.createService('')).toThrow('Service name is required.');
  });
});

describe('errors in the add-on realm', () => {
  test('thrown and recorded errors use the factory', () => {
    const context = vm.createContext({});
    const contextError = vm.runInContext('Error', context) as ErrorConstructor;
    const createError = vm.runInContext(
      '(function (name, message) { var error = new Error(message); error.name = name; return error; })',
      context,
    ) as CreateError;
    const stores = new SharedStores();
    stores.seedUserToken('zoom', SEEDED_TOKEN, 10);
    stores.tokenEndpoint.validRefreshTokens.clear();
    const service = new TestExecution(stores, createError).createZoomService();
    let thrown: unknown;

    try {
      service.getAccessToken();
    } catch (error) {
      thrown = error;
    }

    expect(thrown instanceof contextError).toBe(true);
    expect(thrown instanceof Error).toBe(false);
    expect((thrown as Error).message).toBe('Access not granted or expired.');
    expect(service.getLastError() instanceof contextError).toBe(true);
    expect((service.getLastError() as Error).message).toBe('Error retrieving token: invalid_grant');
  });
});
