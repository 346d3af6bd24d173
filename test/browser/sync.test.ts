/**
 * Keep in sync in the sidebar: tracking a listed meeting, the tracked list with its statuses,
 * removal, the nightly switch and hour, and Sync now.
 */
import type { Browser } from 'playwright-core';
import { IMG_INJECTION, connectedResponses, syncNowResult, syncState, trackedMeeting, value } from './fixtures';
import { callsWhenCount, launchChromium, openSidebar, settle, textWhenContains, type Sidebar, type StubResponse } from './harness';

const BIOLOGY = trackedMeeting({
  meetingId: '85746065432',
  topic: 'Biology 101',
  status: 'Pending: Zoom has not finished the report; try again in an hour',
  lastRunAt: '2026-03-04T02:00:00.000Z',
  pendingOccurrences: 1,
});
const STAFF = trackedMeeting({ meetingId: '93211223344', topic: 'Staff meeting', status: 'OK', message: 'Recreated the deleted sheet "Zoom attendance"' });

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

async function openWithList(extra: Record<string, StubResponse[]> = {}): Promise<Sidebar> {
  const opened = await openSidebar(browser, connectedResponses(extra));

  await opened.page.locator('#meeting-list li').first().waitFor({ timeout: 3000 });
  await callsWhenCount(opened, 'getSyncState', 1);
  await settle(opened.page);

  return opened;
}

test('keep in sync tracks a listed meeting', async () => {
  sidebar = await openWithList({ trackMeeting: [{ hold: true }] });
  const page = sidebar.page;
  const item = page.locator('#meeting-list li').first();

  expect(await page.locator('#sync-empty').isVisible()).toBe(true);
  expect(await item.locator('.tracked-badge').isVisible()).toBe(false);

  await item.locator('.track-button').click();
  await callsWhenCount(sidebar, 'trackMeeting', 1);

  expect(await item.locator('.track-button').isDisabled()).toBe(true);

  await sidebar.release('trackMeeting', value(syncState([trackedMeeting({ meetingId: '85746065432', topic: 'Biology 101' })])));

  expect(await textWhenContains(page.locator('#tracked-list'), 'Biology 101')).toContain('Biology 101');
  expect(await sidebar.calls('trackMeeting')).toEqual([{ name: 'trackMeeting', args: ['85746065432'] }]);
  expect(await item.locator('.track-button').isVisible()).toBe(false);
  expect(await item.locator('.tracked-badge').isVisible()).toBe(true);
  expect(await page.locator('#meeting-list li').nth(1).locator('.track-button').isVisible()).toBe(true);
  expect(await page.locator('#sync-empty').isVisible()).toBe(false);
});

test('failed tracking shows the error', async () => {
  sidebar = await openWithList({ trackMeeting: [{ error: 'Too many tracked meetings: remove one first' }] });
  const page = sidebar.page;
  const button = page.locator('#meeting-list li').first().locator('.track-button');

  await button.click();

  expect(await textWhenContains(page.locator('#sync-result'), 'Too many')).toBe('Too many tracked meetings: remove one first');
  expect(await button.isEnabled()).toBe(true);
});

test('tracked list shows status, last run and pending', async () => {
  sidebar = await openWithList({ getSyncState: [value(syncState([BIOLOGY, STAFF]))] });
  const page = sidebar.page;
  const items = page.locator('#tracked-list li');

  expect(await items.count()).toBe(2);
  expect(await items.nth(0).locator('.tracked-topic').textContent()).toBe('Biology 101');
  expect(await items.nth(0).locator('.tracked-status').textContent()).toBe('Last sync: Pending: Zoom has not finished the report; try again in an hour');
  expect(await items.nth(0).textContent()).toContain('ID 857 4606 5432 · sheet "Zoom attendance"');
  expect(await items.nth(0).textContent()).toContain('Pending occurrences: 1');
  // 02:00 UTC on 4 March is 02:00 in Europe/London, the sync state's zone.
  expect(await items.nth(0).locator('.tracked-last-run').textContent()).toBe('Last run: Wed 4 Mar 2026, 02:00');
  expect(await items.nth(1).locator('.tracked-status').textContent()).toBe('Last sync: OK');
  expect(await items.nth(1).locator('.tracked-message').textContent()).toBe('Recreated the deleted sheet "Zoom attendance"');
  expect(await page.locator('#meeting-list li').first().locator('.tracked-badge').isVisible()).toBe(true);
});

test('tracked status is labelled, message below', async () => {
  const withMessage = trackedMeeting({ meetingId: '85746065432', topic: 'Biology 101', status: 'Failed', message: 'Zoom returned 404: meeting not found' });
  const blankMessage = trackedMeeting({ meetingId: '93211223344', topic: 'Staff meeting', status: 'OK', message: '  ' });

  sidebar = await openWithList({ getSyncState: [value(syncState([withMessage, blankMessage]))] });
  const items = sidebar.page.locator('#tracked-list li');
  const first = items.nth(0);
  const labelAndStatus = await first.locator('.tracked-status').evaluate((status) => ({
    label: status.firstChild?.textContent,
    status: status.querySelector('.tracked-status-text')?.textContent,
    nextClass: status.nextElementSibling?.className,
  }));

  expect(labelAndStatus.label).toBe('Last sync: ');
  expect(labelAndStatus.status).toBe('Failed');
  expect(labelAndStatus.nextClass).toContain('tracked-message');
  expect(await first.locator('.tracked-message').textContent()).toBe('Zoom returned 404: meeting not found');
  expect(await items.nth(1).locator('.tracked-status').textContent()).toBe('Last sync: OK');
  expect(await items.nth(1).locator('.tracked-message').count()).toBe(0);
});

test('tracked status markup is shown as text', async () => {
  const tracked = trackedMeeting({ meetingId: '85746065432', status: `Failed ${IMG_INJECTION}`, message: `Sheet ${IMG_INJECTION}` });

  sidebar = await openWithList({ getSyncState: [value(syncState([tracked]))] });
  const page = sidebar.page;

  expect(await page.locator('#tracked-list .tracked-status').textContent()).toBe(`Last sync: Failed ${IMG_INJECTION}`);
  expect(await page.locator('#tracked-list .tracked-message').textContent()).toBe(`Sheet ${IMG_INJECTION}`);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
});

test('remove untracks the meeting', async () => {
  sidebar = await openWithList({ getSyncState: [value(syncState([BIOLOGY, STAFF]))], untrackMeeting: [{ hold: true }] });
  const page = sidebar.page;
  const remove = page.locator('#tracked-list li').nth(0).locator('.remove-button');

  await remove.click();
  await callsWhenCount(sidebar, 'untrackMeeting', 1);

  expect(await remove.isDisabled()).toBe(true);

  await sidebar.release('untrackMeeting', value(syncState([STAFF])));
  await settle(page);

  expect(await sidebar.calls('untrackMeeting')).toEqual([{ name: 'untrackMeeting', args: ['85746065432'] }]);
  expect(await page.locator('#tracked-list .tracked-topic').allTextContents()).toEqual(['Staff meeting']);
  expect(await page.locator('#meeting-list li').first().locator('.track-button').isVisible()).toBe(true);
});

test('nightly switch and hour call the server', async () => {
  sidebar = await openWithList({
    setNightlySync: [value(syncState([], { enabled: true, hour: 6 })), value(syncState([], { enabled: true, hour: 22 }))],
  });
  const page = sidebar.page;

  expect(await page.locator('#nightly-enabled').isChecked()).toBe(false);
  expect(await page.locator('#nightly-hour').inputValue()).toBe('6');
  expect(await page.locator('#nightly-hour option').count()).toBe(24);
  expect(await page.locator('#nightly-hour option').nth(23).textContent()).toBe('23:00');
  expect(await page.locator('#time-zone').textContent()).toContain('Europe/London');

  await page.locator('#nightly-enabled').check();
  await callsWhenCount(sidebar, 'setNightlySync', 1);
  await settle(page);
  await page.locator('#nightly-hour').selectOption('22');
  await callsWhenCount(sidebar, 'setNightlySync', 2);
  await settle(page);

  expect(await sidebar.calls('setNightlySync')).toEqual([
    { name: 'setNightlySync', args: [true, 6] },
    { name: 'setNightlySync', args: [true, 22] },
  ]);
  expect(await page.locator('#nightly-enabled').isChecked()).toBe(true);
  expect(await page.locator('#nightly-hour').inputValue()).toBe('22');
  expect(await page.locator('#nightly-enabled').isEnabled()).toBe(true);
  expect(await page.locator('#nightly-hour').isEnabled()).toBe(true);
});

test('nightly controls wait for the server', async () => {
  sidebar = await openWithList({ setNightlySync: [{ hold: true }] });
  const page = sidebar.page;

  await page.locator('#nightly-enabled').check();
  await callsWhenCount(sidebar, 'setNightlySync', 1);

  expect(await page.locator('#nightly-enabled').isDisabled()).toBe(true);
  expect(await page.locator('#nightly-hour').isDisabled()).toBe(true);

  await sidebar.release('setNightlySync', { error: 'Could not create the trigger: too many triggers' });

  expect(await textWhenContains(page.locator('#sync-result'), 'Could not create')).toBe('Could not create the trigger: too many triggers');
  expect(await page.locator('#nightly-enabled').isChecked()).toBe(false);
  expect(await page.locator('#nightly-enabled').isEnabled()).toBe(true);
  expect(await page.locator('#nightly-hour').isEnabled()).toBe(true);
});

test('sync now shows the result', async () => {
  const statuses = [
    { meetingId: '85746065432', status: 'OK', message: '' },
    { meetingId: '93211223344', status: 'Zoom disconnected: open the add-on and reconnect', message: '' },
  ];

  sidebar = await openWithList({
    syncNow: [{ hold: true }],
    getSyncState: [value(syncState([BIOLOGY, STAFF]))],
  });
  const page = sidebar.page;

  await page.locator('#sync-now').click();
  await callsWhenCount(sidebar, 'syncNow', 1);

  expect(await page.locator('#sync-now').isDisabled()).toBe(true);

  await sidebar.release(
    'syncNow',
    value(syncNowResult({ meetings: 2, statuses, stoppedEarly: true, state: syncState([{ ...BIOLOGY, status: 'OK', pendingOccurrences: 0 }, STAFF]) })),
  );

  expect(await textWhenContains(page.locator('#sync-result'), 'Synced')).toContain('Synced 2 meetings: 2 occurrences imported, 20 rows added, 3 updated.');
  expect(await page.locator('#sync-result .sync-statuses li').allTextContents()).toEqual([
    'ID 857 4606 5432: OK',
    'ID 932 1122 3344: Zoom disconnected: open the add-on and reconnect',
  ]);
  expect(await page.locator('#sync-result').textContent()).toContain('Stopped early');
  expect(await page.locator('#sync-now').isEnabled()).toBe(true);
  expect(await textWhenContains(page.locator('#tracked-list li').first().locator('.tracked-status'), 'OK')).toBe('Last sync: OK');
  expect(await sidebar.calls('getSyncState')).toHaveLength(1);
});

test('sync now with nothing tracked says so', async () => {
  sidebar = await openWithList({ syncNow: [value(syncNowResult({ meetings: 0, occurrencesImported: 0, rowsAdded: 0, rowsUpdated: 0 }))] });
  const page = sidebar.page;

  await page.locator('#sync-now').click();

  expect(await textWhenContains(page.locator('#sync-result'), 'No tracked')).toBe('No tracked meetings to sync.');
});

test('failed sync now re-enables the button', async () => {
  sidebar = await openWithList({ syncNow: [{ error: "Zoom's daily limit is reached; the next run continues after 00:00 UTC" }] });
  const page = sidebar.page;

  await page.locator('#sync-now').click();

  expect(await textWhenContains(page.locator('#sync-result'), 'daily limit')).toBe("Zoom's daily limit is reached; the next run continues after 00:00 UTC");
  expect(await page.locator('#sync-now').isEnabled()).toBe(true);
});

test('tracked topic markup is shown as text', async () => {
  const topic = `Class ${IMG_INJECTION}`;

  sidebar = await openWithList({ getSyncState: [value(syncState([trackedMeeting({ meetingId: '85746065432', topic, sheetName: `S ${IMG_INJECTION}` })]))] });
  const page = sidebar.page;

  expect(await page.locator('#tracked-list .tracked-topic').textContent()).toBe(topic);
  expect(await page.locator('#tracked-list').textContent()).toContain(`sheet "S ${IMG_INJECTION}"`);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
});
