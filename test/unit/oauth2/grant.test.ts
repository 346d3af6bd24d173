import { createVerify, generateKeyPairSync } from 'node:crypto';

import { BASIC_AUTHORIZATION, CLIENT_ID, CLIENT_SECRET, SharedStores, TOKEN_URL, TestExecution } from './fakes';

/** Builds the account-mode service: the account_credentials grant, script properties and the execution's lock. */
function createAccountService(execution: TestExecution, stores: SharedStores) {
  return execution.library
    .createService('zoom-account')
    .setTokenUrl(TOKEN_URL)
    .setGrantType('account_credentials')
    .setParam('account_id', 'account-123')
    .setTokenHeaders({ Authorization: BASIC_AUTHORIZATION })
    .setPropertyStore(stores.scriptProperties)
    .setLock(execution.lock);
}

function readScriptToken(stores: SharedStores): Record<string, unknown> | null {
  const json = stores.scriptProperties.getProperty('oauth2.zoom-account');

  return json === null ? null : (JSON.parse(json) as Record<string, unknown>);
}

describe('custom grant type', () => {
  test('posts grant_type and setParam values', () => {
    const stores = new SharedStores();
    const execution = new TestExecution(stores);
    const service = createAccountService(execution, stores);

    expect(service.getAccessToken()).toBe('access-1');
    const [request] = stores.tokenEndpoint.requests;

    expect(stores.tokenEndpoint.requests).toHaveLength(1);
    expect(request?.payload).toEqual({ grant_type: 'account_credentials', account_id: 'account-123' });
    expect(request?.headers).toEqual({ Accept: 'application/json', Authorization: BASIC_AUTHORIZATION });
    expect(request?.muteHttpExceptions).toBe(true);
    expect(stores.userLock.events).toEqual(['wait 30000', 'release']);
    expect(readScriptToken(stores)?.expiresAt).toBe(stores.clock.nowSeconds() + 3599);
  });

  test('reuses the token until the margin', () => {
    const stores = new SharedStores();
    createAccountService(new TestExecution(stores), stores).getAccessToken();
    stores.clock.advanceSeconds(3599 - 61);

    expect(createAccountService(new TestExecution(stores), stores).getAccessToken()).toBe('access-1');
    expect(stores.tokenEndpoint.requests).toHaveLength(1);

    stores.clock.advanceSeconds(2);

    expect(createAccountService(new TestExecution(stores), stores).getAccessToken()).toBe('access-2');
    expect(stores.tokenEndpoint.requests).toHaveLength(2);
  });

  test('failure records the error and keeps the token', () => {
    const stores = new SharedStores();
    createAccountService(new TestExecution(stores), stores).getAccessToken();
    const storedBefore = stores.scriptProperties.getProperty('oauth2.zoom-account');
    stores.clock.advanceSeconds(3600);
    stores.tokenEndpoint.scriptedResponses.push({
      status: 400,
      body: JSON.stringify({ reason: 'Invalid client_id or client_secret', error: 'invalid_client' }),
    });
    const service = createAccountService(new TestExecution(stores), stores);

    expect(service.hasAccess()).toBe(false);
    expect((service.getLastError() as Error).message).toBe('Error retrieving token: invalid_client');
    expect(stores.scriptProperties.getProperty('oauth2.zoom-account')).toBe(storedBefore);
  });

  test('client_credentials adds a Basic header', () => {
    const stores = new SharedStores();
    stores.tokenEndpoint.scriptedResponses.push({ status: 200, body: JSON.stringify({ access_token: 'cc-1' }) });
    const service = new TestExecution(stores).library
      .createService('cc')
      .setTokenUrl(TOKEN_URL)
      .setGrantType('client_credentials')
      .setClientId(CLIENT_ID)
      .setClientSecret(CLIENT_SECRET)
      .setPropertyStore(stores.userProperties);

    expect(service.getAccessToken()).toBe('cc-1');
    expect(stores.tokenEndpoint.requests[0]?.headers.authorization).toBe(BASIC_AUTHORIZATION);
    expect(stores.tokenEndpoint.requests[0]?.payload).toEqual({ grant_type: 'client_credentials' });
  });

  test('client_credentials keeps an Authorization header', () => {
    const stores = new SharedStores();
    stores.tokenEndpoint.scriptedResponses.push({ status: 200, body: JSON.stringify({ access_token: 'cc-1' }) });
    const service = new TestExecution(stores).library
      .createService('cc')
      .setTokenUrl(TOKEN_URL)
      .setGrantType('client_credentials')
      .setClientId(CLIENT_ID)
      .setClientSecret(CLIENT_SECRET)
      .setTokenHeaders({ AUTHORIZATION: 'Bearer preset' })
      .setPropertyStore(stores.userProperties);
    service.getAccessToken();

    expect(stores.tokenEndpoint.requests[0]?.headers).toEqual({ Accept: 'application/json', AUTHORIZATION: 'Bearer preset' });
  });

  test('payload handler changes the request', () => {
    const stores = new SharedStores();
    const service = createAccountService(new TestExecution(stores), stores).setTokenPayloadHandler((payload) => ({
      ...payload,
      extra: 'yes',
    }));
    service.getAccessToken();

    expect(stores.tokenEndpoint.requests[0]?.payload.extra).toBe('yes');
  });
});

describe('service account JWT grant', () => {
  test('posts an RS256 assertion with the claims', () => {
    const stores = new SharedStores();
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const privateKeyPem = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    stores.tokenEndpoint.scriptedResponses.push({
      status: 200,
      body: JSON.stringify({ access_token: 'sa-1', expires_in: 3600 }),
    });
    const service = new TestExecution(stores).library
      .createService('sa')
      .setTokenUrl(TOKEN_URL)
      .setPrivateKey(privateKeyPem)
      .setIssuer('robot@example.test')
      .setSubject('user@example.test')
      .setScope('read')
      .setAdditionalClaims({ team: 'blue' })
      .setPropertyStore(stores.userProperties);

    expect(service.getAccessToken()).toBe('sa-1');
    const payload = stores.tokenEndpoint.requests[0]?.payload ?? {};
    const [header, claims, signature] = String(payload.assertion).split('.');
    const nowSeconds = stores.clock.nowSeconds();
    const verifier = createVerify('RSA-SHA256').update(header + '.' + claims);

    expect(payload.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    expect(JSON.parse(Buffer.from(String(header), 'base64url').toString())).toEqual({ alg: 'RS256', typ: 'JWT' });
    expect(JSON.parse(Buffer.from(String(claims), 'base64url').toString())).toEqual({
      iss: 'robot@example.test',
      aud: TOKEN_URL,
      exp: nowSeconds + 3600,
      iat: nowSeconds,
      sub: 'user@example.test',
      scope: 'read',
      team: 'blue',
    });
    expect(verifier.verify(publicKey, Buffer.from(String(signature), 'base64url'))).toBe(true);
  });
});
