/**
 * Every Zoom failure the add-on can meet, through the built bundle: each becomes one message that
 * states what failed and what to do, nothing is written, and no message, log line or page shows a
 * token or the client secret.
 */
import { approveAuthorization } from '../../local/authorize';
import { generateClassMeeting, generateLargeMeeting } from '../../local/data/generators';
import { TEACHER, USER_APP } from '../../local/data/seeds';
import type { FaultRule } from '../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from './harness';

interface State {
  status: string;
  message: string;
}

const classMeeting = generateClassMeeting();
const PARTICIPANTS = '^/v2/past_meetings/.+/participants$';
const HOUR_MILLISECONDS = 3600 * 1000;

let offline: Offline;
/** Every message the add-on produced in these tests, checked for secrets at the end. */
const shownMessages: string[] = [];
/** Every token the teacher held during these tests. */
const tokens = new Set<string>();

function rememberTokens(): void {
  const stored = offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom');

  if (stored === null || stored === undefined) return;

  const token = JSON.parse(stored) as { access_token?: string; refresh_token?: string };

  if (token.access_token !== undefined) tokens.add(token.access_token);

  if (token.refresh_token !== undefined) tokens.add(token.refresh_token);
}

function importError(): string {
  rememberTokens();

  const message = errorOf(() => offline.call('importAttendance', String(classMeeting.id))).message;

  shownMessages.push(message);
  rememberTokens();

  return message;
}

function sidebarState(): State {
  const state = offline.call<State>('getSidebarState');

  shownMessages.push(state.message);
  rememberTokens();

  return state;
}

async function fault(rule: FaultRule): Promise<void> {
  await offline.emulator.injectFaults([rule]);
}

function response(status: number, code: number, message: string, times = 1): FaultRule {
  return { path: PARTICIPANTS, kind: 'response', status, body: { code, message }, times };
}

beforeEach(async () => {
  offline = await startOffline({ meetings: [classMeeting, generateLargeMeeting({ participants: 310, sessionsPerParticipant: 1, startTime: '2024-05-06T12:00:00Z' })] });
  await offline.connect();
  await offline.emulator.clearRequests();
  rememberTokens();
});

afterEach(async () => {
  shownMessages.push(...offline.runtime.world.logs);
  shownMessages.push(...offline.runtime.world.ui.alerts.map((alert) => alert.message));
  shownMessages.push(...offline.runtime.world.ui.toasts.map((toast) => toast.message));
  await offline.stop();
});

afterAll(() => {
  const secrets = [...tokens, USER_APP.clientSecret];

  expect(tokens.size).toBeGreaterThan(1);
  expect(shownMessages.length).toBeGreaterThan(20);

  for (const secret of secrets) {
    expect(shownMessages.filter((message) => message.includes(secret))).toEqual([]);
  }
});

describe('Zoom error codes', () => {
  test('124 twice disconnects', async () => {
    await fault({ path: PARTICIPANTS, kind: 'token-expired', times: 2 });

    expect(importError()).toBe('Zoom disconnected: open the add-on and reconnect');
    expect(await offline.tokenRequests()).toBe(1);
    expect(offline.table()).toEqual([]);
    expect(sidebarState()).toEqual(expect.objectContaining({ status: 'needs-reconnect', message: 'Zoom disconnected: open the add-on and reconnect' }));
  });

  test('4711 lists the missing scopes', async () => {
    await fault(response(400, 4711, 'Invalid access token, does not contain scopes:[meeting:read:list_past_participants, meeting:read:list_past_participants:admin].'));

    expect(importError()).toBe(
      'Zoom did not grant meeting:read:list_past_participants or meeting:read:list_past_participants:admin: add it to the Zoom app, then reconnect',
    );
    expect((await offline.apiRequests()).filter((path) => /participants$/.test(path))).toHaveLength(1);
    expect(await offline.tokenRequests()).toBe(0);
    expect(offline.table()).toEqual([]);
  });

  test('4700 lists the missing scope', async () => {
    await fault(response(400, 4700, 'Invalid access token, does not contain scopes: [meeting:read].'));

    expect(importError()).toBe('Zoom did not grant meeting:read: add it to the Zoom app, then reconnect');
    expect(await offline.tokenRequests()).toBe(0);
  });

  test('200 on a paid-account message names the plan', async () => {
    await fault(response(400, 200, 'Only available for paid account: aBcDeFgHiJ.'));

    expect(importError()).toBe('This Zoom plan does not include participant reports');
    expect(offline.table()).toEqual([]);
  });

  test('200 no permission names the permission', async () => {
    await fault(response(400, 200, 'No permission.'));

    const message = importError();

    expect(message).toMatch(/^Zoom answered "No permission" for GET \/past_meetings\/.+\/participants: /);
    expect(message).toContain('the meeting belongs to another Zoom user or account; connect the Zoom account that hosted it');
  });

  test('3001 not found names the meeting', async () => {
    await fault(response(404, 3001, 'Meeting does not exist: Hq2LmNo5Pq8RsTu1VwXyZw==.'));

    const message = importError();

    expect(message).toMatch(/^Zoom has no ended meeting or webinar for \/past_meetings\/.+\/participants \(Meeting does not exist: /);
    expect(message).toContain('check the meeting ID, and that the connected Zoom user hosted it');
  });

  test('3001 not ended is pending', async () => {
    await fault(response(404, 3001, 'Meeting ID is invalid or not end.'));

    expect(importError()).toBe('Pending: Zoom has not finished the report; try again in an hour');
    expect(offline.table()).toEqual([]);
  });

  test('12702 says Zoom keeps a year', async () => {
    await fault(response(400, 12702, 'Can not access meeting a year ago.'));

    expect(importError()).toBe('Zoom keeps reports for about a year; this meeting is older');
  });

  test('1001 on the user names the fix', async () => {
    await fault({ path: '^/v2/users/me$', kind: 'response', status: 404, body: { code: 1001, message: 'User does not exist: me.' } });

    const state = sidebarState();

    expect(state.status).toBe('needs-reconnect');
    expect(state.message).toBe('Zoom does not know the connected user (404, code 1001): reconnect with the Zoom account that hosts the meetings');
  });

  test('300 expired page token restarts the listing once', async () => {
    await fault({ path: PARTICIPANTS, kind: 'page-token-expired', page: 2, times: 1 });

    const summary = offline.call<{ rowsAdded: number }>('importAttendance', '87654321098');
    const pages = (await offline.emulator.requests()).filter((request) => new RegExp(PARTICIPANTS).test(request.path));

    expect(summary.rowsAdded).toBe(311);
    expect(offline.table()).toHaveLength(311);
    expect(pages.map((request) => request.query.next_page_token === undefined)).toEqual([true, false, true, false]);
  });

  test('300 twice stops with a message', async () => {
    await fault({ path: PARTICIPANTS, kind: 'page-token-expired', page: 2, times: 2 });

    const message = errorOf(() => offline.call('importAttendance', '87654321098')).message;

    shownMessages.push(message);
    expect(message).toMatch(/^Zoom's page token expired while reading \/past_meetings\/.+\/participants/);
    expect(offline.table()).toEqual([]);
  });

  test('429 per second retries, then says when to try', async () => {
    await fault({ path: PARTICIPANTS, kind: 'rate-limit-per-second', times: 20 });

    expect(importError()).toMatch(/^Zoom kept answering "too many requests" for \/past_meetings\/.+\/participants; nothing was changed, try again in a few minutes$/);
    expect((await offline.apiRequests()).filter((path) => /participants$/.test(path))).toHaveLength(5);
  });

  test('429 once is retried silently', async () => {
    await fault({ path: PARTICIPANTS, kind: 'rate-limit-per-second', retryAfterSeconds: 2, times: 1 });

    expect(offline.call<{ rowsAdded: number }>('importAttendance', String(classMeeting.id)).rowsAdded).toBe(13);
  });

  test('429 daily names the retry time', async () => {
    await fault({ path: PARTICIPANTS, kind: 'rate-limit-daily', retryAt: '2024-05-08T00:00:00Z' });

    expect(importError()).toBe("Zoom's daily limit is reached; the next run continues after 2024-05-08T00:00:00.000Z");
  });

  test.each([500, 502, 503, 504] as const)('%i after retries says try again', async (status) => {
    await fault({ path: PARTICIPANTS, kind: 'server-error', status, times: 10 });

    expect(importError()).toBe(`Could not reach Zoom (Zoom answered ${status}); nothing was changed, try again`);
    expect((await offline.apiRequests()).filter((path) => /participants$/.test(path))).toHaveLength(4);
    expect(offline.table()).toEqual([]);
  });

  test('a dropped connection after retries says try again', async () => {
    await fault({ path: PARTICIPANTS, kind: 'drop-connection', times: 10 });

    expect(importError()).toMatch(/^Could not reach Zoom \(.+\); nothing was changed, try again$/);
    expect(offline.table()).toEqual([]);
  });
});

describe('network failures', () => {
  test.each(['Address unavailable', 'DNS error', 'Timeout'])('%s on the API after retries', (reason) => {
    offline.runtime.world.injectFetchErrors([{ urlPattern: 'https://api.zoom.us/', message: reason, times: 3 }]);

    expect(importError()).toBe(`Could not reach Zoom (${reason}); nothing was changed, try again`);
    expect(offline.table()).toEqual([]);
  });

  test('one failure is retried', () => {
    offline.runtime.world.injectFetchErrors([{ urlPattern: 'https://api.zoom.us/', message: 'Address unavailable', times: 1 }]);

    expect(offline.call<{ rowsAdded: number }>('importAttendance', String(classMeeting.id)).rowsAdded).toBe(13);
  });

  test.each(['Address unavailable', 'DNS error', 'Timeout'])('%s during a refresh keeps the token', async (reason) => {
    const before = offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom');

    offline.clock.advance(2 * HOUR_MILLISECONDS);
    offline.runtime.world.injectFetchErrors([{ urlPattern: 'https://zoom.us/oauth/token', message: reason, times: 2 }]);

    expect(importError()).toBe(`Could not reach Zoom (${reason}); nothing was changed, try again`);

    const state = sidebarState();

    expect(state.status).toBe('error');
    expect(state.message).toBe(`Could not reach Zoom (${reason}); nothing was changed, try again`);
    expect(offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom')).toBe(before);
    expect(await offline.tokenRequests()).toBe(0);

    expect(sidebarState().status).toBe('connected');
    expect(await offline.tokenRequests()).toBe(1);
  });

  test('a 503 from the token endpoint keeps the token', async () => {
    const before = offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom');

    offline.clock.advance(2 * HOUR_MILLISECONDS);
    await offline.emulator.injectFaults([{ path: '^/oauth/token$', kind: 'server-error', status: 503, times: 1 }]);

    expect(importError()).toBe('Could not reach Zoom (Zoom answered Service Unavailable); nothing was changed, try again');
    expect(offline.runtime.world.userProperties(TEACHER.email).get('oauth2.zoom')).toBe(before);
    expect(sidebarState().status).toBe('connected');
  });
});

describe('callback page', () => {
  async function callbackWithCode(code: string): Promise<{ html: string; title: string }> {
    const url = offline.call<string>('getAuthorizationUrl');
    const callback = new URL(await approveAuthorization(url, offline.emulator.baseUrl, offline.clock));

    callback.searchParams.set('code', code);

    return offline.runtime.playUserCallback(callback.toString());
  }

  test('a rejected code gives a readable page', async () => {
    const page = await callbackWithCode('not-a-code-zoom-issued');

    shownMessages.push(page.html);
    expect(page.title).toBe('Connecting Zoom failed');
    expect(page.html).toContain('Zoom could not be connected: ');
    expect(page.html).toContain('Close this tab and click Authorize Zoom in the sidebar again.');
    expect(page.html).not.toContain(USER_APP.clientSecret);
  });

  test('a used code gives a readable page and keeps the connection', async () => {
    const url = offline.call<string>('getAuthorizationUrl');
    const callback = await approveAuthorization(url, offline.emulator.baseUrl, offline.clock);

    expect(offline.runtime.playUserCallback(callback).title).toBe('Zoom connected');
    rememberTokens();

    const again = offline.runtime.playUserCallback(callback);

    shownMessages.push(again.html);
    expect(again.title).toBe('Connecting Zoom failed');
    expect(sidebarState().status).toBe('connected');
  });
});
