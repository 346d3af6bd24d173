/**
 * Connecting Zoom through the built bundle: the authorization round trip, the token lifecycle, and
 * what the sidebar reports in each state.
 */
import { generateClassMeeting } from '../../local/data/generators';
import { LOCAL_REDIRECT_URI, USER_APP } from '../../local/data/seeds';
import { errorOf, startOffline, type Offline } from './harness';

interface State {
  status: string;
  message: string;
  canDisconnect: boolean;
  redirectUrl: string;
}

const classMeeting = generateClassMeeting();

describe('authorization round trip', () => {
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [classMeeting] });
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('the authorization URL carries no scope', () => {
    const url = new URL(offline.call<string>('getAuthorizationUrl'));

    expect(url.origin + url.pathname).toBe('https://zoom.us/oauth/authorize');
    expect([...url.searchParams.keys()].sort()).toEqual(['client_id', 'redirect_uri', 'response_type', 'state']);
    expect(url.searchParams.get('client_id')).toBe(USER_APP.clientId);
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('redirect_uri')).toBe(LOCAL_REDIRECT_URI);
  });

  test('starts not connected', () => {
    expect(offline.call<State>('getSidebarState')).toMatchObject({ status: 'not-connected', message: 'Not connected' });
  });

  test('connects and reports the Zoom user', async () => {
    const page = await offline.connect();
    const state = offline.call<State>('getSidebarState');

    expect(page.title).toBe('Zoom connected');
    expect(state.status).toBe('connected');
    expect(state.message).toBe('Connected as Riley Host (riley.host@example.edu), user mode');
    expect(state.canDisconnect).toBe(true);
  });

  test('the code exchange uses HTTP Basic client authentication', async () => {
    const exchange = (await offline.emulator.requests()).find((r) => r.path === '/oauth/token' && r.form.grant_type === 'authorization_code');

    expect(exchange?.basicClientId).toBe(USER_APP.clientId);
  });

  test('the token lives in user properties only', () => {
    const user = offline.runtime.world.userProperties('riley.host@example.edu').all();
    const script = offline.runtime.world.scriptProperties.all();

    expect(Object.keys(user).some((key) => key.startsWith('oauth2.zoom'))).toBe(true);
    expect(Object.keys(script).some((key) => key.startsWith('oauth2.'))).toBe(false);
  });
});

describe('token lifecycle', () => {
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({ meetings: [classMeeting] });
    await offline.connect();
    await offline.emulator.clearRequests();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('25 calls on a fresh token make no token request', async () => {
    for (let i = 0; i < 25; i += 1) offline.call('getSidebarState');

    expect(await offline.tokenRequests()).toBe(0);
    expect((await offline.apiRequests()).length).toBe(25);
  });

  test('89 s before expiry no refresh, 29 s before one', async () => {
    // Tokens last 3599 s and the library refreshes 60 s before expiry.
    offline.clock.advance((3599 - 89) * 1000);
    offline.call('getSidebarState');
    expect(await offline.tokenRequests()).toBe(0);

    offline.clock.advance(60 * 1000);
    offline.call('getSidebarState');
    expect(await offline.tokenRequests()).toBe(1);
  });

  test('an expired token refreshes silently, rotating the refresh token', async () => {
    const before = offline.runtime.world.userProperties('riley.host@example.edu').get('oauth2.zoom');

    offline.clock.advance(2 * 3600 * 1000);

    expect(offline.call<State>('getSidebarState').status).toBe('connected');
    expect(await offline.tokenRequests()).toBe(1);

    const after = offline.runtime.world.userProperties('riley.host@example.edu').get('oauth2.zoom');

    expect(JSON.parse(after ?? '{}').refresh_token).not.toBe(JSON.parse(before ?? '{}').refresh_token);
  });

  test('invalid_grant leads to needs-reconnect with no further token calls', async () => {
    await offline.emulator.revokeAllTokens();
    offline.clock.advance(2 * 3600 * 1000);

    const state = offline.call<State>('getSidebarState');

    expect(state.status).toBe('needs-reconnect');
    expect(state.message).toBe('Zoom disconnected: open the add-on and reconnect');
    expect(await offline.tokenRequests()).toBe(1);

    const error = errorOf(() => offline.call('importAttendance', String(classMeeting.id)));

    expect(error.message).toMatch(/Not connected|Zoom disconnected/);
    expect(offline.call<State>('getSidebarState').status).toBe('needs-reconnect');
    expect(await offline.tokenRequests()).toBe(1);
    expect(await offline.apiRequests()).toEqual([]);
  });

  test('a 401 mid-run refreshes once and the import completes', async () => {
    await offline.emulator.injectFaults([{ path: '^/v2/past_meetings/.+/participants$', kind: 'token-expired', times: 1 }]);

    const summary = offline.call<{ rowsAdded: number }>('importAttendance', String(classMeeting.id));

    expect(summary.rowsAdded).toBe(13);
    expect(await offline.tokenRequests()).toBe(1);
  });

  test('reconnecting clears needs-reconnect', async () => {
    await offline.emulator.revokeAllTokens();
    offline.clock.advance(2 * 3600 * 1000);
    offline.call('getSidebarState');
    await offline.connect();

    expect(offline.call<State>('getSidebarState').status).toBe('connected');
  });

  test('disconnect revokes the token at Zoom and forgets it', async () => {
    const state = offline.call<State>('disconnectZoom');
    const revokes = (await offline.emulator.requests()).filter((r) => r.path === '/oauth/revoke');

    expect(revokes).toHaveLength(1);
    expect(revokes[0]?.basicClientId).toBe(USER_APP.clientId);
    expect(state.status).toBe('not-connected');
    expect(Object.keys(offline.runtime.world.userProperties('riley.host@example.edu').all()).filter((k) => k.startsWith('oauth2.zoom'))).toEqual([]);
  });

  test('two executions refreshing at once both end connected', async () => {
    offline.clock.advance(2 * 3600 * 1000);

    const results = await offline.runtime.runConcurrently([
      { functionName: 'getSidebarState' },
      { functionName: 'getSidebarState', startDelayMilliseconds: 5 },
    ]);

    expect(results.map((r) => (r.result as State | undefined)?.status)).toEqual(['connected', 'connected']);
    expect(await offline.tokenRequests()).toBe(1);
  });
});

describe('callback pages and setup', () => {
  let offline: Offline;

  afterEach(async () => {
    await offline.stop();
  });

  test('denied consent shows Access denied', async () => {
    offline = await startOffline({ seed: { consent: { userId: 'hT5xQ2wLrU8sV1nB4mKc9A', decision: 'deny' } } });

    const page = await offline.connect();

    expect(page.title).toBe('Access denied');
    expect(offline.call<State>('getSidebarState').status).toBe('not-connected');
  });

  test('a link older than an hour hits the state token page', async () => {
    offline = await startOffline();

    const { approveAuthorization } = await import('../../local/authorize');
    const url = offline.call<string>('getAuthorizationUrl');

    offline.clock.advance(61 * 60 * 1000);

    const callback = await approveAuthorization(url, offline.emulator.baseUrl, offline.clock);

    expect(offline.runtime.playUserCallback(callback).html).toBe('The state token is invalid or has expired. Please try again.');
  });

  test('missing Script Properties name themselves and the redirect URL', async () => {
    offline = await startOffline({ scriptProperties: {} });

    const state = offline.call<State>('getSidebarState');

    expect(state.status).toBe('setup-incomplete');
    expect(state.message).toBe(
      `Setup incomplete: set ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties, and register this redirect URL in the Zoom app: ${LOCAL_REDIRECT_URI}`,
    );
    expect(errorOf(() => offline.call('getAuthorizationUrl')).message).toMatch(/^Setup incomplete/);
  });

  test('onOpen under AuthMode.NONE builds only the menu', async () => {
    offline = await startOffline();
    offline.runtime.world.resetCounters();
    offline.runtime.run('onOpen', [{ authMode: 'NONE' }], { authMode: 'NONE' });

    const touched = Object.keys(offline.runtime.world.counters).filter((name) => !/^(Ui|Menu|SpreadsheetApp\.getUi)/.test(name));
    const menu = offline.runtime.world.ui.menus.at(-1);

    expect(touched).toEqual([]);
    expect(menu?.items.map((item) => ('caption' in item ? item.caption : '-'))).toEqual([
      'Open sidebar',
      'Import attendance for meeting ID...',
      'Sync now',
      'Create roster sheet',
      'Rebuild attendance summary',
    ]);
  });

  test('onInstall builds the same menu', async () => {
    offline = await startOffline();
    offline.runtime.run('onInstall', [{ authMode: 'FULL' }]);

    expect(offline.runtime.world.ui.menus.at(-1)?.items).toHaveLength(5);
  });
});
