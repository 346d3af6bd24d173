/**
 * Imports from the sidebar: arguments, the progress line while importAttendance runs, the guard
 * against a second import, and the result summary or error.
 */
import type { Browser } from 'playwright-core';
import { IMG_INJECTION, SCRIPT_INJECTION, connectedResponses, progress, summary, syncState, trackedMeeting, value } from './fixtures';
import { callsWhenCount, launchChromium, openSidebar, settle, textWhenContains, type Sidebar, type StubResponse } from './harness';

const POLL_INTERVAL_MILLISECONDS = 1000;

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

async function openWithList(extra: Record<string, StubResponse[]> = {}, clockTime?: Date): Promise<Sidebar> {
  const opened = await openSidebar(browser, connectedResponses(extra), clockTime === undefined ? {} : { clockTime });

  await opened.page.locator('#meeting-list li').first().waitFor({ timeout: 3000 });

  return opened;
}

async function importButtonStates(page: Sidebar['page']): Promise<boolean[]> {
  return page.locator('.import-button').evaluateAll((buttons) => buttons.map((button) => (button as HTMLButtonElement).disabled));
}

test('progress line follows the polled progress', async () => {
  sidebar = await openWithList(
    { importAttendance: [{ hold: true }], getImportProgress: [value(progress(1, 5)), value(progress(2, 5))] },
    new Date('2026-03-04T10:00:00Z'),
  );
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await callsWhenCount(sidebar, 'importAttendance', 1);

  expect(await page.locator('#progress').textContent()).toBe('Importing...');
  expect(await importButtonStates(page)).toEqual([true, true, true]);

  await page.clock.runFor(POLL_INTERVAL_MILLISECONDS);
  await settle(page);

  expect(await page.locator('#progress').textContent()).toBe('Fetching occurrence 1 of 5...');

  await page.clock.runFor(POLL_INTERVAL_MILLISECONDS);
  await settle(page);

  expect(await page.locator('#progress').textContent()).toBe('Fetching occurrence 2 of 5...');
  expect(await sidebar.calls('getImportProgress')).toHaveLength(2);

  await sidebar.release('importAttendance', value(summary()));
  await settle(page);

  expect(await page.locator('#progress').isVisible()).toBe(false);
  expect(await importButtonStates(page)).toEqual([false, false, false]);

  await page.clock.runFor(3 * POLL_INTERVAL_MILLISECONDS);
  await settle(page);

  expect(await sidebar.calls('getImportProgress')).toHaveLength(2);
});

test('second click starts no second import', async () => {
  sidebar = await openWithList({ importAttendance: [{ hold: true }], getImportProgress: [value(progress(1, 1))] });
  const page = sidebar.page;
  const first = page.locator('#meeting-list li').first().locator('.import-button');

  await first.dblclick();
  await callsWhenCount(sidebar, 'importAttendance', 1);
  await page.locator('#meeting-list li').nth(1).locator('.import-button').click({ force: true });
  await page.locator('#manual-input').fill('93211223344');
  await page.locator('#manual-import').click({ force: true });
  // A click that reaches the handler despite the disabled button must be ignored too.
  await page.evaluate(() => document.getElementById('manual-import')?.dispatchEvent(new MouseEvent('click')));
  await page.locator('#manual-import').evaluate((button) => {
    (button as HTMLButtonElement).disabled = false;
    (button as HTMLButtonElement).click();
  });
  await settle(page);

  expect(await sidebar.calls('importAttendance')).toEqual([{ name: 'importAttendance', args: ['85746065432', '', false] }]);
  expect(await sidebar.heldCount('importAttendance')).toBe(1);
});

test('summary lists people, rows, pending and warnings', async () => {
  sidebar = await openWithList({ importAttendance: [value(summary())] });
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await textWhenContains(page.locator('#result'), 'Imported');

  expect(await page.locator('#result .result-title').textContent()).toBe('Imported "Biology 101" into the sheet "Zoom attendance".');
  expect(await page.locator('#result .result-facts > li').allTextContents()).toEqual([
    'People: 57',
    'Occurrences imported: 4',
    'Rows added: 50',
    'Rows updated: 7',
    expect.stringContaining('Pending occurrences: 1'),
  ]);
  expect(await page.locator('#result .pending li').allTextContents()).toEqual([
    expect.stringMatching(/2026.*: Pending: Zoom has not finished the report; try again in an hour$/),
  ]);
  expect(await page.locator('#result .warnings li').allTextContents()).toEqual(['3 people waited in the waiting room and were never admitted.']);
  expect(await page.locator('#result').isVisible()).toBe(true);
});

test('show the table link activates the sheet', async () => {
  sidebar = await openWithList({ importAttendance: [value(summary({ sheetId: 42 }))], showTable: [value(null)] });
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await textWhenContains(page.locator('#result'), 'Imported');
  await page.locator('#result .show-table').click();

  const calls = await callsWhenCount(sidebar, 'showTable', 1);

  expect(calls[0]?.args).toEqual([42]);
});

test('listed recurring meeting sends its date', async () => {
  sidebar = await openWithList({ importAttendance: [value(summary({ pending: [], warnings: [] }))] });
  const page = sidebar.page;
  const item = page.locator('#meeting-list li').first();

  await item.locator('input[type=date]').fill('2026-03-03');
  await item.locator('.import-button').click();

  expect(await callsWhenCount(sidebar, 'importAttendance', 1)).toEqual([{ name: 'importAttendance', args: ['85746065432', '2026-03-03', false] }]);
  expect(await textWhenContains(page.locator('#result'), 'Imported')).toContain('Imported "Biology 101"');
  expect(await page.locator('#result .pending').count()).toBe(0);
  expect(await page.locator('#result .warnings').count()).toBe(0);
});

test('manual import sends input, date and sync flag', async () => {
  const tracked = syncState([trackedMeeting({ meetingId: '81234567890', topic: 'Chemistry lab' })]);

  sidebar = await openWithList({
    importAttendance: [value(summary({ meetingId: '81234567890', topic: 'Chemistry lab' }))],
    getSyncState: [value(syncState()), value(tracked)],
  });
  const page = sidebar.page;

  await page.locator('#manual-input').fill('  https://us02web.zoom.us/j/81234567890?pwd=abc  ');
  await page.locator('#manual-date').fill('2026-02-20');
  await page.locator('#manual-keep-in-sync').check();
  await page.locator('#manual-import').click();

  expect(await callsWhenCount(sidebar, 'importAttendance', 1)).toEqual([
    { name: 'importAttendance', args: ['https://us02web.zoom.us/j/81234567890?pwd=abc', '2026-02-20', true] },
  ]);
  expect(await textWhenContains(page.locator('#tracked-list'), 'Chemistry lab')).toContain('Chemistry lab');
  expect(await sidebar.calls('getSyncState')).toHaveLength(2);
});

test('empty manual input asks for a meeting', async () => {
  sidebar = await openWithList();
  const page = sidebar.page;

  await page.locator('#manual-import').click();

  expect(await textWhenContains(page.locator('#result'), 'Enter a Zoom meeting ID')).toBe('Enter a Zoom meeting ID, a join link or an occurrence UUID.');
  expect(await sidebar.calls('importAttendance')).toEqual([]);
  expect(await page.locator('#manual-import').isEnabled()).toBe(true);
});

test('failed import shows the message', async () => {
  const message = 'Zoom keeps reports for about a year; this meeting is older';

  sidebar = await openWithList({ importAttendance: [{ error: message }], getImportProgress: [value(progress(1, 1))] });
  const page = sidebar.page;

  await page.locator('#meeting-list li').nth(1).locator('.import-button').click();

  expect(await textWhenContains(page.locator('#result'), 'Zoom keeps')).toBe(message);
  expect(await page.locator('#result').getAttribute('class')).toBe('result error');
  expect(await page.locator('#progress').isVisible()).toBe(false);
  expect(await importButtonStates(page)).toEqual([false, false, false]);
  expect(await (await callsWhenCount(sidebar, 'getSidebarState', 2)).length).toBe(2);
});

test('summary markup is shown as text', async () => {
  const topic = `Class ${IMG_INJECTION}`;
  const sheetName = `Sheet ${SCRIPT_INJECTION}`;

  sidebar = await openWithList({
    importAttendance: [value(summary({ topic, sheetName, warnings: [`Guest ${IMG_INJECTION} has no email`] }))],
  });
  const page = sidebar.page;

  await page.locator('#meeting-list li').first().locator('.import-button').click();
  await textWhenContains(page.locator('#result'), 'Imported');

  expect(await page.locator('#result .result-title').textContent()).toBe(`Imported "${topic}" into the sheet "${sheetName}".`);
  expect(await page.locator('#result .warnings li').allTextContents()).toEqual([`Guest ${IMG_INJECTION} has no email`]);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('#result script').count()).toBe(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
});
