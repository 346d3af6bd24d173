/**
 * Roster matching and per-occurrence flags, on plain data.
 */
import {
  DEFAULT_SUMMARY_SETTINGS,
  describeFlags,
  flagOccurrence,
  indexRoster,
  matchAttendee,
  normalizeName,
  parseAliases,
  type AttendanceFact,
  type RosterPerson,
} from '../../../src/summary/matching';

const START = Date.parse('2024-05-06T09:00:00Z');
const END = Date.parse('2024-05-06T10:00:00Z');
const MINUTE = 60_000;

const ROSTER: RosterPerson[] = [
  { name: 'Ada Lovelace', email: 'ada@school.edu', aliases: [] },
  { name: 'Ben Okafor', email: 'ben@school.edu', aliases: ['ben.personal@gmail.com', 'Benny O'] },
  { name: 'Sam Lee', email: 'sam.lee1@school.edu', aliases: [] },
  { name: 'Sam Lee', email: 'sam.lee2@school.edu', aliases: [] },
  { name: 'Cleo Park', email: '', aliases: ['CP'] },
  { name: 'Dee Twin', email: '', aliases: ['shared phone'] },
  { name: 'Dee Other', email: '', aliases: ['Shared Phone'] },
];

const index = indexRoster(ROSTER);

function fact(overrides: Partial<AttendanceFact>): AttendanceFact {
  return {
    meetingId: '85746065432',
    meetingUuid: 'uuid-1',
    topic: 'Biology',
    meetingStart: START,
    meetingEnd: END,
    name: 'Someone',
    email: '',
    firstJoin: START,
    lastLeave: END,
    minutesAttended: 60,
    attendancePercent: 100,
    participantKey: 'name:someone',
    source: 'past_meetings',
    ...overrides,
  };
}

describe('normalizeName', () => {
  test('trims, folds case and collapses spaces', () => {
    expect(normalizeName('  Ada   LOVELACE ')).toBe('ada lovelace');
  });

  test('keeps punctuation', () => {
    expect(normalizeName('Ada Lovelace.')).toBe('ada lovelace.');
  });
});

describe('parseAliases', () => {
  test('splits on commas and semicolons', () => {
    expect(parseAliases('Benny O, ben@x.com;  B.O. ;')).toEqual(['Benny O', 'ben@x.com', 'B.O.']);
  });

  test('empty cell gives no alias', () => {
    expect(parseAliases('  ')).toEqual([]);
  });
});

describe('matchAttendee', () => {
  test('matches by email, ignoring case', () => {
    expect(matchAttendee(index, { name: 'A. L.', email: 'ADA@School.edu' })).toEqual({ kind: 'matched', personIndex: 0, by: 'email' });
  });

  test('email wins over another person’s name', () => {
    expect(matchAttendee(index, { name: 'Cleo Park', email: 'ada@school.edu' })).toEqual({ kind: 'matched', personIndex: 0, by: 'email' });
  });

  test('matches an alias email', () => {
    expect(matchAttendee(index, { name: 'BO', email: 'ben.personal@gmail.com' })).toEqual({ kind: 'matched', personIndex: 1, by: 'alias' });
  });

  test('matches an alias display name', () => {
    expect(matchAttendee(index, { name: '  benny   o ', email: '' })).toEqual({ kind: 'matched', personIndex: 1, by: 'alias' });
  });

  test('matches the exact normalised name', () => {
    expect(matchAttendee(index, { name: 'ada  LOVELACE', email: 'ada.home@gmail.com' })).toEqual({ kind: 'matched', personIndex: 0, by: 'name' });
  });

  test('never matches a near name', () => {
    expect(matchAttendee(index, { name: 'Ada Lovelac', email: '' })).toEqual({ kind: 'unmatched' });
  });

  test('unknown attendee stays unmatched', () => {
    expect(matchAttendee(index, { name: 'Zed Stranger', email: 'zed@example.com' })).toEqual({ kind: 'unmatched' });
  });

  test('same name twice is ambiguous', () => {
    expect(matchAttendee(index, { name: 'Sam Lee', email: '' })).toEqual({ kind: 'ambiguous', personIndexes: [2, 3], by: 'name' });
  });

  test('same-name person matched by email', () => {
    expect(matchAttendee(index, { name: 'Sam Lee', email: 'sam.lee2@school.edu' })).toEqual({ kind: 'matched', personIndex: 3, by: 'email' });
  });

  test('alias shared by two people is ambiguous', () => {
    expect(matchAttendee(index, { name: 'shared phone', email: '' })).toEqual({ kind: 'ambiguous', personIndexes: [5, 6], by: 'alias' });
  });

  test('an empty name and email match nobody', () => {
    expect(matchAttendee(indexRoster([{ name: '', email: '', aliases: [] }]), { name: '', email: '' })).toEqual({ kind: 'unmatched' });
  });
});

describe('flagOccurrence', () => {
  const settings = DEFAULT_SUMMARY_SETTINGS;

  test('joining exactly 5 minutes late is not late', () => {
    expect(flagOccurrence([fact({ firstJoin: START + 5 * MINUTE })], settings).late).toBe(false);
  });

  test('joining 5 minutes 1 second late is late', () => {
    expect(flagOccurrence([fact({ firstJoin: START + 5 * MINUTE + 1000 })], settings).late).toBe(true);
  });

  test('leaving exactly 5 minutes early is not early', () => {
    expect(flagOccurrence([fact({ lastLeave: END - 5 * MINUTE })], settings).leftEarly).toBe(false);
  });

  test('leaving 5 minutes 1 second early is early', () => {
    expect(flagOccurrence([fact({ lastLeave: END - 5 * MINUTE - 1000 })], settings).leftEarly).toBe(true);
  });

  test('exactly the threshold is present', () => {
    expect(flagOccurrence([fact({ attendancePercent: 75 })], settings).present).toBe(true);
  });

  test('just below the threshold is not present', () => {
    expect(flagOccurrence([fact({ attendancePercent: 74.9 })], settings).present).toBe(false);
  });

  test('thresholds come from the settings', () => {
    const strict = { ...settings, lateMinutes: 0, presentThresholdPercent: 95 };
    const cell = flagOccurrence([fact({ firstJoin: START + 1000, attendancePercent: 90 })], strict);

    expect(cell.late).toBe(true);
    expect(cell.present).toBe(false);
  });

  test('no rows is absent', () => {
    expect(flagOccurrence([], settings).state).toBe('absent');
  });

  test('two rows add up, capped', () => {
    const cell = flagOccurrence(
      [
        fact({ firstJoin: START + 10 * MINUTE, lastLeave: START + 40 * MINUTE, minutesAttended: 30, attendancePercent: 50 }),
        fact({ firstJoin: START + 30 * MINUTE, lastLeave: END, minutesAttended: 30.5, attendancePercent: 50.8 }),
      ],
      settings,
    );

    expect(cell.minutes).toBe(60);
    expect(cell.percent).toBe(100);
    expect(cell.late).toBe(true);
    expect(cell.leftEarly).toBe(false);
  });
});

describe('describeFlags', () => {
  const settings = DEFAULT_SUMMARY_SETTINGS;

  test('absent', () => {
    expect(describeFlags(flagOccurrence([], settings), settings)).toBe('absent');
  });

  test('present, late and left early', () => {
    const cell = flagOccurrence([fact({ firstJoin: START + 6 * MINUTE, lastLeave: END - 6 * MINUTE, attendancePercent: 80 })], settings);

    expect(describeFlags(cell, settings)).toBe('present, late, left early');
  });

  test('below the threshold names it', () => {
    expect(describeFlags(flagOccurrence([fact({ attendancePercent: 40 })], settings), settings)).toBe('below 75 %');
  });
});
