/**
 * Faults part-way through an import, through the built bundle and the emulator: rate limits,
 * server errors, dropped connections, expired page tokens, transport exceptions and listings longer
 * than one page. A failed import leaves the sheet as it was, and its message tells the user what to
 * do. Running it again completes it with no duplicates. Utilities.sleep advances the shared clock, so the clock measures the backoff.
 */
import { generateLargeMeeting, generateRecurringMeeting } from '../../../local/data/generators';
import type { FaultRule } from '../../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from '../harness';
import type { ImportResult } from './fixtures';

const weekly = generateRecurringMeeting({ occurrences: 3, participants: 5 });
const WEEKLY_ID = String(weekly.id);
/** The third occurrence has an ordinary UUID, so its decoded path is stable. */
const THIRD_UUID = weekly.occurrences[2]!.uuid;
/** Host plus 4 of 5 students in each of the 3 occurrences. */
const WEEKLY_ROWS = 15;
/** 200 people with 2 sessions each plus the host: 401 records, two pages of 300. */
const large = generateLargeMeeting({ participants: 200, sessionsPerParticipant: 2 });
const LARGE_ID = String(large.id);
const NOW = Date.parse('2024-05-08T08:00:00Z');

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const THIRD_PARTICIPANTS = `^/v2/past_meetings/${escapeRegExp(THIRD_UUID)}/participants$`;
const LARGE_PARTICIPANTS = `^/v2/past_meetings/${escapeRegExp(large.occurrences[0]!.uuid)}/participants$`;

let offline: Offline;
let before: unknown[][];

beforeEach(async () => {
  offline = await startOffline({ meetings: [weekly, large], now: NOW });
  await offline.connect();
  // Rows already in the sheet, which a failed import must leave as they are.
  offline.call('importAttendance', WEEKLY_ID, '2024-04-01');
  before = offline.sheet('Sheet1').values();
  await offline.emulator.clearRequests();
});

afterEach(async () => {
  await offline.stop();
});

async function requestsTo(pattern: string): Promise<Array<{ status: number; query: Record<string, string> }>> {
  const regex = new RegExp(pattern);

  return (await offline.emulator.requests()).filter((r) => regex.test(r.path));
}

function sleeps(): number {
  return offline.runtime.world.counters['Utilities.sleep'] ?? 0;
}

/** Imports with the faults in place, checks the message and the untouched sheet, then imports again. */
async function failThenComplete(faults: FaultRule[], message: string | RegExp): Promise<void> {
  await offline.emulator.injectFaults(faults);

  const error = errorOf(() => offline.call('importAttendance', WEEKLY_ID));

  if (typeof message === 'string') expect(error.message).toBe(message);
  else expect(error.message).toMatch(message);

  expect(offline.sheet('Sheet1').values()).toEqual(before);

  await offline.emulator.clearFaults();

  const summary = offline.call<ImportResult>('importAttendance', WEEKLY_ID);
  const keys = offline.table().map((row) => `${String(row['Meeting UUID'])} ${String(row['Participant key'])}`);

  expect(summary.occurrences).toBe(3);
  expect(keys).toHaveLength(WEEKLY_ROWS);
  expect(new Set(keys).size).toBe(WEEKLY_ROWS);
}

describe('a fault part-way leaves the sheet unchanged, and a second run completes', () => {
  test('429 on every retry', async () => {
    await failThenComplete(
      [{ path: THIRD_PARTICIPANTS, kind: 'rate-limit-per-second', times: 5 }],
      `Zoom kept answering "too many requests" for /past_meetings/${encodeURIComponent(THIRD_UUID)}/participants; nothing was changed, try again in a few minutes`,
    );
  });

  test('5xx on every retry', async () => {
    await failThenComplete(
      [{ path: THIRD_PARTICIPANTS, kind: 'server-error', status: 503, times: 4 }],
      'Could not reach Zoom (Zoom answered 503); nothing was changed, try again',
    );
  });

  test('dropped connection on every retry', async () => {
    await failThenComplete(
      [{ path: THIRD_PARTICIPANTS, kind: 'drop-connection', times: 3 }],
      'Could not reach Zoom (Address unavailable); nothing was changed, try again',
    );
    expect((await requestsTo(THIRD_PARTICIPANTS)).map((r) => r.status)).toEqual([0, 0, 0, 200]);
  });

  test('DNS error thrown by UrlFetchApp three times', async () => {
    offline.runtime.world.injectFetchErrors([{ urlPattern: `/past_meetings/${encodeURIComponent(THIRD_UUID)}/participants`, message: 'DNS error', times: 3 }]);

    const error = errorOf(() => offline.call('importAttendance', WEEKLY_ID));

    expect(error.message).toBe('Could not reach Zoom (DNS error); nothing was changed, try again');
    expect(offline.sheet('Sheet1').values()).toEqual(before);
    expect(offline.runtime.world.fetchErrorRules[0]?.times).toBe(0);
    expect(await requestsTo(THIRD_PARTICIPANTS)).toEqual([]);

    offline.call('importAttendance', WEEKLY_ID);

    expect(offline.table()).toHaveLength(WEEKLY_ROWS);
  });

  test('page token expired twice on page 2 of a 401-record occurrence', async () => {
    const largeBefore = offline.sheet('Sheet1').values();

    await offline.emulator.injectFaults([{ path: LARGE_PARTICIPANTS, page: 2, kind: 'page-token-expired', times: 2 }]);

    const error = errorOf(() => offline.call('importAttendance', LARGE_ID));

    expect(error.message).toMatch(/^Zoom's page token expired while reading \/past_meetings\/.+\/participants; nothing was changed, try again$/);
    expect(offline.sheet('Sheet1').values()).toEqual(largeBefore);

    const summary = offline.call<ImportResult>('importAttendance', LARGE_ID);

    expect(summary.rowsAdded).toBe(201);
    expect(offline.table().filter((row) => row['Meeting ID'] === large.id)).toHaveLength(201);
  });
});

describe('recoveries within one run', () => {
  test('one expired page token restarts the listing once and loses nothing', async () => {
    await offline.emulator.injectFaults([{ path: LARGE_PARTICIPANTS, page: 2, kind: 'page-token-expired', times: 1 }]);

    const summary = offline.call<ImportResult>('importAttendance', LARGE_ID);
    const pages = await requestsTo(LARGE_PARTICIPANTS);

    expect(pages.map((r) => [r.status, r.query.next_page_token === undefined ? 1 : 2])).toEqual([
      [200, 1],
      [400, 2],
      [200, 1],
      [200, 2],
    ]);
    expect(summary.rowsAdded).toBe(201);
    expect(summary.warnings).toEqual([]);
  });

  test('more than 300 records are read completely with page_size 300', async () => {
    const summary = offline.call<ImportResult>('importAttendance', LARGE_ID);
    const pages = await requestsTo(LARGE_PARTICIPANTS);

    expect(pages.map((r) => r.query.page_size)).toEqual(['300', '300']);
    expect(pages[0]?.query.next_page_token).toBeUndefined();
    expect(pages[1]?.query.next_page_token).toMatch(/^[A-Za-z0-9]{35}$/);
    expect(summary.rowsAdded).toBe(201);
    expect(offline.table().filter((row) => row['Meeting ID'] === large.id).reduce((sum, row) => sum + Number(row.Joins), 0)).toBe(401);
  });

  test('a connection dropped once is retried after about a second', async () => {
    const startedAt = offline.clock.now();

    await offline.emulator.injectFaults([{ path: THIRD_PARTICIPANTS, kind: 'drop-connection', times: 1 }]);
    offline.call('importAttendance', WEEKLY_ID);

    expect((await requestsTo(THIRD_PARTICIPANTS)).map((r) => r.status)).toEqual([0, 200]);
    expect(sleeps()).toBe(1);
    expect(offline.clock.now() - startedAt).toBeGreaterThanOrEqual(1000);
    expect(offline.table()).toHaveLength(WEEKLY_ROWS);
  });

  test('per-second 429 twice: exponential backoff, then rows written once', async () => {
    const startedAt = offline.clock.now();

    await offline.emulator.injectFaults([{ path: THIRD_PARTICIPANTS, kind: 'rate-limit-per-second', times: 2 }]);
    offline.call('importAttendance', WEEKLY_ID);

    const waited = offline.clock.now() - startedAt;

    expect(await requestsTo(THIRD_PARTICIPANTS)).toHaveLength(3);
    expect(sleeps()).toBe(2);
    // 1 s then 2 s, each with up to 25 % jitter.
    expect(waited).toBeGreaterThanOrEqual(3000);
    expect(waited).toBeLessThanOrEqual(3750);
    expect(offline.table()).toHaveLength(WEEKLY_ROWS);
  });

  test('429 with Retry-After in seconds waits exactly that long', async () => {
    const startedAt = offline.clock.now();

    await offline.emulator.injectFaults([{ path: THIRD_PARTICIPANTS, kind: 'rate-limit-per-second', retryAfterSeconds: 7 }]);
    offline.call('importAttendance', WEEKLY_ID);

    expect(offline.clock.now() - startedAt).toBe(7000);
    expect(offline.table()).toHaveLength(WEEKLY_ROWS);
  });
});

describe('limits that stop at once', () => {
  test('the daily limit: one request, no sleep, the time to continue', async () => {
    await offline.emulator.injectFaults([{ path: THIRD_PARTICIPANTS, kind: 'rate-limit-daily', retryAt: '2024-05-09T00:00:00Z' }]);

    const error = errorOf(() => offline.call('importAttendance', WEEKLY_ID));

    expect(error.message).toBe("Zoom's daily limit is reached; the next run continues after 2024-05-09T00:00:00.000Z");
    expect(await requestsTo(THIRD_PARTICIPANTS)).toHaveLength(1);
    expect(sleeps()).toBe(0);
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });

  test('429 with Retry-After as a date and no limit type', async () => {
    await offline.emulator.injectFaults([
      {
        path: THIRD_PARTICIPANTS,
        kind: 'response',
        status: 429,
        body: { code: 429, message: 'Too many requests.' },
        headers: { 'retry-after': 'Thu, 09 May 2024 00:00:00 GMT' },
      },
    ]);

    const error = errorOf(() => offline.call('importAttendance', WEEKLY_ID));

    expect(error.message).toBe("Zoom's daily limit is reached; the next run continues after 2024-05-09T00:00:00.000Z");
    expect(await requestsTo(THIRD_PARTICIPANTS)).toHaveLength(1);
    expect(sleeps()).toBe(0);
  });

  test("Apps Script's daily UrlFetch quota: one attempt, no retry", () => {
    offline.runtime.world.injectFetchErrors([
      { urlPattern: '/participants', message: 'Service invoked too many times for one day: urlfetch', times: 5 },
    ]);

    const error = errorOf(() => offline.call('importAttendance', WEEKLY_ID));

    expect(error.message).toBe("Apps Script's daily quota of web requests is used up for this Google account; try again tomorrow");
    expect(offline.runtime.world.fetchErrorRules[0]?.times).toBe(4);
    expect(sleeps()).toBe(0);
  });
});
