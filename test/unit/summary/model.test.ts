/**
 * The summary's lines and cells: roster people first with their absences, unmatched attendees
 * after, webinar registrants only when the roster is empty.
 */
import { DEFAULT_SUMMARY_SETTINGS, type AttendanceFact, type RosterPerson } from '../../../src/summary/matching';
import { buildSummary } from '../../../src/summary/model';

const WEEK = 7 * 24 * 3600 * 1000;
const FIRST_START = Date.parse('2024-05-06T09:00:00Z');

function row(occurrence: number, name: string, email: string, percent = 100): AttendanceFact {
  const start = FIRST_START + occurrence * WEEK;

  return {
    meetingId: '92233720368',
    meetingUuid: `uuid-${occurrence}`,
    topic: 'Seminar',
    meetingStart: start,
    meetingEnd: start + 3_600_000,
    name,
    email,
    firstJoin: start,
    lastLeave: start + 3_600_000,
    minutesAttended: (60 * percent) / 100,
    attendancePercent: percent,
    participantKey: email === '' ? `name:${name.toLowerCase()}` : `email:${email}`,
    source: 'past_meetings',
  };
}

const ROSTER: RosterPerson[] = [
  { name: 'Ada Lovelace', email: 'ada@school.edu', aliases: [] },
  { name: 'Sam Lee', email: 'sam1@school.edu', aliases: [] },
  { name: 'Sam Lee', email: 'sam2@school.edu', aliases: [] },
  { name: 'Eve Absent', email: 'eve@school.edu', aliases: [] },
];

describe('buildSummary with a roster', () => {
  // Given out of order: occurrences are sorted by start.
  const rows = [row(1, 'Ada Lovelace', 'ada@school.edu', 50), row(0, 'Ada Lovelace', 'ada@school.edu'), row(0, 'Sam Lee', ''), row(0, 'Zed', 'zed@x.com')];
  const summary = buildSummary({ roster: ROSTER, rows, absentees: [{ meetingUuid: 'uuid-0', name: 'Reg', email: 'reg@x.com' }], settings: DEFAULT_SUMMARY_SETTINGS });

  test('occurrences in start order', () => {
    expect(summary.occurrences.map((o) => o.meetingUuid)).toEqual(['uuid-0', 'uuid-1']);
  });

  test('roster first, then unmatched', () => {
    expect(summary.lines.map((line) => `${line.kind} ${line.name}`)).toEqual([
      'roster Ada Lovelace',
      'roster Sam Lee',
      'roster Sam Lee',
      'roster Eve Absent',
      'unmatched Sam Lee',
      'unmatched Zed',
    ]);
  });

  test('roster people without a row are absent', () => {
    expect(summary.lines[3]?.cells.map((cell) => cell.state)).toEqual(['absent', 'absent']);
    expect(summary.lines[0]?.cells.map((cell) => cell.state)).toEqual(['attended', 'attended']);
  });

  test('same-name attendee stays unmatched', () => {
    expect(summary.lines[1]?.cells[0]?.state).toBe('absent');
    expect(summary.lines[2]?.cells[0]?.state).toBe('absent');
    expect(summary.lines[4]?.note).toBe('not matched: the name fits 2 roster people (Sam Lee and Sam Lee)');
  });

  test('unmatched attendees have no absences', () => {
    expect(summary.lines[5]?.cells.map((cell) => cell.state)).toEqual(['attended', 'none']);
  });

  test('registrants are left out', () => {
    expect(summary.lines.some((line) => line.kind === 'registrant')).toBe(false);
  });

  test('counts people present per occurrence', () => {
    expect(summary.presentPerOccurrence).toEqual([3, 0]);
  });

  test('notes how a person was matched', () => {
    expect(summary.lines[0]?.note).toBe('matched by email');
    expect(summary.lines[3]?.note).toBe('no attendance');
  });
});

describe('buildSummary without a roster', () => {
  const rows = [row(0, 'Ada', 'ada@x.com'), row(1, 'Bo', 'bo@x.com')];
  const summary = buildSummary({
    roster: [],
    rows,
    absentees: [
      { meetingUuid: 'uuid-1', name: 'Ada', email: 'ADA@x.com' },
      { meetingUuid: 'uuid-1', name: 'Cy Reg', email: 'cy@x.com' },
    ],
    settings: DEFAULT_SUMMARY_SETTINGS,
  });

  test('lists absent registrants', () => {
    expect(summary.lines.map((line) => `${line.kind} ${line.name}`)).toEqual(['unmatched Ada', 'unmatched Bo', 'registrant Cy Reg']);
  });

  test('an attendee registered elsewhere is absent there', () => {
    expect(summary.lines[0]?.cells.map((cell) => cell.state)).toEqual(['attended', 'absent']);
  });

  test('a registrant is absent only where listed', () => {
    expect(summary.lines[2]?.cells.map((cell) => cell.state)).toEqual(['none', 'absent']);
  });
});
