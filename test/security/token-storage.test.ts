/**
 * Where tokens are stored and how the OAuth callback is guarded. After connecting, the token is in
 * the user's properties only (the script's properties in account mode). The usercallback rejects a
 * state token that is unknown, expired or another user's, and stores nothing. That the sidebar
 * escapes what it shows is tested in Chromium: test/browser/meetings.test.ts ("topic markup is shown
 * as text") and the other sidebar tests in test/browser/.
 */
import { approveAuthorization } from '../../local/authorize';
import { ACCOUNT_APP, ACCOUNT_ID, ADMIN, TEACHER } from '../../local/data/seeds';
import { INVALID_STATE_TOKEN_PAGE } from '../../local/runtime';
import { startOffline, type Offline } from '../integration/harness';

const TOKEN_KEY_PREFIX = 'oauth2.';

function tokenKeys(store: Record<string, string>): string[] {
  return Object.entries(store)
    .filter(([key, value]) => key.startsWith(TOKEN_KEY_PREFIX) || value.includes('access_token'))
    .map(([key]) => key);
}

describe('user mode', () => {
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('the token is in user properties only', async () => {
    await offline.connect();

    const world = offline.runtime.world;

    expect(tokenKeys(world.userProperties(TEACHER.email).all())).toEqual(['oauth2.zoom']);
    expect(tokenKeys(world.scriptProperties.all())).toEqual([]);
    expect(tokenKeys(world.documentProperties(offline.spreadsheet.id).all())).toEqual([]);
  });

  test.each([
    ['an unknown state', (url: URL) => url.searchParams.set('state', 'ADEPTnotAStateToken')],
    ['no state', (url: URL) => url.searchParams.delete('state')],
  ])('the callback rejects %s', async (_name, tamper) => {
    const callback = new URL(await approveAuthorization(offline.call<string>('getAuthorizationUrl'), offline.emulator.baseUrl, offline.clock));

    tamper(callback);

    expect(offline.runtime.playUserCallback(callback.toString()).html).toBe(INVALID_STATE_TOKEN_PAGE);
    expect(tokenKeys(offline.runtime.world.userProperties(TEACHER.email).all())).toEqual([]);
  });

  test('the callback rejects a state older than an hour', async () => {
    const callback = await approveAuthorization(offline.call<string>('getAuthorizationUrl'), offline.emulator.baseUrl, offline.clock);

    offline.clock.advance(3601 * 1000);

    expect(offline.runtime.playUserCallback(callback).html).toBe(INVALID_STATE_TOKEN_PAGE);
    expect(tokenKeys(offline.runtime.world.userProperties(TEACHER.email).all())).toEqual([]);
  });

  test("the callback rejects another user's state", async () => {
    const callback = await approveAuthorization(offline.call<string>('getAuthorizationUrl'), offline.emulator.baseUrl, offline.clock);

    expect(offline.runtime.playUserCallback(callback, { user: ADMIN.email }).html).toBe(INVALID_STATE_TOKEN_PAGE);
    expect(tokenKeys(offline.runtime.world.userProperties(ADMIN.email).all())).toEqual([]);
    expect(tokenKeys(offline.runtime.world.userProperties(TEACHER.email).all())).toEqual([]);
  });
});

describe('account mode', () => {
  test('the token is in script properties only', async () => {
    const offline = await startOffline({
      userEmail: ADMIN.email,
      scriptProperties: { ZOOM_CLIENT_ID: ACCOUNT_APP.clientId, ZOOM_CLIENT_SECRET: ACCOUNT_APP.clientSecret, ZOOM_ACCOUNT_ID: ACCOUNT_ID },
    });

    try {
      offline.call('getSidebarState');

      const world = offline.runtime.world;

      expect(tokenKeys(world.scriptProperties.all()).length).toBeGreaterThan(0);
      expect(tokenKeys(world.userProperties(ADMIN.email).all())).toEqual([]);
      expect(tokenKeys(world.documentProperties(offline.spreadsheet.id).all())).toEqual([]);
    } finally {
      await offline.stop();
    }
  });
});
