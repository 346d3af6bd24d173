import { createHash } from 'node:crypto';

import {
  AUTHORIZATION_URL,
  BASIC_AUTHORIZATION,
  CLIENT_ID,
  CLIENT_SECRET,
  SCRIPT_ID,
  ScriptedTokenEndpoint,
  SharedStores,
  TOKEN_URL,
  TestExecution,
} from './fakes';

const REDIRECT_URI = 'https://script.google.com/macros/d/' + SCRIPT_ID + '/usercallback';

function parseUrl(url: string): { base: string; params: URLSearchParams } {
  const parsed = new URL(url);

  return { base: parsed.origin + parsed.pathname, params: parsed.searchParams };
}

describe('getAuthorizationUrl', () => {
  test('carries exactly the four OAuth parameters', () => {
    const stores = new SharedStores();
    const url = new TestExecution(stores).createZoomService().getAuthorizationUrl();
    const { base, params } = parseUrl(url);

    expect(base).toBe(AUTHORIZATION_URL);
    expect([...params.keys()]).toEqual(['client_id', 'response_type', 'redirect_uri', 'state']);
    expect(params.get('client_id')).toBe(CLIENT_ID);
    expect(params.get('response_type')).toBe('code');
    expect(params.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(params.get('state')).toBe('state-token-1');
    expect(params.has('scope')).toBe(false);
  });

  test('state token names callback, service and timeout', () => {
    const stores = new SharedStores();
    new TestExecution(stores).createZoomService().getAuthorizationUrl({ sheetId: '42' });
    const [stateToken] = stores.stateTokens;

    expect(stores.stateTokens).toHaveLength(1);
    expect(stateToken?.method).toBe('authCallback');
    expect(stateToken?.timeoutSeconds).toBe(3600);
    expect(stateToken?.arguments).toEqual({ serviceName: 'zoom', sheetId: '42' });
  });

  test('adds scope only after setScope', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    service.setScope(['meeting:read', 'user:read']);
    const { params } = parseUrl(service.getAuthorizationUrl());

    expect(params.get('scope')).toBe('meeting:read user:read');
  });

  test('appends setParam values after the state', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService().setParam('prompt', 'consent');
    const url = service.getAuthorizationUrl();
    const { params } = parseUrl(url);

    expect([...params.keys()]).toEqual(['client_id', 'response_type', 'redirect_uri', 'state', 'prompt']);
    expect(params.get('prompt')).toBe('consent');
    expect(url).toContain('redirect_uri=' + encodeURIComponent(REDIRECT_URI));
  });

  test('uses & when the base URL has a query', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    service.setAuthorizationBaseUrl(AUTHORIZATION_URL + '?lang=en');

    expect(service.getAuthorizationUrl().startsWith(AUTHORIZATION_URL + '?lang=en&client_id=')).toBe(true);
  });

  test('names the first missing setting', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).library.createService('zoom').setClientId(CLIENT_ID);

    expect(() => service.getAuthorizationUrl()).toThrow('Callback function name is required.');
  });

  test('adds an S256 PKCE challenge for a code verifier', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService().setCodeVerififer('verifier-abc');
    const { params } = parseUrl(service.getAuthorizationUrl());
    const expectedChallenge = createHash('sha256').update('verifier-abc').digest('base64url');

    expect(params.get('code_challenge')).toBe(expectedChallenge);
    expect(params.get('code_challenge_method')).toBe('S256');
    expect(stores.stateTokens[0]?.arguments.codeVerifier_).toBe('verifier-abc');
  });

  test('generates a 43-character code verifier', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService().generateCodeVerifier();
    service.getAuthorizationUrl();
    const verifier = stores.stateTokens[0]?.arguments.codeVerifier_ ?? '';

    expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('getRedirectUri', () => {
  test('builds the usercallback URL from the script ID', () => {
    const execution = new TestExecution(new SharedStores());

    expect(execution.library.getRedirectUri()).toBe(REDIRECT_URI);
    expect(execution.library.getRedirectUri('other/id')).toBe(
      'https://script.google.com/macros/d/other%2Fid/usercallback',
    );
    expect(execution.createZoomService().getRedirectUri()).toBe(REDIRECT_URI);
  });

  test('setRedirectUri overrides the default', () => {
    const execution = new TestExecution(new SharedStores());
    const service = execution.createZoomService().setRedirectUri('https://example.test/callback');

    expect(service.getRedirectUri()).toBe('https://example.test/callback');
  });
});

describe('handleCallback', () => {
  test('exchanges the code and saves the token', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    const granted = service.handleCallback({ parameter: { code: ScriptedTokenEndpoint.AUTH_CODE, state: 'x' } });
    const [request] = stores.tokenEndpoint.requests;

    expect(granted).toBe(true);
    expect(stores.tokenEndpoint.requests).toHaveLength(1);
    expect(request?.url).toBe(TOKEN_URL);
    expect(request?.method).toBe('post');
    expect(request?.muteHttpExceptions).toBe(true);
    expect(request?.headers).toEqual({ Accept: 'application/json', Authorization: BASIC_AUTHORIZATION });
    expect(request?.payload).toEqual({
      code: ScriptedTokenEndpoint.AUTH_CODE,
      client_id: CLIENT_ID,
      client_secret: CLIENT_SECRET,
      redirect_uri: REDIRECT_URI,
      grant_type: 'authorization_code',
    });
  });

  test('stores the token in properties, cache and memory', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    service.handleCallback({ parameter: { code: ScriptedTokenEndpoint.AUTH_CODE } });
    const stored = stores.readUserToken('zoom');

    expect(stored?.access_token).toBe('access-1');
    expect(stored?.refresh_token).toBe('refresh-1');
    expect(stored?.expiresAt).toBe(stores.clock.nowSeconds() + 3599);
    expect(stored?.granted_time).toBeUndefined();
    expect(stores.userCache.get('oauth2.zoom')).toBe(stores.userProperties.getProperty('oauth2.zoom'));

    stores.userProperties.deleteAllProperties();
    stores.userCache.entries.clear();

    expect(service.getAccessToken()).toBe('access-1');
  });

  test('sends the code verifier from the state token', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();
    service.handleCallback({ parameter: { code: ScriptedTokenEndpoint.AUTH_CODE, codeVerifier_: 'verifier-abc' } });

    expect(stores.tokenEndpoint.requests[0]?.payload.code_verifier).toBe('verifier-abc');
  });

  test('returns false on access_denied without a request', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();

    expect(service.handleCallback({ parameter: { error: 'access_denied' } })).toBe(false);
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
    expect(stores.readUserToken('zoom')).toBeNull();
  });

  test('throws on other error parameters', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();

    expect(() => service.handleCallback({ parameter: { error: 'invalid_request' } })).toThrow(
      'Error authorizing token: invalid_request',
    );
    expect(stores.tokenEndpoint.requests).toHaveLength(0);
  });

  test('throws the endpoint error for a rejected code', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).createZoomService();

    expect(() => service.handleCallback({ parameter: { code: 'stale-code' } })).toThrow(
      /^Error retrieving token: invalid_request$/,
    );
    expect(stores.readUserToken('zoom')).toBeNull();
  });

  test('requires the token URL', () => {
    const stores = new SharedStores();
    const service = new TestExecution(stores).library.createService('zoom').setClientId(CLIENT_ID);

    expect(() => service.handleCallback({ parameter: { code: 'c' } })).toThrow('Token URL is required.');
  });
});
