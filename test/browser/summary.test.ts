/**
 * Roster and summary settings in the sidebar: the saved settings are shown, edits are sent as
 * numbers, a rejected value shows the server's message, and Create roster reports what it did.
 */
import type { Browser } from 'playwright-core';
import { IMG_INJECTION, connectedResponses, summarySettings, value } from './fixtures';
import { callsWhenCount, launchChromium, openSidebar, textWhenContains, type Sidebar, type StubResponse } from './harness';

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

async function openConnected(extra: Record<string, StubResponse[]> = {}): Promise<Sidebar> {
  const opened = await openSidebar(browser, connectedResponses(extra));

  await callsWhenCount(opened, 'getSummarySettings', 1);

  return opened;
}

test('shows the saved settings', async () => {
  sidebar = await openConnected({ getSummarySettings: [value(summarySettings({ lateMinutes: 10, matrixValue: 'percent' }))] });
  const page = sidebar.page;

  await page.waitForFunction(() => (document.getElementById('late-minutes') as HTMLInputElement).value === '10');

  expect(await page.locator('#left-early-minutes').inputValue()).toBe('5');
  expect(await page.locator('#present-threshold').inputValue()).toBe('75');
  expect(await page.locator('#matrix-value').inputValue()).toBe('percent');
});

test('save sends numbers and reports the rebuild', async () => {
  const saved = summarySettings({ lateMinutes: 7, presentThresholdPercent: 80 });

  sidebar = await openConnected({ setSummarySettings: [value({ settings: saved, summary: { sheetName: 'Attendance summary', occurrences: 4 } })] });
  const page = sidebar.page;

  await page.waitForFunction(() => (document.getElementById('late-minutes') as HTMLInputElement).value === '5');
  await page.locator('#late-minutes').fill('7');
  await page.locator('#present-threshold').fill('80');
  await page.locator('#save-summary-settings').click();

  const calls = await callsWhenCount(sidebar, 'setSummarySettings', 1);

  expect(calls[0]?.args).toEqual([{ lateMinutes: 7, leftEarlyMinutes: 5, presentThresholdPercent: 80, matrixValue: 'minutes' }]);
  expect(await textWhenContains(page.locator('#summary-result'), 'Saved')).toBe('Saved. The summary was rebuilt from 4 occurrence(s).');
  expect(await page.locator('#save-summary-settings').isEnabled()).toBe(true);
});

test('a rejected value shows the server message as text', async () => {
  const message = `Late minutes must be a number of minutes from 0 to 240; got "${IMG_INJECTION}"`;

  sidebar = await openConnected({ setSummarySettings: [{ error: message }] });
  const page = sidebar.page;

  await page.locator('#save-summary-settings').click();

  expect(await textWhenContains(page.locator('#summary-result'), 'Late minutes')).toBe(message);
  expect(await page.locator('#summary-result img').count()).toBe(0);
  expect(await page.locator('#summary-result').getAttribute('class')).toBe('error');
});

test('create roster says whether it created the sheet', async () => {
  sidebar = await openConnected({ createRoster: [value({ sheetName: 'Roster', created: true })] });
  const page = sidebar.page;

  await page.locator('#create-roster').click();

  expect(await textWhenContains(page.locator('#summary-result'), 'Roster')).toBe('Created the sheet "Roster": fill in Name, Email and Aliases.');
});
