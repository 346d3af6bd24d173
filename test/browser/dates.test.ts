/**
 * Times in the sidebar. Every time is written "EEE d MMM yyyy, HH:mm", like the server's
 * startLabel, in the spreadsheet's time zone from the sync state. When that zone is unknown, the
 * browser's zone is used. The browser runs in Asia/Tokyo, so the two zones give different times.
 */
import type { Browser } from 'playwright-core';
import { FIRST_PAGE, connectedResponses, meeting, summary, syncState, trackedMeeting, value } from './fixtures';
import { callsWhenCount, launchChromium, openSidebar, settle, textWhenContains, type Sidebar, type StubResponse } from './harness';

const BROWSER_TIME_ZONE = 'Asia/Tokyo';

let browser: Browser;
let sidebar: Sidebar | undefined;

beforeAll(async () => {
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
});

afterEach(async () => {
  await sidebar?.close();
  sidebar = undefined;
});

async function openWithList(extra: Record<string, StubResponse[]>): Promise<Sidebar> {
  const opened = await openSidebar(browser, connectedResponses(extra), { timezoneId: BROWSER_TIME_ZONE });

  await opened.page.locator('#meeting-list li').first().waitFor({ timeout: 3000 });
  await callsWhenCount(opened, 'getSyncState', 1);
  await settle(opened.page);

  return opened;
}

async function lastRunText(timeZone: string, lastRunAt: string): Promise<string> {
  const tracked = trackedMeeting({ meetingId: '85746065432', topic: 'Biology 101', lastRunAt });

  sidebar = await openWithList({ getSyncState: [value(syncState([tracked], { timeZone }))] });
  const lastRun = sidebar.page.locator('#tracked-list li .tracked-last-run');
  const text = await textWhenContains(lastRun, 'Last run: ');

  await sidebar.close();
  sidebar = undefined;

  return text;
}

test.each([
  // 02:00 UTC is 18:00 the day before in Los Angeles (UTC-8 until 8 March 2026).
  { timeZone: 'America/Los_Angeles', lastRunAt: '2026-03-04T02:00:00.000Z', expected: 'Last run: Tue 3 Mar 2026, 18:00' },
  { timeZone: 'Asia/Kolkata', lastRunAt: '2026-03-04T02:00:00.000Z', expected: 'Last run: Wed 4 Mar 2026, 07:30' },
  { timeZone: 'Europe/London', lastRunAt: '2026-09-14T13:05:00.000Z', expected: 'Last run: Mon 14 Sep 2026, 14:05' },
  { timeZone: 'Europe/London', lastRunAt: '2026-12-31T00:09:00.000Z', expected: 'Last run: Thu 31 Dec 2026, 00:09' },
  { timeZone: 'UTC', lastRunAt: '2026-05-06T23:59:00.000Z', expected: 'Last run: Wed 6 May 2026, 23:59' },
])('last run in $timeZone at $lastRunAt', async ({ timeZone, lastRunAt, expected }) => {
  expect(await lastRunText(timeZone, lastRunAt)).toBe(expected);
});

test.each([
  { timeZone: '', case: 'empty' },
  { timeZone: 'Not/A_Zone', case: 'unknown' },
])('last run with $case zone uses the browser zone', async ({ timeZone }) => {
  // 15:00 UTC is midnight the next day in Tokyo (UTC+9).
  expect(await lastRunText(timeZone, '2026-03-04T15:00:00.000Z')).toBe('Last run: Thu 5 Mar 2026, 00:00');
});

test('latest imported occurrence in spreadsheet zone', async () => {
  const tracked = trackedMeeting({ meetingId: '85746065432', topic: 'Biology 101', lastOccurrenceStart: '2026-03-03T14:00:00Z' });

  sidebar = await openWithList({ getSyncState: [value(syncState([tracked], { timeZone: 'America/New_York' }))] });

  const text = await textWhenContains(sidebar.page.locator('#tracked-list li .tracked-last-occurrence'), 'Latest occurrence');

  expect(text).toBe('Latest occurrence imported: Tue 3 Mar 2026, 09:00');
});

test('pending occurrence in spreadsheet zone', async () => {
  const pending = [{ uuid: 'Kp3RtYv8QmWn2xZa5bCdEf==', startTime: '2026-03-03T08:00:00Z', reason: 'Pending: Zoom has not finished the report' }];

  sidebar = await openWithList({
    getSyncState: [value(syncState([], { timeZone: 'America/New_York' }))],
    importAttendance: [value(summary({ pending }))],
  });
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await textWhenContains(page.locator('#result'), 'Imported');

  expect(await page.locator('#result .pending li').allTextContents()).toEqual(['Tue 3 Mar 2026, 03:00: Pending: Zoom has not finished the report']);
});

test('pending occurrence without sync state', async () => {
  const pending = [{ uuid: 'Kp3RtYv8QmWn2xZa5bCdEf==', startTime: '2026-03-03T08:00:00Z', reason: 'Pending' }];

  sidebar = await openWithList({ getSyncState: [{ hold: true }], importAttendance: [value(summary({ pending }))] });
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await textWhenContains(page.locator('#result'), 'Imported');

  expect(await page.locator('#result .pending li').allTextContents()).toEqual(['Tue 3 Mar 2026, 17:00: Pending']);
});

test('meeting without startLabel uses the formatter', async () => {
  const unlabelled = meeting({ id: '81234567890', topic: 'Chemistry lab', start: '2026-02-20T10:00:00Z', startLabel: '' });

  sidebar = await openWithList({
    getSyncState: [value(syncState([], { timeZone: 'Europe/Berlin' }))],
    listRecentMeetings: [value({ ...FIRST_PAGE, meetings: [...FIRST_PAGE.meetings, unlabelled], nextPageToken: null })],
  });
  const details = sidebar.page.locator('#meeting-list li[data-meeting-id="81234567890"] .meeting-details');

  expect(await details.textContent()).toBe('Fri 20 Feb 2026, 11:00 · ID 812 3456 7890');
  expect(await sidebar.page.locator('#meeting-list li').first().locator('.meeting-details').textContent()).toContain('Tue 3 Mar 2026, 09:00');
});
