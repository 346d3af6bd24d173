/**
 * Who can import through the built bundle: hosts who are not Zoom admins (past_meetings), admins
 * (report, with the fallback to past_meetings), apps without the participant scopes, the basic
 * plan, and account mode (one Server-to-Server token for every Google user, with the host check).
 */
import { generateClassMeeting, generateRecurringMeeting } from '../../local/data/generators';
import { ACCOUNT_APP, ACCOUNT_ID, ADMIN, BASIC_USER, TEACHER, USER_APP } from '../../local/data/seeds';
import type { FaultRule } from '../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from './harness';

interface Summary {
  rowsAdded: number;
  occurrences: number;
  source: string;
}

interface State {
  status: string;
  message: string;
  mode: string;
  googleEmail: string;
  canDisconnect: boolean;
}

const REPORT_PARTICIPANTS = /^\/v2\/report\/meetings\/.+\/participants$/;
const PAST_PARTICIPANTS = /^\/v2\/past_meetings\/.+\/participants$/;

function count(paths: string[], pattern: RegExp): number {
  return paths.filter((path) => pattern.test(path)).length;
}

function reportFault(status: number, body: { code: number; message: string }): FaultRule {
  return { path: REPORT_PARTICIPANTS.source, kind: 'response', status, body, times: 100 };
}

describe('host who is not an admin', () => {
  const classMeeting = generateClassMeeting();
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [classMeeting] });
    await offline.connect();
    await offline.emulator.clearRequests();
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('imports through past_meetings only', async () => {
    const summary = offline.call<Summary>('importAttendance', String(classMeeting.id));
    const paths = await offline.apiRequests();

    expect(summary.rowsAdded).toBe(13);
    expect(summary.source).toBe('past_meetings');
    expect(count(paths, PAST_PARTICIPANTS)).toBe(1);
    expect(paths.filter((path) => path.startsWith('/v2/report/'))).toEqual([]);
    expect(new Set(offline.table().map((row) => row.Source))).toEqual(new Set(['past_meetings']));
  });

  test('the token holds no admin scope', () => {
    const stored = JSON.parse(offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom') ?? '{}') as { scope?: string };

    expect(stored.scope).toContain('meeting:read:list_past_participants');
    expect(stored.scope).not.toMatch(/:admin\b/);
  });
});

describe('admin', () => {
  const adminClass = generateClassMeeting({ hostId: ADMIN.id, meetingId: 81234567890 });
  const adminWeekly = generateRecurringMeeting({ hostId: ADMIN.id, meetingId: 82345678901, occurrences: 3, participants: 5 });
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({
      meetings: [adminClass, adminWeekly],
      seed: { consent: { userId: ADMIN.id, decision: 'approve' } },
      userEmail: ADMIN.email,
    });
    await offline.connect();
    await offline.emulator.clearRequests();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('uses the report endpoint', async () => {
    const summary = offline.call<Summary>('importAttendance', String(adminClass.id));
    const paths = await offline.apiRequests();

    expect(summary.source).toBe('report');
    expect(summary.rowsAdded).toBe(13);
    expect(count(paths, REPORT_PARTICIPANTS)).toBe(1);
    expect(count(paths, PAST_PARTICIPANTS)).toBe(0);
    expect(new Set(offline.table().map((row) => row.Source))).toEqual(new Set(['report']));
  });

  test.each([
    ['4711', 400, { code: 4711, message: 'Invalid access token, does not contain scopes:[report:read:list_meeting_participants:admin].' }],
    ['4700', 400, { code: 4700, message: 'Invalid access token, does not contain scopes: [report:read:admin].' }],
    ['200 no permission', 400, { code: 200, message: 'No permission.' }],
    ['200 paid account', 400, { code: 200, message: `Only available for paid account: ${ACCOUNT_ID}.` }],
  ])('report %s falls back to past_meetings once per run', async (_name, status, body) => {
    await offline.emulator.injectFaults([reportFault(status, body)]);

    const summary = offline.call<Summary>('importAttendance', String(adminWeekly.id));
    const paths = await offline.apiRequests();

    expect(summary.occurrences).toBe(3);
    expect(summary.source).toBe('past_meetings');
    expect(count(paths, REPORT_PARTICIPANTS)).toBe(1);
    expect(count(paths, PAST_PARTICIPANTS)).toBe(3);
    expect(new Set(offline.table().map((row) => row.Source))).toEqual(new Set(['past_meetings']));
  });

  test('the next run tries the report again', async () => {
    await offline.emulator.injectFaults([{ ...reportFault(400, { code: 200, message: 'No permission.' }), times: 1 }]);

    offline.call('importAttendance', String(adminClass.id));
    const again = offline.call<Summary>('importAttendance', String(adminClass.id));

    expect(again.source).toBe('report');
    expect(count(await offline.apiRequests(), REPORT_PARTICIPANTS)).toBe(2);
  });
});

describe('app without the past-participants scopes', () => {
  const classMeeting = generateClassMeeting();
  const scopes = ['user:read:user', 'meeting:read:list_meetings', 'meeting:read:list_past_instances', 'meeting:read:past_meeting'];
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [classMeeting], seed: { apps: [{ ...USER_APP, scopes }, ACCOUNT_APP] } });
    await offline.connect();
    await offline.emulator.clearRequests();
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('names the missing scope and writes nothing', async () => {
    const error = errorOf(() => offline.call('importAttendance', String(classMeeting.id)));

    expect(error.message).toBe('Zoom did not grant meeting:read:list_past_participants or meeting:read: add it to the Zoom app, then reconnect');
    expect(offline.table()).toEqual([]);
    expect(count(await offline.apiRequests(), /participants$/)).toBe(0);
  });

  test('the sidebar still shows the connection', () => {
    expect(offline.call<State>('getSidebarState').status).toBe('connected');
  });
});

describe('basic plan', () => {
  const basicClass = generateClassMeeting({ hostId: BASIC_USER.id, meetingId: 83456789012 });
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({
      meetings: [basicClass],
      seed: { consent: { userId: BASIC_USER.id, decision: 'approve' } },
      userEmail: BASIC_USER.email,
    });
    await offline.connect();
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('says the plan has no reports and writes nothing', () => {
    const error = errorOf(() => offline.call('importAttendance', String(basicClass.id)));

    expect(error.message).toBe('This Zoom plan does not include participant reports');
    expect(offline.table()).toEqual([]);
  });
});

const ACCOUNT_PROPERTIES = {
  ZOOM_CLIENT_ID: ACCOUNT_APP.clientId,
  ZOOM_CLIENT_SECRET: ACCOUNT_APP.clientSecret,
  ZOOM_ACCOUNT_ID: ACCOUNT_ID,
};

function oauthKeys(store: Record<string, string>): string[] {
  return Object.keys(store).filter((key) => key.startsWith('oauth2.'));
}

describe('account mode', () => {
  const classMeeting = generateClassMeeting();
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({
      meetings: [classMeeting],
      seed: { consent: undefined },
      scriptProperties: { ...ACCOUNT_PROPERTIES, ZOOM_ADMIN_EMAILS: 'Principal@Example.edu, office@example.edu' },
    });
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('the host imports with no consent', async () => {
    const summary = offline.call<Summary>('importAttendance', String(classMeeting.id));
    const tokenRequests = (await offline.emulator.requests()).filter((request) => request.path === '/oauth/token');

    expect(summary.rowsAdded).toBe(13);
    expect(summary.source).toBe('report');
    expect(tokenRequests).toHaveLength(1);
    expect(tokenRequests[0]?.form.grant_type).toBe('account_credentials');
    expect(tokenRequests[0]?.form.account_id).toBe(ACCOUNT_ID);
    expect(tokenRequests[0]?.basicClientId).toBe(ACCOUNT_APP.clientId);
    expect((await offline.emulator.requests()).some((request) => request.path === '/oauth/authorize')).toBe(false);
  });

  test('the token lives in script properties only', () => {
    offline.call('importAttendance', String(classMeeting.id));

    const world = offline.runtime.world;

    expect(oauthKeys(world.scriptProperties.all())).toEqual(['oauth2.zoomAccount']);
    expect(oauthKeys(world.userProperties(TEACHER.email).all())).toEqual([]);
    expect(oauthKeys(world.documentProperties(offline.spreadsheet.id).all())).toEqual([]);
  });

  test('another user is refused and nothing is written', async () => {
    const error = errorOf(() => offline.callIn({ user: 'pat.other@example.edu' }, 'importAttendance', String(classMeeting.id)));

    expect(error.message).toContain('In account mode you can import only meetings you host');
    expect(error.message).toContain(`this meeting's host is ${TEACHER.email}`);
    expect(error.message).toContain('signed in to Google as pat.other@example.edu');
    expect(error.message).toContain('ZOOM_ADMIN_EMAILS');
    expect(offline.table()).toEqual([]);
    expect(count(await offline.apiRequests(), /participants$/)).toBe(0);
  });

  test('a listed admin email imports any meeting', () => {
    const summary = offline.callIn<Summary>({ user: 'principal@example.edu' }, 'importAttendance', String(classMeeting.id));

    expect(summary.rowsAdded).toBe(13);
  });

  test('the sidebar says account mode and the Google email', async () => {
    const state = offline.call<State>('getSidebarState');

    expect(state.status).toBe('connected');
    expect(state.mode).toBe('account');
    expect(state.googleEmail).toBe(TEACHER.email);
    expect(state.message).toContain(`(${TEACHER.email}), account mode`);
    expect(state.canDisconnect).toBe(false);
    expect(errorOf(() => offline.call('disconnectZoom')).message).toContain('removing ZOOM_ACCOUNT_ID');
    expect(errorOf(() => offline.call('getAuthorizationUrl')).message).toContain('Account mode needs no authorization');
    expect(oauthKeys(offline.runtime.world.scriptProperties.all())).toEqual(['oauth2.zoomAccount']);
    expect(await offline.tokenRequests()).toBe(1);
  });

  test('a new token is requested under the script lock', async () => {
    const world = offline.runtime.world;

    world.locks.tryAcquire('another-execution', `user:${TEACHER.email}`);

    expect(offline.call<State>('getSidebarState').status).toBe('connected');

    world.locks.release('another-execution', `user:${TEACHER.email}`);
    offline.clock.advance(2 * 3600 * 1000);
    world.locks.tryAcquire('another-execution', 'script');

    const blocked = offline.call<State>('getSidebarState');

    expect(blocked.status).toBe('error');
    expect(blocked.message).toContain('try again');
    expect(await offline.tokenRequests()).toBe(1);

    world.locks.release('another-execution', 'script');

    expect(offline.call<State>('getSidebarState').status).toBe('connected');
    expect(await offline.tokenRequests()).toBe(2);
  });

  test('an expired account token is replaced, not refreshed', async () => {
    offline.call('importAttendance', String(classMeeting.id));
    offline.clock.advance(2 * 3600 * 1000);
    offline.call('importAttendance', String(classMeeting.id));

    const grants = (await offline.emulator.requests()).filter((r) => r.path === '/oauth/token').map((r) => r.form.grant_type);

    expect(grants).toEqual(['account_credentials', 'account_credentials']);
  });

  test('two executions getting the token at once both succeed', async () => {
    const results = await offline.runtime.runConcurrently([
      { functionName: 'importAttendance', args: [String(classMeeting.id)] },
      { functionName: 'importAttendance', args: [String(classMeeting.id)], startDelayMilliseconds: 5 },
    ]);

    expect(results.map((result) => result.error)).toEqual([undefined, undefined]);
    expect(await offline.tokenRequests()).toBe(1);
    expect(offline.table()).toHaveLength(13);
  });

  test('a wrong account ID names the Script Properties to check', async () => {
    offline.runtime.world.scriptProperties.set('ZOOM_ACCOUNT_ID', 'wrongAccountId0000000');

    const state = offline.call<State>('getSidebarState');
    const error = errorOf(() => offline.call('importAttendance', String(classMeeting.id)));

    expect(state.status).toBe('error');
    expect(state.message).toContain('check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties');
    expect(error.message).toContain('check ZOOM_ACCOUNT_ID, ZOOM_CLIENT_ID and ZOOM_CLIENT_SECRET in Script Properties');
    expect(error.message).not.toContain('reconnect');
    expect(await offline.apiRequests()).toEqual([]);
  });
});

describe('token reuse on a fake clock', () => {
  // Zoom's access tokens here last 3599 s, so a token saved at 09:00:00 expires at 09:59:59, and the
  // OAuth2 library counts it as expired 60 s before that.
  const weekly = generateRecurringMeeting({ occurrences: 12, participants: 3, firstStart: '2024-02-12T14:00:00Z' });
  const at = (time: string): number => Date.parse(`2024-05-07T${time}Z`);
  let offline: Offline;

  function storedRefreshToken(): string | undefined {
    const stored = JSON.parse(offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom') ?? '{}') as { refresh_token?: string };

    return stored.refresh_token;
  }

  beforeAll(async () => {
    offline = await startOffline({ meetings: [weekly], now: at('09:00:00') });
    await offline.connect();
    await offline.emulator.clearRequests();
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('a run of 25 API calls makes no token request', async () => {
    offline.clock.set(at('09:10:00'));

    const summary = offline.call<Summary>('importAttendance', String(weekly.id));

    expect(summary.occurrences).toBe(12);
    expect(await offline.apiRequests()).toHaveLength(25);
    expect(await offline.tokenRequests()).toBe(0);
  });

  test('three sidebar states make no token request', async () => {
    await offline.emulator.clearRequests();
    offline.clock.set(at('09:12:00'));

    for (let i = 0; i < 3; i += 1) expect(offline.call<State>('getSidebarState').status).toBe('connected');

    const users = (await offline.emulator.requests()).filter((request) => request.path === '/v2/users/me');

    expect(await offline.tokenRequests()).toBe(0);
    expect(users).toHaveLength(3);
    expect(users.every((request) => request.bearer && request.accessTokenValid === true)).toBe(true);
  });

  test('89 s before expiry makes no token request', async () => {
    await offline.emulator.clearRequests();
    offline.clock.set(at('09:58:30'));
    offline.call('getSidebarState');

    expect(await offline.tokenRequests()).toBe(0);
  });

  test('29 s before expiry refreshes exactly once', async () => {
    const before = storedRefreshToken();

    await offline.emulator.clearRequests();
    offline.clock.set(at('09:59:30'));
    offline.call('getSidebarState');

    const grants = (await offline.emulator.requests()).filter((r) => r.path === '/oauth/token').map((r) => r.form.grant_type);

    expect(grants).toEqual(['refresh_token']);
    expect(storedRefreshToken()).toBeDefined();
    expect(storedRefreshToken()).not.toBe(before);
  });

  test('the stored refresh token is the live one', async () => {
    await offline.emulator.clearRequests();
    offline.clock.set(at('12:00:00'));

    expect(offline.call<State>('getSidebarState').status).toBe('connected');
    expect(await offline.tokenRequests()).toBe(1);
  });
});
