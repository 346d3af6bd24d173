/**
 * Times through the built bundle. Date values show in the spreadsheet's time zone, also across a
 * daylight-saving change, and meeting length is end minus start in real time. Attendance is capped
 * at 100 %, and an occurrence is picked by its date in the spreadsheet's time zone.
 */
import { DEFAULT_HOST_ID } from '../../../local/data/generators';
import type { EmulatedMeeting } from '../../../local/zoom-emulator';
import { startOffline, type Offline } from '../harness';
import { hostRecord, rowByKey, rowsOf, sessionOf, type ImportResult } from './fixtures';

/** 2024-03-10 01:30 EST to 03:30 EDT in New York: two hours on the wall clock, one hour of real time. */
const DST_UUID = 'Ds7xQ2wLrU8sV1nB4mKc9A==';
const DST_START = '2024-03-10T06:30:00Z';
const DST_END = '2024-03-10T07:30:00Z';
/** 22:30 on 2024-03-09 in New York, 03:30 on 2024-03-10 in UTC. */
const EVENING_UUID = 'Ev7xQ2wLrU8sV1nB4mKc9A==';
const EVENING_START = '2024-03-10T03:30:00Z';
const EVENING_END = '2024-03-10T04:30:00Z';

const meeting: EmulatedMeeting = {
  id: 88811122233,
  kind: 'meeting',
  hostId: DEFAULT_HOST_ID,
  topic: 'Night shift briefing',
  type: 8,
  occurrences: [
    {
      uuid: DST_UUID,
      startTime: DST_START,
      endTime: DST_END,
      sessions: [
        // The host joined 10 minutes early and left 5 minutes late, on two devices at once.
        hostRecord('2024-03-10T06:20:00Z', '2024-03-10T07:35:00Z'),
        { ...hostRecord('2024-03-10T06:25:00Z', '2024-03-10T07:32:00Z', '16800000'), name: 'Riley Host (iPad)' },
        { id: 'HalfHourPersonId000001', user_id: '16778240', name: 'Half Hour', user_email: 'half.hour@example.org', join_time: '2024-03-10T06:45:00Z', leave_time: '2024-03-10T07:15:00Z' },
      ].map(sessionOf),
    },
    {
      uuid: EVENING_UUID,
      startTime: EVENING_START,
      endTime: EVENING_END,
      sessions: [
        hostRecord(EVENING_START, EVENING_END),
        { id: 'HalfHourPersonId000001', user_id: '16778240', name: 'Half Hour', user_email: 'half.hour@example.org', join_time: EVENING_START, leave_time: EVENING_END },
      ].map(sessionOf),
    },
  ],
};

/** Returns the displayed cells of one row by header, as the user sees them. */
function displayed(offline: Offline, uuid: string, key: string): Record<string, string> {
  const [header, ...rows] = offline.sheet('Sheet1').displayValues();
  const names = (header ?? []).map(String);
  const row = rows.find((cells) => cells[names.indexOf('Meeting UUID')] === uuid && cells[names.indexOf('Participant key')] === key);

  if (row === undefined) throw new Error(`No displayed row for ${uuid} ${key}`);

  return Object.fromEntries(names.map((name, i) => [name, row[i] ?? '']));
}

describe('New York spreadsheet across the spring-forward change', () => {
  let offline: Offline;

  beforeAll(async () => {
    offline = await startOffline({ meetings: [meeting], timeZone: 'America/New_York', now: Date.parse('2024-03-11T12:00:00Z') });
    await offline.connect();
    offline.call<ImportResult>('importAttendance', String(meeting.id), '2024-03-10');
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('picking 2024-03-10 in New York picks the 01:30 occurrence only', () => {
    expect(new Set(offline.table().map((row) => row['Meeting UUID']))).toEqual(new Set([DST_UUID]));
  });

  test('meeting start and end show local wall-clock times', () => {
    const cells = displayed(offline, DST_UUID, 'zoom:HalfHourPersonId000001');

    expect(cells['Meeting start']).toBe('2024-03-10 01:30');
    expect(cells['Meeting end']).toBe('2024-03-10 03:30');
    expect(cells['First join']).toBe('2024-03-10 01:45');
    expect(cells['Last leave']).toBe('2024-03-10 03:15');
  });

  test('dates are Date values with a date-time format', () => {
    const row = rowByKey(rowsOf(offline, DST_UUID), 'zoom:HalfHourPersonId000001');
    const header = (offline.sheet('Sheet1').values()[0] ?? []).map(String);
    const firstRow = offline.sheet('Sheet1').numberFormats()[1];
    const formatOf = (name: string): string => String(firstRow?.[header.indexOf(name)]);

    expect(row['Meeting start']).toBeInstanceOf(Date);
    expect((row['Meeting start'] as Date).toISOString()).toBe('2024-03-10T06:30:00.000Z');
    expect(formatOf('Meeting start')).toBe('yyyy-mm-dd hh:mm');
    expect(formatOf('First join')).toBe('yyyy-mm-dd hh:mm');
  });

  test('the meeting is one hour long: 30 minutes is 50 %', () => {
    const row = rowByKey(rowsOf(offline, DST_UUID), 'zoom:HalfHourPersonId000001');

    expect(row['Minutes attended']).toBe(30);
    expect(row['Attendance %']).toBe(50);
  });

  test('attendance is capped at 100 % and minutes at the meeting length', () => {
    const row = rowByKey(rowsOf(offline, DST_UUID), `zoom:${DEFAULT_HOST_ID}`);

    expect(row['Minutes attended']).toBe(60);
    expect(row['Attendance %']).toBe(100);
    expect(row.Joins).toBe(2);
  });

  test('first join and last leave keep the times Zoom recorded', () => {
    const cells = displayed(offline, DST_UUID, `zoom:${DEFAULT_HOST_ID}`);

    expect(cells['First join']).toBe('2024-03-10 01:20');
    expect(cells['Last leave']).toBe('2024-03-10 03:35');
  });

  test('picking 2024-03-09 picks the evening occurrence', () => {
    offline.call<ImportResult>('importAttendance', String(meeting.id), '2024-03-09');

    const cells = displayed(offline, EVENING_UUID, 'zoom:HalfHourPersonId000001');

    expect(cells['Meeting start']).toBe('2024-03-09 22:30');
    expect(cells['Attendance %']).toBe('100.0');
  });
});

describe('the same occurrence in a UTC+14 spreadsheet', () => {
  test('shows and picks by the local date', async () => {
    const offline = await startOffline({ meetings: [meeting], timeZone: 'Pacific/Kiritimati', now: Date.parse('2024-03-11T12:00:00Z') });

    try {
      await offline.connect();

      const summary = offline.call<ImportResult>('importAttendance', String(meeting.id), '2024-03-10');

      expect(summary.occurrences).toBe(2);
      expect(displayed(offline, DST_UUID, 'zoom:HalfHourPersonId000001')['Meeting start']).toBe('2024-03-10 20:30');
      expect(displayed(offline, EVENING_UUID, 'zoom:HalfHourPersonId000001')['Meeting start']).toBe('2024-03-10 17:30');
    } finally {
      await offline.stop();
    }
  });
});
