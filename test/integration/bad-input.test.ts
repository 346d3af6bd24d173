/**
 * The bad-input sweep: malformed user input to every server function that takes some, and malformed
 * Zoom answers crafted with the emulator's `response` fault. Each must end in an error that names
 * the problem, or in a safe row, never in a crash (a TypeError or ReferenceError reaching the user)
 * or a damaged sheet: the sheet is snapshotted before each case and checked after it.
 */
import { generateClassMeeting } from '../../local/data/generators';
import { startOffline, type Offline } from './harness';

const classMeeting = generateClassMeeting();
const meetingId = String(classMeeting.id);
const occurrence = classMeeting.occurrences[0];

if (occurrence === undefined) throw new Error('generateClassMeeting returned no occurrence');

const START = occurrence.startTime;
const PARTICIPANTS_PATH = '^/v2/past_meetings/.+/participants$';
/** Sheets keeps at most 50,000 characters in a cell. */
const SHEETS_CELL_LIMIT_CHARACTERS = 50_000;
const HEADER_COLUMNS = 14;

/** Messages of JavaScript mistakes, as opposed to errors the add-on raised on purpose. */
const CRASH = /TypeError|ReferenceError|RangeError|SyntaxError|is not a function|Cannot read propert|undefined is not|of undefined|of null/;

type Outcome = { ok: true; result: unknown } | { ok: false; name: string; message: string };

function attempt(offline: Offline, functionName: string, args: unknown[]): Outcome {
  try {
    return { ok: true, result: offline.call(functionName, ...args) };
  } catch (error) {
    const { name, message } = error as Error;

    return { ok: false, name, message };
  }
}

/** Checks that an outcome is a clear error or a success, and that no JavaScript mistake reached the user. */
function expectNoCrash(outcome: Outcome): void {
  if (outcome.ok) return;

  expect(outcome.name).not.toMatch(CRASH);
  expect(outcome.message).not.toMatch(CRASH);
  expect(outcome.message.trim().length).toBeGreaterThan(10);
}

/** Checks that the attendance table is whole: one header, full rows, unique keys, sane numbers and text. */
function expectSoundTable(offline: Offline): void {
  const values = offline.sheet('Sheet1').values();

  // An empty sheet reads as one empty cell.
  if (values.flat().every((value) => value === '')) return;

  expect(values[0]).toHaveLength(HEADER_COLUMNS);

  const rows = offline.table();
  const keys = rows.map((row) => `${String(row['Meeting UUID'])} ${String(row['Participant key'])}`);

  expect(new Set(keys).size).toBe(keys.length);

  for (const row of rows) {
    const minutes = row['Minutes attended'];
    const percent = row['Attendance %'];

    expect(typeof minutes).toBe('number');
    expect(Number.isFinite(minutes)).toBe(true);
    expect(minutes as number).toBeGreaterThanOrEqual(0);
    expect(percent as number).toBeGreaterThanOrEqual(0);
    expect(percent as number).toBeLessThanOrEqual(100);
    expect(String(row.Name).length).toBeLessThanOrEqual(SHEETS_CELL_LIMIT_CHARACTERS);
  }

  expect(offline.sheet('Sheet1').formulas().flat().filter((formula) => formula !== '')).toEqual([]);
}

let offline: Offline;

beforeAll(async () => {
  offline = await startOffline({ meetings: [classMeeting] });
  await offline.connect();
});

afterAll(async () => {
  await offline.stop();
});

describe('malformed user input', () => {
  const LONG = '9'.repeat(10_000);
  const cases: Array<[string, string, unknown[]]> = [
    ['import: empty ID', 'importAttendance', ['']],
    ['import: blanks', 'importAttendance', ['   ']],
    ['import: letters in the ID', 'importAttendance', ['12ab']],
    ['import: too few digits', 'importAttendance', ['123']],
    ['import: too many digits', 'importAttendance', ['1234567890123456789012']],
    ['import: 10,000 digits', 'importAttendance', [LONG]],
    ['import: formula', 'importAttendance', ['=IMPORTXML("https://example.com","//a")']],
    ['import: script URL', 'importAttendance', ['javascript:alert(1)']],
    ['import: join URL of another host', 'importAttendance', [`https://zoom.example.com/j/${meetingId}`]],
    ['import: join URL without an ID', 'importAttendance', ['https://us02web.zoom.us/j/']],
    ['import: join URL with letters', 'importAttendance', ['https://us02web.zoom.us/j/abc']],
    ['import: malformed UUID', 'importAttendance', ['abc==']],
    ['import: slashes only', 'importAttendance', ['////']],
    ['import: UUID Zoom does not know', 'importAttendance', ['AAAAAAAAAAAAAAAAAAAAAA==']],
    ['import: null', 'importAttendance', [null]],
    ['import: number', 'importAttendance', [Number(meetingId)]],
    ['import: object', 'importAttendance', [{ id: meetingId }]],
    ['import: array', 'importAttendance', [[meetingId]]],
    ['occurrence: impossible date', 'importAttendance', [meetingId, '2024-13-45']],
    ['occurrence: words', 'importAttendance', [meetingId, 'yesterday']],
    ['occurrence: date without a meeting', 'importAttendance', [meetingId, '2024-05-01']],
    ['occurrence: unknown UUID', 'importAttendance', [meetingId, 'BBBBBBBBBBBBBBBBBBBBBB==']],
    ['occurrence: number', 'importAttendance', [meetingId, 20240506]],
    ['nightly: hour 24', 'setNightlySync', [true, 24]],
    ['nightly: hour -1', 'setNightlySync', [true, -1]],
    ['nightly: hour 6.5', 'setNightlySync', [true, 6.5]],
    ['nightly: hour NaN', 'setNightlySync', [true, Number.NaN]],
    ['nightly: hour null', 'setNightlySync', [true, null]],
    ['nightly: hour as text', 'setNightlySync', [true, 'six']],
    ['nightly: flag as text', 'setNightlySync', ['yes', 6]],
    ['nightly: flag null', 'setNightlySync', [null, 6]],
    ['track: empty', 'trackMeeting', ['']],
    ['track: letters', 'trackMeeting', ['12ab']],
    ['track: null', 'trackMeeting', [null]],
    ['track: 10,000 digits', 'trackMeeting', [LONG]],
    ['track: unknown meeting', 'trackMeeting', ['99999999999']],
    ['untrack: never tracked', 'untrackMeeting', ['99999999999']],
    ['untrack: empty', 'untrackMeeting', ['']],
    ['untrack: null', 'untrackMeeting', [null]],
    ['recent meetings: page token object', 'listRecentMeetings', [{ token: 'x' }]],
    ['recent meetings: page token Zoom does not know', 'listRecentMeetings', ['not-a-page-token']],
  ];

  test.each(cases)('%s', (_name, functionName, args) => {
    const before = offline.sheet('Sheet1').values();
    const triggersBefore = offline.runtime.world.triggers.length;
    const outcome = attempt(offline, functionName, args);

    expectNoCrash(outcome);

    if (!outcome.ok) {
      expect(offline.sheet('Sheet1').values()).toEqual(before);
      expect(offline.runtime.world.triggers).toHaveLength(triggersBefore);
    }

    expectSoundTable(offline);
  });

  test('rejected hours create no trigger', () => {
    const triggers = offline.runtime.world.triggers.filter((trigger) => trigger.handlerFunction === 'runNightlySync');

    expect(triggers.every((trigger) => trigger.atHour !== null && Number.isInteger(trigger.atHour) && trigger.atHour >= 0 && trigger.atHour <= 23)).toBe(true);
  });
});

/** Builds one participant record of /past_meetings/{uuid}/participants, with Zoom's field names. */
function participant(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'PaTdOe0000000000000000',
    user_id: '16778240',
    name: 'Pat Doe',
    user_email: 'pat.doe@example.edu',
    join_time: START,
    leave_time: new Date(Date.parse(START) + 30 * 60_000).toISOString().replace('.000', ''),
    duration: 1800,
    registrant_id: '',
    failover: false,
    status: 'in_meeting',
    internal_user: false,
    ...overrides,
  };
}

function page(participants: unknown, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    page_count: 1,
    page_size: 300,
    total_records: Array.isArray(participants) ? participants.length : 0,
    next_page_token: '',
    participants,
    ...extra,
  };
}

describe('malformed Zoom responses', () => {
  const payloads: Array<[string, unknown]> = [
    ['participants missing', { page_size: 300, total_records: 0, next_page_token: '' }],
    ['participants null', page(null)],
    ['participants a string', page('none')],
    ['body an array', [participant()]],
    ['body a string', 'oops'],
    ['body null', null],
    ['record null', page([null, participant()])],
    ['record a number', page([42, participant()])],
    ['name null', page([participant({ name: null })])],
    ['name a number', page([participant({ name: 12345 })])],
    ['name empty', page([participant({ name: '', user_email: '', id: '' })])],
    ['name 60,000 characters', page([participant({ name: 'N'.repeat(60_000) })])],
    ['name a formula', page([participant({ name: '=HYPERLINK("https://example.com","x")' })])],
    ['email a number', page([participant({ user_email: 7 })])],
    ['email null', page([participant({ user_email: null })])],
    ['join time null', page([participant({ join_time: null })])],
    ['join time not a date', page([participant({ join_time: 'soon' })])],
    ['leave time missing', page([participant({ leave_time: undefined })])],
    ['leave before join', page([participant({ leave_time: START, join_time: new Date(Date.parse(START) + 600_000).toISOString() })])],
    ['duration a string', page([participant({ duration: 'long' })])],
    ['duration negative', page([participant({ duration: -60 })])],
    ['status unknown', page([participant({ status: 'teleported' })])],
    ['total_records a string', page([participant()], { total_records: 'many' })],
    ['next_page_token a number', page([participant()], { next_page_token: 7 })],
    ['duplicated page', page([participant(), participant()], { total_records: 1 })],
  ];

  afterEach(async () => {
    await offline.emulator.clearFaults();
  });

  test.each(payloads)('%s', async (_name, body) => {
    const before = offline.sheet('Sheet1').values();

    await offline.emulator.injectFaults([{ path: PARTICIPANTS_PATH, kind: 'response', status: 200, body, times: 5 }]);

    const outcome = attempt(offline, 'importAttendance', [meetingId]);

    expectNoCrash(outcome);

    if (!outcome.ok) expect(offline.sheet('Sheet1').values()).toEqual(before);

    expectSoundTable(offline);
  });

  test('a record sent twice counts as one join', async () => {
    await offline.emulator.injectFaults([
      { path: PARTICIPANTS_PATH, kind: 'response', status: 200, body: page([participant({ name: 'Twice Sent' }), participant({ name: 'Twice Sent' })]), times: 5 },
    ]);

    const outcome = attempt(offline, 'importAttendance', [meetingId]);
    const row = offline.table().find((candidate) => candidate.Name === 'Twice Sent');

    expect(outcome.ok).toBe(true);
    expect(row?.Joins).toBe(1);
    expect(row?.['Minutes attended']).toBe(30);
    expect((outcome.ok ? (outcome.result as { warnings: string[] }).warnings : []).join('\n')).toMatch(/sent 1 participant records of .* twice; the copies were left out/);
  });

  test('a page that repeats its own token stops', async () => {
    const before = offline.sheet('Sheet1').values();

    await offline.emulator.injectFaults([
      { path: PARTICIPANTS_PATH, kind: 'response', status: 200, body: page([participant()], { next_page_token: 'same', total_records: 600 }), times: 20 },
    ]);

    const outcome = attempt(offline, 'importAttendance', [meetingId]);

    expect(outcome.ok).toBe(false);
    expectNoCrash(outcome);
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });
});

describe('meetings Zoom reports oddly', () => {
  test('a zero-length meeting gives a clear error or safe rows', async () => {
    await offline.emulator.updateOccurrence(classMeeting.id, occurrence.uuid, { endTime: occurrence.startTime });

    const before = offline.sheet('Sheet1').values();
    const outcome = attempt(offline, 'importAttendance', [meetingId]);

    expectNoCrash(outcome);

    if (!outcome.ok) expect(offline.sheet('Sheet1').values()).toEqual(before);

    expectSoundTable(offline);
  });

  test('a meeting still running is pending, not empty', async () => {
    await offline.emulator.updateOccurrence(classMeeting.id, occurrence.uuid, { endTime: null });

    const before = offline.sheet('Sheet1').values();
    const outcome = attempt(offline, 'importAttendance', [meetingId]);

    expectNoCrash(outcome);
    expect(offline.sheet('Sheet1').values()).toEqual(before);
  });
});
