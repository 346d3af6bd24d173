/**
 * The sidebar's list of recent meetings: details, order, search, Load more and text-only rendering.
 */
import type { Browser } from 'playwright-core';
import { FIRST_PAGE, IMG_INJECTION, SCRIPT_INJECTION, SECOND_PAGE, connectedResponses, meeting, value } from './fixtures';
import { callsWhenCount, launchChromium, openSidebar, settle, textWhenContains, type Sidebar } from './harness';

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

async function openWithList(responses = connectedResponses()): Promise<Sidebar> {
  const opened = await openSidebar(browser, responses);

  await opened.page.locator('#meeting-list li').first().waitFor({ timeout: 3000 });

  return opened;
}

function visibleTopics(page: Sidebar['page']): Promise<string[]> {
  return page.locator('#meeting-list li:visible .meeting-topic').allTextContents();
}

test('list shows topic, time, ID and occurrences', async () => {
  sidebar = await openWithList();
  const page = sidebar.page;
  const first = page.locator('#meeting-list li').first();

  expect(await visibleTopics(page)).toEqual(['Biology 101', 'Staff meeting']);
  expect(await first.locator('.meeting-details').textContent()).toBe('Tue 3 Mar 2026, 09:00 · ID 857 4606 5432 · 5 occurrences');
  expect(await page.locator('#meeting-list li').nth(1).locator('.meeting-details').textContent()).toBe('Sun 1 Mar 2026, 14:00 · ID 932 1122 3344');
  expect(await first.locator('input[type=date]').count()).toBe(1);
  expect(await page.locator('#meeting-list li').nth(1).locator('input[type=date]').count()).toBe(0);
  expect(await page.locator('#meetings-notes').textContent()).toBe('Zoom lists ended scheduled meetings of the last 6 months.');
  expect(await sidebar.calls('listRecentMeetings')).toEqual([{ name: 'listRecentMeetings', args: [null] }]);
});

test('recurring meeting without a count says recurring', async () => {
  sidebar = await openWithList(
    connectedResponses({
      listRecentMeetings: [value({ meetings: [meeting({ id: '85746065432', topic: 'Weekly class', recurring: true })], nextPageToken: null, notes: [] })],
    }),
  );

  expect(await sidebar.page.locator('.meeting-details').first().textContent()).toBe('Mon 2 Mar 2026, 10:00 · ID 857 4606 5432 · recurring');
  expect(await sidebar.page.locator('#load-more').isVisible()).toBe(false);
});

test('load more appends and keeps newest first', async () => {
  sidebar = await openWithList(connectedResponses({ listRecentMeetings: [value(FIRST_PAGE), { hold: true }] }));
  const page = sidebar.page;

  expect(await page.locator('#load-more').isVisible()).toBe(true);

  await page.locator('#load-more').click();
  await callsWhenCount(sidebar, 'listRecentMeetings', 2);

  expect(await page.locator('#load-more').isDisabled()).toBe(true);

  await page.locator('#load-more').click({ force: true });
  await settle(page);

  expect(await sidebar.calls('listRecentMeetings')).toEqual([
    { name: 'listRecentMeetings', args: [null] },
    { name: 'listRecentMeetings', args: ['page-2-token'] },
  ]);

  await sidebar.release('listRecentMeetings', value(SECOND_PAGE));
  await textWhenContains(page.locator('#meeting-list'), 'Chemistry lab');

  expect(await visibleTopics(page)).toEqual(['Biology 101', 'Parents evening', 'Staff meeting', 'Chemistry lab']);
  expect(await page.locator('#load-more').isVisible()).toBe(false);
});

test('failed page shows the error', async () => {
  sidebar = await openSidebar(browser, connectedResponses({ listRecentMeetings: [{ error: 'Zoom did not grant meeting:read: add it to the Zoom app, then reconnect' }] }));

  expect(await textWhenContains(sidebar.page.locator('#meetings-message'), 'did not grant')).toBe(
    'Zoom did not grant meeting:read: add it to the Zoom app, then reconnect',
  );
  expect(await sidebar.page.locator('#meetings-message').getAttribute('class')).toBe('error');
  expect(await (await callsWhenCount(sidebar, 'getSidebarState', 2)).length).toBe(2);
});

test('empty list says so', async () => {
  sidebar = await openSidebar(browser, connectedResponses({ listRecentMeetings: [value({ meetings: [], nextPageToken: null, notes: [] })] }));

  expect(await textWhenContains(sidebar.page.locator('#meetings-message'), 'No ended')).toBe('No ended meetings found.');
});

describe('search', () => {
  test('filters by topic', async () => {
    sidebar = await openWithList();
    const page = sidebar.page;

    await page.locator('#search').fill('biology');

    expect(await visibleTopics(page)).toEqual(['Biology 101']);

    await page.locator('#search').fill('STAFF');

    expect(await visibleTopics(page)).toEqual(['Staff meeting']);

    await page.locator('#search').fill('');

    expect(await visibleTopics(page)).toEqual(['Biology 101', 'Staff meeting']);
  });

  test('filters by ID with or without spaces', async () => {
    sidebar = await openWithList();
    const page = sidebar.page;

    await page.locator('#search').fill('932 1122');

    expect(await visibleTopics(page)).toEqual(['Staff meeting']);

    await page.locator('#search').fill('85746065432');

    expect(await visibleTopics(page)).toEqual(['Biology 101']);
  });

  test('no match says so', async () => {
    sidebar = await openWithList();
    const page = sidebar.page;

    await page.locator('#search').fill('history');

    expect(await visibleTopics(page)).toEqual([]);
    expect(await page.locator('#meetings-message').textContent()).toBe('No loaded meeting matches "history". Load more to search older ones.');
    expect(await sidebar.calls('listRecentMeetings')).toHaveLength(1);
  });

  test('applies to the next page', async () => {
    sidebar = await openWithList();
    const page = sidebar.page;

    await page.locator('#search').fill('lab');
    await page.locator('#load-more').click();
    await textWhenContains(page.locator('#meeting-list'), 'Chemistry lab');

    expect(await visibleTopics(page)).toEqual(['Chemistry lab']);
  });
});

test('topic markup is shown as text', async () => {
  const topics = [`Class ${IMG_INJECTION}`, `Lab ${SCRIPT_INJECTION}`];

  sidebar = await openWithList(
    connectedResponses({
      listRecentMeetings: [
        value({
          meetings: [meeting({ id: '85746065432', topic: topics[0] }), meeting({ id: '93211223344', topic: topics[1], start: '2026-03-01T09:00:00Z' })],
          nextPageToken: null,
          notes: [`Note ${IMG_INJECTION}`],
        }),
      ],
    }),
  );
  const page = sidebar.page;

  expect(await visibleTopics(page)).toEqual(topics);
  expect(await page.locator('#meetings-notes').textContent()).toBe(`Note ${IMG_INJECTION}`);
  expect(await page.locator('img').count()).toBe(0);
  expect(await page.locator('#meeting-list script').count()).toBe(0);
  expect(await page.evaluate(() => window.injected)).toBeUndefined();
  expect(sidebar.otherRequests.filter((url) => !url.includes('add-ons1.css'))).toEqual([]);

  await page.locator('#search').fill('<img');

  expect(await visibleTopics(page)).toEqual([topics[0]]);
});

test('page fits 300 px', async () => {
  sidebar = await openWithList();
  const page = sidebar.page;

  await page.locator('#load-more').click();
  await textWhenContains(page.locator('#meeting-list'), 'Chemistry lab');

  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(300);

  // Set SIDEBAR_SCREENSHOT to a file path to look at the connected sidebar.
  const screenshotPath = process.env.SIDEBAR_SCREENSHOT;

  if (screenshotPath !== undefined && screenshotPath !== '') await page.screenshot({ path: screenshotPath, fullPage: true });
});
