/**
 * The roster, the "Attendance summary" sheet and its chart through the built bundle: matching by
 * email, alias and exact name, absentees, flags at the thresholds' edges, rebuilds after imports and
 * the nightly run, and webinar registrants who did not attend.
 */
import { generateLargeMeeting } from '../../local/data/generators';
import { addMinutes } from '../../local/data/random';
import { ADMIN } from '../../local/data/seeds';
import type { EmulatedMeeting, EmulatedSession } from '../../local/zoom-emulator';
import { errorOf, startOffline, type Offline } from './harness';

const FIRST_START = '2024-04-29T09:00:00Z';
const SECOND_START = '2024-05-06T09:00:00Z';
/** After both occurrences ended. */
const NOW = Date.parse('2024-05-07T08:00:00Z');
const MEETING_ID = 85746065432;
const FIRST_UUID = 'Fq2LmNo5Pq8RsTu1VwXyZw==';
const SECOND_UUID = 'Sq2LmNo5Pq8RsTu1VwXyZw==';

let sessionCounter = 16778240;

/** Builds one session from minute `from` to minute `to` of the occurrence starting at `start`. */
function session(start: string, name: string, email: string, from: number, to: number): EmulatedSession {
  sessionCounter += 1024;

  return { userId: String(sessionCounter), participantUserId: '', name, email, joinTime: addMinutes(start, from), leaveTime: addMinutes(start, to) };
}

/**
 * Builds a weekly class of two 60-minute occurrences. First: Ada joins at exactly +5 and leaves at exactly
 * -5 (neither late nor early, 50 min = 83.3 %); Ben joins from his personal email (a roster alias)
 * at +5.5, so late; "cleo the phone" (an alias) stays 45 min = exactly 75 %; "  dan   SMITH" (the
 * roster name, other spacing and case) leaves at +44 = 73.3 %; "Sam Lee" fits two roster people;
 * Zed is not on the roster. Second: Ada and Eve for the whole hour.
 */
function weeklyClass(): EmulatedMeeting {
  const host = (start: string): EmulatedSession => session(start, 'Riley Host', 'riley.host@example.edu', 0, 60);

  return {
    id: MEETING_ID,
    kind: 'meeting',
    hostId: 'hT5xQ2wLrU8sV1nB4mKc9A',
    topic: 'Biology 101',
    type: 8,
    occurrences: [
      {
        uuid: FIRST_UUID,
        startTime: FIRST_START,
        endTime: addMinutes(FIRST_START, 60),
        sessions: [
          host(FIRST_START),
          session(FIRST_START, 'Ada Lovelace', 'ada@school.edu', 5, 55),
          session(FIRST_START, 'Ben O', 'ben.personal@gmail.com', 5.5, 60),
          session(FIRST_START, 'cleo the phone', '', 0, 45),
          session(FIRST_START, '  dan   SMITH', '', 0, 44),
          session(FIRST_START, 'Sam Lee', '', 0, 60),
          session(FIRST_START, 'Zed Stranger', 'zed@example.com', 0, 60),
        ],
      },
      {
        uuid: SECOND_UUID,
        startTime: SECOND_START,
        endTime: addMinutes(SECOND_START, 60),
        sessions: [host(SECOND_START), session(SECOND_START, 'Ada Lovelace', 'ada@school.edu', 0, 60), session(SECOND_START, 'Eve Adams', 'eve@school.edu', 0, 60)],
      },
    ],
  };
}

const ROSTER_ROWS = [
  ['Ada Lovelace', 'ada@school.edu', ''],
  ['Ben Okafor', 'ben@school.edu', 'ben.personal@gmail.com; Benny'],
  ['Cleo Park', 'cleo@school.edu', 'Cleo the Phone, CP'],
  ['Dan Smith', 'dan@school.edu', ''],
  ['Sam Lee', 'sam.lee1@school.edu', ''],
  ['Sam Lee', 'sam.lee2@school.edu', ''],
  ['Eve Adams', 'eve@school.edu', ''],
];

const SUMMARY = 'Attendance summary';
const FIRST_LABEL = '2024-04-29 10:00 Biology 101';
const SECOND_LABEL = '2024-05-06 10:00 Biology 101';

type SummaryRow = Record<string, unknown>;

function summaryRows(offline: Offline): SummaryRow[] {
  const values = offline.sheet(SUMMARY).values();
  const header = (values[0] ?? []).map(String);
  const end = values.findIndex((row) => row.every((cell) => cell === ''));

  return values.slice(1, end < 0 ? undefined : end).map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]])));
}

function line(offline: Offline, name: string, kind = 'on roster'): SummaryRow {
  const found = summaryRows(offline).filter((row) => row.Name === name && String(row.Roster).startsWith(kind));

  if (found.length !== 1) throw new Error(`Expected one ${kind} line for ${name}, found ${found.length}`);

  return found[0] as SummaryRow;
}

/** Reads the chart's data table as occurrence label -> people present. */
function chartTable(offline: Offline): Record<string, unknown> {
  const sheet = offline.sheet(SUMMARY);
  const [chart, ...others] = sheet.charts.list();

  expect(others).toEqual([]);

  if (chart === undefined) throw new Error('The summary has no chart');

  const box = chart.ranges[0]?.box;

  if (box === undefined) throw new Error('The chart has no range');

  const values = sheet.values().slice(box.row - 1, box.row - 1 + box.rows).map((row) => row.slice(box.column - 1, box.column - 1 + box.columns));

  expect(values[0]).toEqual(['Occurrence', 'People present']);

  return Object.fromEntries(values.slice(1).map(([label, count]) => [String(label), count]));
}

async function classWithRoster(): Promise<Offline> {
  const offline = await startOffline({ meetings: [weeklyClass()], now: NOW });

  await offline.connect();
  offline.call('createRoster');
  offline.sheet('Roster').typeValues(2, 1, ROSTER_ROWS);

  return offline;
}

describe('roster sheet', () => {
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [] });
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('is created with its header', () => {
    const result = offline.call<{ sheetName: string; created: boolean }>('createRoster');

    expect(result).toEqual({ sheetName: 'Roster', created: true });
    expect(offline.sheet('Roster').values()[0]).toEqual(['Name', 'Email', 'Aliases']);
    expect(offline.sheet('Roster').frozenRows).toBe(1);
  });

  test('a second call keeps what the user typed', () => {
    offline.sheet('Roster').typeValues(2, 1, [['Ada Lovelace', 'ada@school.edu', '']]);

    expect(offline.call('createRoster')).toEqual({ sheetName: 'Roster', created: false });
    expect(offline.sheet('Roster').values()[1]).toEqual(['Ada Lovelace', 'ada@school.edu', '']);
  });

  test('the menu handler creates it too', async () => {
    const other = await startOffline({ meetings: [] });

    try {
      other.call('createRosterFromMenu');

      expect(other.sheet('Roster').values()[0]).toEqual(['Name', 'Email', 'Aliases']);
      expect(other.runtime.world.ui.toasts.at(-1)?.message).toContain('Roster created');
    } finally {
      await other.stop();
    }
  });
});

describe('summary after an import', () => {
  let offline: Offline;

  beforeAll(async () => {
    offline = await classWithRoster();
    offline.call('importAttendance', String(MEETING_ID));
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('the summary does not take the active sheet', () => {
    // The Roster was active at the import, so the table went to its own sheet, which stays active.
    expect(offline.spreadsheet.activeSheet().name).toBe('Zoom attendance');
  });

  test('roster people come first, in roster order', () => {
    const names = summaryRows(offline).map((row) => `${String(row.Roster).split(':')[0]} ${String(row.Name)}`);

    expect(names).toEqual([
      'on roster Ada Lovelace',
      'on roster Ben Okafor',
      'on roster Cleo Park',
      'on roster Dan Smith',
      'on roster Sam Lee',
      'on roster Sam Lee',
      'on roster Eve Adams',
      'unmatched Riley Host',
      'unmatched Sam Lee',
      'unmatched Zed Stranger',
    ]);
  });

  test('matches by email', () => {
    expect(line(offline, 'Ada Lovelace').Roster).toBe('on roster: matched by email');
  });

  test('matches by alias email', () => {
    expect(line(offline, 'Ben Okafor').Roster).toBe('on roster: matched by alias');
    expect(line(offline, 'Ben Okafor')[`${FIRST_LABEL} (min)`]).toBe(54.5);
  });

  test('matches by alias name', () => {
    expect(line(offline, 'Cleo Park').Roster).toBe('on roster: matched by alias');
  });

  test('matches the exact normalised name', () => {
    expect(line(offline, 'Dan Smith').Roster).toBe('on roster: matched by name');
  });

  test('an unknown attendee stays unmatched', () => {
    expect(line(offline, 'Zed Stranger', 'unmatched').Roster).toBe('unmatched: not on the roster');
  });

  test('two roster people with one name are not confused', () => {
    const sams = summaryRows(offline).filter((row) => row.Name === 'Sam Lee' && String(row.Roster).startsWith('on roster'));

    expect(sams.map((row) => row[`${FIRST_LABEL} flags`])).toEqual(['absent', 'absent']);
    expect(line(offline, 'Sam Lee', 'unmatched').Roster).toBe('unmatched: not matched: the name fits 2 roster people (Sam Lee and Sam Lee)');
    expect(line(offline, 'Sam Lee', 'unmatched')[`${FIRST_LABEL} (min)`]).toBe(60);
  });

  test('absentees per occurrence', () => {
    expect(line(offline, 'Eve Adams')[`${FIRST_LABEL} flags`]).toBe('absent');
    expect(line(offline, 'Eve Adams')[`${SECOND_LABEL} flags`]).toBe('present');
    expect(line(offline, 'Ben Okafor')[`${SECOND_LABEL} flags`]).toBe('absent');
    expect(line(offline, 'Ben Okafor').Absent).toBe(1);
  });

  test('unmatched attendees are never absent', () => {
    expect(line(offline, 'Zed Stranger', 'unmatched')[`${SECOND_LABEL} flags`]).toBe('');
    expect(line(offline, 'Zed Stranger', 'unmatched')[`${SECOND_LABEL} (min)`]).toBe('');
  });

  test('exactly 5 minutes is neither late nor early', () => {
    expect(line(offline, 'Ada Lovelace')[`${FIRST_LABEL} flags`]).toBe('present');
    expect(line(offline, 'Ada Lovelace')[`${FIRST_LABEL} (min)`]).toBe(50);
  });

  test('5.5 minutes after the start is late', () => {
    expect(line(offline, 'Ben Okafor')[`${FIRST_LABEL} flags`]).toBe('present, late');
  });

  test('exactly 75 % is present', () => {
    expect(line(offline, 'Cleo Park')[`${FIRST_LABEL} flags`]).toBe('present, left early');
  });

  test('73.3 % is below the threshold', () => {
    expect(line(offline, 'Dan Smith')[`${FIRST_LABEL} flags`]).toBe('below 75 %, left early');
  });

  test('totals count minutes and flags', () => {
    const ada = line(offline, 'Ada Lovelace');

    expect(ada['Total minutes']).toBe(110);
    expect(ada.Present).toBe(2);
    expect(ada.Late).toBe(0);
    expect(ada.Absent).toBe(0);
  });

  test('the chart counts people present', () => {
    // First: Ada, Ben, Cleo, host, unmatched Sam, Zed. Second: Ada, Eve, host.
    expect(chartTable(offline)).toEqual({ [FIRST_LABEL]: 6, [SECOND_LABEL]: 3 });
  });

  test('the chart is a titled column chart', () => {
    const [chart] = offline.sheet(SUMMARY).charts.list();

    expect(chart?.chartType).toBe('COLUMN');
    expect(chart?.options.title).toBe('People present per occurrence');
  });

  test('the attendance table keeps only Zoom’s columns', () => {
    expect(offline.sheet('Zoom attendance').values()[0]).toHaveLength(14);
  });
});

describe('summary rebuilds', () => {
  let offline: Offline;

  beforeEach(async () => {
    offline = await classWithRoster();
    offline.call('importAttendance', String(MEETING_ID));
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('rebuilding twice gives the same sheet', () => {
    const before = { values: offline.sheet(SUMMARY).values(), formats: offline.sheet(SUMMARY).numberFormats(), charts: offline.sheet(SUMMARY).charts.list() };

    offline.call('rebuildAttendanceSummary');
    offline.call('rebuildAttendanceSummary');

    expect(offline.sheet(SUMMARY).values()).toEqual(before.values);
    expect(offline.sheet(SUMMARY).numberFormats()).toEqual(before.formats);
    expect(offline.sheet(SUMMARY).charts.list()).toEqual(before.charts);
  });

  test('writes with a constant number of calls', () => {
    offline.runtime.world.resetCounters();
    offline.call('rebuildAttendanceSummary');

    const counters = offline.runtime.world.counters;

    expect(counters['Range.setValues']).toBe(1);
    expect(counters['Range.setNumberFormats']).toBe(1);
    expect(counters['Range.getValues']).toBe(2);
    expect(counters['Sheet.updateChart']).toBe(1);
    expect(counters['Sheet.insertChart']).toBeUndefined();
  });

  test('a re-import with changed data updates matrix and chart', async () => {
    const [chartBefore] = offline.sheet(SUMMARY).charts.list();

    await offline.emulator.updateOccurrence(MEETING_ID, SECOND_UUID, {
      sessions: [
        session(SECOND_START, 'Riley Host', 'riley.host@example.edu', 0, 60),
        session(SECOND_START, 'Ada Lovelace', 'ada@school.edu', 0, 60),
        session(SECOND_START, 'Eve Adams', 'eve@school.edu', 0, 60),
        session(SECOND_START, 'Ben O', 'ben.personal@gmail.com', 0, 60),
      ],
    });
    offline.call('importAttendance', String(MEETING_ID));

    expect(line(offline, 'Ben Okafor')[`${SECOND_LABEL} flags`]).toBe('present');
    expect(line(offline, 'Ben Okafor').Absent).toBe(0);
    expect(chartTable(offline)).toEqual({ [FIRST_LABEL]: 6, [SECOND_LABEL]: 4 });
    expect(offline.sheet(SUMMARY).charts.list()[0]?.chartId).toBe(chartBefore?.chartId);
  });

  test('a roster edit shows after a rebuild', () => {
    offline.sheet('Roster').typeValues(9, 1, [['Zed Stranger', 'zed@example.com', '']]);
    offline.call('rebuildAttendanceSummary');

    expect(line(offline, 'Zed Stranger').Roster).toBe('on roster: matched by email');
    expect(summaryRows(offline).filter((row) => row.Name === 'Zed Stranger')).toHaveLength(1);
  });
});

describe('summary settings', () => {
  let offline: Offline;

  beforeAll(async () => {
    offline = await classWithRoster();
    offline.call('importAttendance', String(MEETING_ID));
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('defaults', () => {
    expect(offline.call('getSummarySettings')).toEqual({ lateMinutes: 5, leftEarlyMinutes: 5, presentThresholdPercent: 75, matrixValue: 'minutes' });
  });

  test('a bad value is rejected by name', () => {
    const error = errorOf(() => offline.call('setSummarySettings', { lateMinutes: 'ten' }));

    expect(error.message).toBe('Late minutes must be a number of minutes from 0 to 240; got "ten"');
    expect(offline.call('getSummarySettings')).toMatchObject({ lateMinutes: 5 });
  });

  test('a change is stored and rebuilds the summary', () => {
    const result = offline.call<{ settings: { lateMinutes: number; matrixValue: string }; summary: { occurrences: number } }>('setSummarySettings', {
      lateMinutes: 6,
      matrixValue: 'percent',
    });

    expect(result.settings).toMatchObject({ lateMinutes: 6, matrixValue: 'percent' });
    expect(result.summary.occurrences).toBe(2);
    expect(line(offline, 'Ben Okafor')[`${FIRST_LABEL} flags`]).toBe('present');
    expect(line(offline, 'Dan Smith')[`${FIRST_LABEL} (%)`]).toBe(73.3);
    expect(line(offline, 'Ada Lovelace')['Average %']).toBe(91.7);
  });

  test('settings are kept per spreadsheet in user properties', () => {
    const stored = offline.runtime.world.userProperties('riley.host@example.edu').get(`summary.${offline.spreadsheet.id}`);

    expect(JSON.parse(stored ?? '{}')).toMatchObject({ lateMinutes: 6, matrixValue: 'percent' });
  });
});

describe('summary after the nightly run', () => {
  test('shows the occurrence the run imported', async () => {
    const meeting = weeklyClass();
    const offline = await startOffline({ meetings: [meeting], now: NOW });

    try {
      await offline.connect();
      offline.call('createRoster');
      offline.sheet('Roster').typeValues(2, 1, ROSTER_ROWS);
      offline.call('importAttendance', String(MEETING_ID), FIRST_UUID);

      expect(Object.keys(chartTable(offline))).toEqual([FIRST_LABEL]);

      offline.call('trackMeeting', String(MEETING_ID));
      offline.call('setNightlySync', true, 6);

      const trigger = offline.runtime.world.triggers.find((t) => t.handlerFunction === 'runNightlySync');

      if (trigger === undefined) throw new Error('No nightly trigger was created');

      offline.runtime.fireTrigger(trigger.uid);

      expect(chartTable(offline)).toEqual({ [FIRST_LABEL]: 6, [SECOND_LABEL]: 3 });
      expect(line(offline, 'Eve Adams')[`${SECOND_LABEL} flags`]).toBe('present');
    } finally {
      await offline.stop();
    }
  });
});

describe('webinar with absentees', () => {
  const webinar = generateLargeMeeting({ participants: 4, sessionsPerParticipant: 1, kind: 'webinar', absentees: 2, hostId: ADMIN.id });
  const webinarUuid = webinar.occurrences[0]?.uuid ?? '';
  const label = '2024-05-07 16:00 Annual town hall';
  let offline: Offline;

  beforeEach(async () => {
    offline = await startOffline({
      meetings: [webinar],
      now: Date.parse('2024-05-08T08:00:00Z'),
      seed: { consent: { userId: ADMIN.id, decision: 'approve' } },
      userEmail: ADMIN.email,
    });
    await offline.connect();
  });

  afterEach(async () => {
    await offline.stop();
  });

  test('lists registrants absent without a roster', async () => {
    const summary = offline.call<{ rowsAdded: number; warnings: string[] }>('importAttendance', String(webinar.id));

    expect(summary.rowsAdded).toBe(5);
    expect(summary.warnings).toEqual([]);
    expect(await offline.apiRequests()).toContain(`/v2/past_webinars/${webinarUuid}/absentees`);
    expect(offline.sheet('Webinar registrants').values().slice(1).map((row) => [row[1], row[2], row[3]])).toEqual([
      [webinarUuid, 'Absent 1', 'absent1@example.com'],
      [webinarUuid, 'Absent 2', 'absent2@example.com'],
    ]);
    expect(line(offline, 'Absent 1', 'registrant')[`${label} flags`]).toBe('absent');
    expect(line(offline, 'Absent 2', 'registrant').Absent).toBe(1);
    expect(line(offline, 'Participant 1', 'unmatched')[`${label} flags`]).toBe('present, left early');
  });

  test('a roster replaces the registrant list', () => {
    offline.call('createRoster');
    offline.sheet('Roster').typeValues(2, 1, [['Participant 1', 'p1@example.com', ''], ['Absent 1', 'absent1@example.com', '']]);
    offline.call('importAttendance', String(webinar.id));

    expect(line(offline, 'Absent 1')[`${label} flags`]).toBe('absent');
    expect(summaryRows(offline).some((row) => String(row.Roster).startsWith('registrant'))).toBe(false);
  });

  test('re-importing keeps one list', () => {
    offline.call('importAttendance', String(webinar.id));
    offline.call('importAttendance', String(webinar.id));

    expect(offline.sheet('Webinar registrants').values()).toHaveLength(3);
  });
});
