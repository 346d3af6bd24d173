/**
 * The sidebar's list of recent meetings through the built bundle. It covers scheduled, recurring
 * and instant meetings with and without the report scope, paging past 300 meetings, labels in the
 * spreadsheet's time zone, tracked flags, account mode, and a one-click import of a listed meeting.
 */
import { generateClassMeeting, generateRecurringMeeting } from '../../local/data/generators';
import { ACCOUNT_APP, ACCOUNT_ID, ADMIN, TEACHER } from '../../local/data/seeds';
import type { EmulatedMeeting } from '../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from './harness';

interface Listed {
  id: string;
  topic: string;
  start: string;
  startLabel: string;
  occurrences: number | null;
  recurring: boolean;
  tracked: boolean;
}

interface Page {
  meetings: Listed[];
  nextPageToken: string | null;
  notes: string[];
}

const INSTANT_NOTE = 'Instant meetings appear only when the Zoom app has the report scope; import them by meeting ID.';

/** Generates a scheduled class, a weekly class and an instant call, all hosted by `hostId`. */
function hostedMeetings(hostId: string): { scheduled: EmulatedMeeting; weekly: EmulatedMeeting; instant: EmulatedMeeting } {
  const scheduled = generateClassMeeting({ hostId, meetingId: 85746065432 });
  const weekly = generateRecurringMeeting({ hostId, meetingId: 92233720368, occurrences: 3, participants: 4, firstStart: '2024-04-15T14:00:00Z' });
  const instant = {
    ...generateClassMeeting({ hostId, meetingId: 71122233344, topic: 'Quick call', startTime: '2024-05-03T16:00:00Z', seed: 9 }),
    type: 1,
  };

  return { scheduled, weekly, instant };
}

function ids(page: Page): string[] {
  return page.meetings.map((meeting) => meeting.id);
}

async function listingRequests(offline: Offline): Promise<string[]> {
  return (await offline.apiRequests()).filter((path) => path.endsWith('/meetings'));
}

describe('without the report scope', () => {
  const { scheduled, weekly, instant } = hostedMeetings(TEACHER.id);
  let offline: Offline;
  let page: Page;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [scheduled, weekly, instant], timeZone: 'America/New_York' });
    await offline.connect();
    offline.call('trackMeeting', String(weekly.id));
    await offline.emulator.clearRequests();
    page = offline.call<Page>('listRecentMeetings', null);
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('lists scheduled and recurring, newest first', () => {
    expect(ids(page)).toEqual([String(scheduled.id), String(weekly.id)]);
    expect(page.nextPageToken).toBeNull();
  });

  test('leaves out instant meetings and says so', () => {
    expect(ids(page)).not.toContain(String(instant.id));
    expect(page.notes).toContain(INSTANT_NOTE);
  });

  test('makes one listing request and no report request', async () => {
    expect(await listingRequests(offline)).toEqual(['/v2/users/me/meetings']);
    expect((await offline.apiRequests()).filter((path) => path.startsWith('/v2/report/'))).toEqual([]);
  });

  test('starts are ISO and labels local', () => {
    const [first, second] = page.meetings;

    expect(first?.start).toBe('2024-05-06T09:00:00Z');
    expect(first?.startLabel).toBe('Mon 6 May 2024, 05:00');
    expect(second?.start).toBe('2024-04-29T14:00:00Z');
    expect(second?.startLabel).toBe('Mon 29 Apr 2024, 10:00');
  });

  test('flags recurring and tracked meetings', () => {
    const [first, second] = page.meetings;

    expect(first).toMatchObject({ topic: 'Biology 101 - Section A', recurring: false, tracked: false, occurrences: null });
    expect(second).toMatchObject({ topic: 'Weekly seminar', recurring: true, tracked: true, occurrences: null });
  });
});

describe('with the report scope', () => {
  const { scheduled, weekly, instant } = hostedMeetings(ADMIN.id);
  let offline: Offline;
  let page: Page;

  beforeAll(async () => {
    offline = await startOffline({
      meetings: [scheduled, weekly, instant],
      seed: { consent: { userId: ADMIN.id, decision: 'approve' } },
      userEmail: ADMIN.email,
      timeZone: 'Asia/Tokyo',
    });
    await offline.connect();
    await offline.emulator.clearRequests();
    page = offline.call<Page>('listRecentMeetings', null);
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('adds instant meetings from the report', () => {
    expect(ids(page)).toEqual([String(scheduled.id), String(instant.id), String(weekly.id)]);
    expect(page.notes).not.toContain(INSTANT_NOTE);
  });

  test('counts the occurrences of the last month', () => {
    expect(page.meetings.map((meeting) => meeting.occurrences)).toEqual([1, 1, 3]);
  });

  test('labels in the spreadsheet time zone', () => {
    expect(page.meetings[1]).toMatchObject({ topic: 'Quick call', start: '2024-05-03T16:00:00Z', startLabel: 'Sat 4 May 2024, 01:00', recurring: false });
  });

  test('makes one listing request per page', async () => {
    const paths = await offline.apiRequests();

    expect(paths.filter((path) => path === '/v2/users/me/meetings')).toHaveLength(1);
    expect(paths.filter((path) => path === '/v2/report/users/me/meetings')).toHaveLength(1);
  });
});

/** Generates `count` scheduled meetings, one an hour back from 2024-05-06 08:00 UTC. */
function manyMeetings(count: number): EmulatedMeeting[] {
  return Array.from({ length: count }, (_, index) => {
    const start = new Date(Date.parse('2024-05-06T08:00:00Z') - index * 3600 * 1000).toISOString().replace('.000Z', 'Z');
    const end = new Date(Date.parse(start) + 30 * 60 * 1000).toISOString().replace('.000Z', 'Z');

    return {
      id: 60000000000 + index,
      kind: 'meeting',
      hostId: TEACHER.id,
      topic: `Tutorial ${index}`,
      type: 2,
      occurrences: [{ uuid: `Tutorial${String(index).padStart(14, '0')}==`, startTime: start, endTime: end, sessions: [] }],
    };
  });
}

describe('paging past 300 meetings', () => {
  const meetings = manyMeetings(350);
  let offline: Offline;
  let first: Page;
  let second: Page;
  let firstRequests: string[];

  beforeAll(async () => {
    offline = await startOffline({ meetings });
    await offline.connect();
    await offline.emulator.clearRequests();
    first = offline.call<Page>('listRecentMeetings', null);
    firstRequests = await listingRequests(offline);
    await offline.emulator.clearRequests();
    second = offline.call<Page>('listRecentMeetings', first.nextPageToken);
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('the first page holds 300 and a token', () => {
    expect(first.meetings).toHaveLength(300);
    expect(first.nextPageToken).toEqual(expect.any(String));
    expect(firstRequests).toEqual(['/v2/users/me/meetings']);
  });

  test('the second page holds the rest', async () => {
    expect(second.meetings).toHaveLength(50);
    expect(second.nextPageToken).toBeNull();
    expect(await listingRequests(offline)).toEqual(['/v2/users/me/meetings']);
  });

  test('pages together list each meeting once', () => {
    const all = [...ids(first), ...ids(second)];

    expect(new Set(all).size).toBe(350);
    expect(new Set(all)).toEqual(new Set(meetings.map((meeting) => String(meeting.id))));
  });

  test('every page carries the same notes', () => {
    expect(first.notes).toContain(INSTANT_NOTE);
    expect(second.notes).toEqual(first.notes);
  });

  test('each page is newest first', () => {
    for (const page of [first, second]) {
      const starts = page.meetings.map((meeting) => meeting.start);

      expect(starts).toEqual([...starts].sort().reverse());
    }
  });

  test('the page token follows the request', async () => {
    const requests = (await offline.emulator.requests()).filter((request) => request.path === '/v2/users/me/meetings');

    expect(requests[0]?.query.next_page_token).toBe(first.nextPageToken);
    expect(requests[0]?.query.page_size).toBe('300');
    expect(requests[0]?.query.type).toBe('previous_meetings');
  });
});

describe('one-click import from the list', () => {
  const { weekly } = hostedMeetings(TEACHER.id);

  async function sheetAfter(importIt: (offline: Offline) => void): Promise<{ name: string; values: unknown[][] }> {
    const offline = await startOffline({ meetings: [weekly] });

    try {
      await offline.connect();
      importIt(offline);

      const sheet = offline.spreadsheet.sheets().find((candidate) => candidate.values().length > 1);

      if (sheet === undefined) throw new Error('The import wrote no sheet');

      return { name: sheet.name, values: sheet.values() };
    } finally {
      await offline.stop();
    }
  }

  test('writes the same sheet as the menu import', async () => {
    const clicked = await sheetAfter((offline) => {
      const listed = offline.call<Page>('listRecentMeetings', null).meetings.find((meeting) => meeting.id === String(weekly.id));

      if (listed === undefined) throw new Error('The weekly meeting is not listed');

      offline.call('importAttendance', listed.id, '', false);
    });
    const prompted = await sheetAfter((offline) => {
      offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: String(weekly.id) });
      offline.runtime.world.ui.queuePromptResponse({ button: 'OK', text: '' });
      offline.call('importAttendanceFromPrompt');
    });

    expect(new Set(clicked.values.slice(1).map((row) => row[1])).size).toBe(3);
    expect(clicked.name).toBe(prompted.name);
    expect(clicked.values).toEqual(prompted.values);
  });
});

describe('account mode', () => {
  const teacherMeetings = hostedMeetings(TEACHER.id);
  const adminClass = generateClassMeeting({ hostId: ADMIN.id, meetingId: 81234567890, topic: 'Staff meeting' });
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({
      meetings: [teacherMeetings.scheduled, teacherMeetings.weekly, teacherMeetings.instant, adminClass],
      seed: { consent: undefined },
      scriptProperties: { ZOOM_CLIENT_ID: ACCOUNT_APP.clientId, ZOOM_CLIENT_SECRET: ACCOUNT_APP.clientSecret, ZOOM_ACCOUNT_ID: ACCOUNT_ID },
    });
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('lists the Google user as host', async () => {
    await offline.emulator.clearRequests();

    const page = offline.call<Page>('listRecentMeetings', null);
    const paths = await offline.apiRequests();

    expect(ids(page)).toEqual([String(teacherMeetings.scheduled.id), String(teacherMeetings.instant.id), String(teacherMeetings.weekly.id)]);
    expect(paths).toContain(`/v2/users/${TEACHER.email}/meetings`);
    expect(paths).toContain(`/v2/report/users/${TEACHER.email}/meetings`);
  });

  test('an email with no Zoom user says so', () => {
    const error = errorOf(() => offline.callIn({ user: 'pat.other@example.edu' }, 'listRecentMeetings', null));

    expect(error.message).toBe(
      'Zoom has no user pat.other@example.edu in this account, so there are no meetings to list: sign in to Google with the email of your Zoom user, or import by meeting ID',
    );
  });
});
