/**
 * Who is one person and how long they attended, from participant records served by the emulator as
 * Zoom returns them. Rejoins and second devices merge as a union of minutes, and waiting-room time
 * counts for nothing while breakout time counts. Guests keep a `name:` row, empty, missing and null
 * emails are alike, and two emails are two people. Masked records are one unmerged `session:` row each.
 */
import { ADMIN, standardSeed } from '../../../local/data/seeds';
import { errorOf, startOffline, type Offline } from '../harness';
import { hostRecord, meetingOf, rowByKey, rowsOf, type ImportResult, type Row, type ZoomRecord } from './fixtures';

const START = '2024-05-06T09:00:00Z';
const END = '2024-05-06T10:00:05Z';
const CLASS_UUID = 'Hq2LmNo5Pq8RsTu1VwXyZw==';

/** Minutes after 09:00 as an ISO time. */
function at(minutes: number): string {
  return new Date(Date.parse(START) + minutes * 60_000).toISOString().replace('.000Z', 'Z');
}

let nextUserId = 16778240;

function record(fields: Omit<ZoomRecord, 'user_id' | 'join_time' | 'leave_time'>, from: number, to: number, extra: Partial<ZoomRecord> = {}): ZoomRecord {
  nextUserId += 1024;

  return { ...fields, user_id: String(nextUserId), join_time: at(from), leave_time: at(to), ...extra };
}

const dana = { id: 'u1Xx', name: 'Dana Q', user_email: 'dana.q@example.org' };
const pat = { id: 'u2Yy', name: 'Pat Lee', user_email: 'pat.lee@example.org' };
const bo = { id: 'u3Zz', name: 'Bo Room', user_email: 'bo.room@example.org' };

const classRecords: ZoomRecord[] = [
  hostRecord(START, END),
  // A rejoin and a phone: 20 + 35 minutes, with the phone's 15 minutes inside the second session.
  { ...dana, user_id: '16778240', join_time: '2024-05-06T09:00:05Z', leave_time: '2024-05-06T09:20:05Z' },
  { ...dana, user_id: '16779264', join_time: '2024-05-06T09:25:05Z', leave_time: '2024-05-06T10:00:05Z' },
  { ...dana, user_id: '16780288', name: 'Dana Q (iPhone)', join_time: '2024-05-06T09:30:00Z', leave_time: '2024-05-06T09:45:00Z' },
  // Disjoint segments: the union equals the sum.
  record(pat, 0, 10),
  record(pat, 20, 30),
  record(pat, 40, 50),
  // One display name, two emails: two people, never merged.
  record({ id: '', name: 'Alex Kim', user_email: 'Alex.Kim@A.example.org' }, 0, 50),
  record({ id: '', name: 'Alex Kim', user_email: 'alex.kim@b.example.org' }, 5, 25),
  // Waiting room, then admitted; and waiting only.
  record({ id: 'u4Ww', name: 'Wes Wait', user_email: 'wes.wait@example.org' }, 0, 10, { status: 'in_waiting_room' }),
  record({ id: 'u4Ww', name: 'Wes Wait', user_email: 'wes.wait@example.org' }, 10, 40),
  record({ id: 'u5Nn', name: 'Nia Never', user_email: 'nia.never@example.org' }, 15, 30, { status: 'in_waiting_room' }),
  // Breakout room time is meeting time.
  record(bo, 0, 20),
  record(bo, 20, 40, { bo_mtg_id: 'BreakoutRoomUuid0000000==' }),
  record(bo, 40, 60),
  // Guests with an empty, a missing and a null email, and a dial-in caller.
  record({ id: '', name: 'Guest A', user_email: '' }, 1, 31),
  record({ id: '', name: 'Guest B' }, 2, 32),
  record({ id: '', name: 'Guest C', user_email: null }, 3, 33),
  { id: '', user_id: '33554432', name: '+33 1 70 36 39 50', user_email: '', join_time: '2024-05-06T09:03:00Z', leave_time: '2024-05-06T09:58:00Z' },
  // Two email-less guests with the same name but different Zoom IDs.
  record({ id: 'SamGuestIdOne000000001', name: 'Sam', user_email: '' }, 0, 10),
  record({ id: 'SamGuestIdTwo000000002', name: 'Sam', user_email: '' }, 30, 45),
  // One guest, written two ways across a rejoin.
  record({ id: '', name: 'Guest Chen', user_email: '' }, 0, 10),
  record({ id: '', name: '  guest   CHEN ', user_email: '' }, 15, 30),
];

/** An account that hides participant identity (HIPAA settings): only the host has a name. */
const MASKED_UUID = 'Mk5xQ2wLrU8sV1nB4mKc9A==';
const maskedRecords: ZoomRecord[] = [
  { id: 'hT5xQ2wLrU8sV1nB4mKc9A', participant_user_id: 'hT5xQ2wLrU8sV1nB4mKc9A', user_id: '16778240', name: 'Riley Host', user_email: 'riley.host@example.edu', join_time: '2024-05-06T08:58:00Z', leave_time: '2024-05-06T10:01:00Z', status: 'in_meeting' },
  { id: '', participant_user_id: '', user_id: '16779264', name: '', user_email: '', join_time: '2024-05-06T09:01:00Z', leave_time: '2024-05-06T09:59:00Z', status: 'in_meeting' },
  { id: '', participant_user_id: '', user_id: '16780288', name: '', user_email: '', join_time: '2024-05-06T09:02:00Z', leave_time: '2024-05-06T09:40:00Z', status: 'in_meeting' },
  { id: '', participant_user_id: '', user_id: '16781312', name: '', user_email: '', join_time: '2024-05-06T09:45:00Z', leave_time: '2024-05-06T10:00:00Z', status: 'in_meeting' },
];

const classMeeting = meetingOf({ id: 85746065432, uuid: CLASS_UUID, startTime: START, endTime: END, records: classRecords });
const maskedMeeting = meetingOf({ id: 86612345678, uuid: MASKED_UUID, startTime: '2024-05-06T08:58:00Z', endTime: '2024-05-06T10:01:00Z', records: maskedRecords });

describe('identity and minutes (past_meetings, teacher)', () => {
  let offline: Offline;
  let summary: ImportResult;
  let rows: Row[];

  beforeAll(async () => {
    offline = await startOffline({ meetings: [classMeeting, maskedMeeting] });
    await offline.connect();
    summary = offline.call<ImportResult>('importAttendance', String(classMeeting.id));
    rows = rowsOf(offline, CLASS_UUID);
  });

  afterAll(async () => {
    await offline.stop();
  });

  test('one row per person', () => {
    expect(rows).toHaveLength(14);
    expect(summary.rowsAdded).toBe(14);
    expect(summary.source).toBe('past_meetings');
  });

  test('rejoin and phone: 55 minutes, not 70', () => {
    const row = rowByKey(rows, 'zoom:u1Xx');

    expect(row['Minutes attended']).toBe(55);
    expect(row.Joins).toBe(3);
    expect(row.Name).toBe('Dana Q');
    expect((row['First join'] as Date).toISOString()).toBe('2024-05-06T09:00:05.000Z');
    expect((row['Last leave'] as Date).toISOString()).toBe('2024-05-06T10:00:05.000Z');
    // 3300 s of a 3605 s occurrence.
    expect(row['Attendance %']).toBe(91.5);
  });

  test('disjoint segments: union equals the sum', () => {
    const row = rowByKey(rows, 'zoom:u2Yy');

    expect(row['Minutes attended']).toBe(30);
    expect(row.Joins).toBe(3);
  });

  test('two emails with one display name stay two rows', () => {
    const first = rowByKey(rows, 'email:alex.kim@a.example.org');
    const second = rowByKey(rows, 'email:alex.kim@b.example.org');

    expect(first.Name).toBe('Alex Kim');
    expect(first['Minutes attended']).toBe(50);
    expect(second.Name).toBe('Alex Kim');
    expect(second['Minutes attended']).toBe(20);
    expect(first.Email).toBe('alex.kim@a.example.org');
  });

  test('waiting room counts for nothing', () => {
    const row = rowByKey(rows, 'zoom:u4Ww');

    expect(row['Minutes attended']).toBe(30);
    expect(row.Joins).toBe(1);
    expect((row['First join'] as Date).toISOString()).toBe('2024-05-06T09:10:00.000Z');
  });

  test('waiting only gives no row and a warning', () => {
    expect(rows.some((row) => row.Name === 'Nia Never')).toBe(false);
    expect(summary.warnings.filter((w) => w.includes('waiting room'))).toHaveLength(1);
    expect(summary.warnings.join('\n')).toContain('1 person in the occurrence of 2024-05-06 10:00 was only in the waiting room');
  });

  test('breakout room time counts', () => {
    const row = rowByKey(rows, 'zoom:u3Zz');

    expect(row['Minutes attended']).toBe(60);
    expect(row.Joins).toBe(3);
    expect(row['Attendance %']).toBe(99.9);
  });

  test.each(['Guest A', 'Guest B', 'Guest C'])('%s is kept with an empty email and a name: key', (name) => {
    const row = rowByKey(rows, `name:${name.toLowerCase()}`);

    expect(row.Email).toBe('');
    expect(row.Name).toBe(name);
    expect(row['Minutes attended']).toBe(30);
  });

  test('no row is keyed by an empty email or an empty name', () => {
    const keys = rows.map((row) => String(row['Participant key']));

    expect(keys.filter((key) => key === 'email:' || key === 'name:' || key === 'zoom:')).toEqual([]);
  });

  test('the dial-in caller is text and keyed by the number', () => {
    const row = rowByKey(rows, 'name:+33 1 70 36 39 50');

    expect(row.Name).toBe('+33 1 70 36 39 50');
    expect(row['Minutes attended']).toBe(55);
  });

  test('two guests named Sam with different IDs stay two rows', () => {
    expect(rowByKey(rows, 'zoom:SamGuestIdOne000000001').Name).toBe('Sam');
    expect(rowByKey(rows, 'zoom:SamGuestIdTwo000000002').Name).toBe('Sam');
  });

  test('a guest name written two ways is one person', () => {
    const row = rowByKey(rows, 'name:guest chen');

    expect(row.Joins).toBe(2);
    expect(row['Minutes attended']).toBe(25);
  });

  describe('masked records', () => {
    let masked: ImportResult;

    beforeAll(() => {
      masked = offline.call<ImportResult>('importAttendance', String(maskedMeeting.id));
    });

    test('four rows, none merged', () => {
      const maskedRows = rowsOf(offline, MASKED_UUID);

      expect(maskedRows).toHaveLength(4);
      expect(maskedRows.map((row) => row['Participant key']).sort()).toEqual([
        'session:16779264',
        'session:16780288',
        'session:16781312',
        'zoom:hT5xQ2wLrU8sV1nB4mKc9A',
      ]);
    });

    test.each(['16779264', '16780288', '16781312'])('session %s has empty name and email, one join', (sessionId) => {
      const row = rowByKey(rowsOf(offline, MASKED_UUID), `session:${sessionId}`);

      expect(row.Name).toBe('');
      expect(row.Email).toBe('');
      expect(row.Joins).toBe(1);
    });

    test('exactly one warning, counting connections and not people', () => {
      expect(masked.warnings).toHaveLength(1);
      expect(masked.warnings[0]).toBe(
        'Zoom returned no names for 3 of 4 connections in the occurrence of 2024-05-06 09:58 ' +
          '(account privacy or HIPAA settings): 1 identified, 3 unidentified connections, listed as session: rows',
      );
      expect(masked.people).toBe(1);
    });

    test('importing again adds no row', () => {
      const before = offline.sheet('Sheet1').values();
      const again = offline.call<ImportResult>('importAttendance', String(maskedMeeting.id));

      expect(again.rowsAdded).toBe(0);
      expect(again.rowsUpdated).toBe(0);
      expect(offline.sheet('Sheet1').values()).toEqual(before);
    });
  });
});

describe('same person from either endpoint', () => {
  const shared: ZoomRecord[] = [
    record({ id: 'SignedInPersonId000001', name: 'Ola Signed', user_email: 'Ola.Signed@example.org' }, 0, 30),
    record({ id: '', name: 'Reg Only', registrant_id: 'RegistrantId123' }, 0, 40),
    record({ id: '', name: 'Mail Only', user_email: 'mail.only@example.org' }, 5, 40),
    record({ id: '', name: 'Name Only', user_email: '' }, 10, 40),
  ];
  const keysFrom = async (role: 'teacher' | 'admin'): Promise<{ keys: string[]; sources: string[] }> => {
    const hostId = role === 'admin' ? ADMIN.id : undefined;
    const meeting = meetingOf({
      id: 87700011122,
      uuid: 'Rp4xQ2wLrU8sV1nB4mKc9A==',
      startTime: START,
      endTime: END,
      records: [hostRecord(START, END), ...shared],
      ...(hostId === undefined ? {} : { hostId }),
    });
    const seed = role === 'admin' ? { consent: { userId: ADMIN.id, decision: 'approve' as const } } : {};
    const offline = await startOffline({ meetings: [meeting], seed: { ...standardSeed([meeting]), ...seed } });

    try {
      await offline.connect();
      offline.call('importAttendance', String(meeting.id));

      const rows = offline.table();

      return { keys: rows.map((row) => String(row['Participant key'])).sort(), sources: [...new Set(rows.map((row) => String(row.Source)))] };
    } finally {
      await offline.stop();
    }
  };

  test('report (admin) and past_meetings (teacher) give the same keys', async () => {
    const admin = await keysFrom('admin');
    const teacher = await keysFrom('teacher');

    expect(admin.sources).toEqual(['report']);
    expect(teacher.sources).toEqual(['past_meetings']);
    expect(admin.keys).toEqual(teacher.keys);
    expect(teacher.keys).toEqual([
      'email:mail.only@example.org',
      'name:name only',
      'registrant:RegistrantId123',
      'zoom:SignedInPersonId000001',
      'zoom:hT5xQ2wLrU8sV1nB4mKc9A',
    ]);
  });

  test('a basic-plan account gets the plan message, not zero attendees', async () => {
    const offline = await startOffline({ meetings: [classMeeting] });

    try {
      await offline.connect();
      // Both participant endpoints return Zoom's plan error (code 200), as on a basic plan.
      await offline.emulator.injectFaults([
        { path: '/participants$', kind: 'response', status: 400, body: { code: 200, message: 'Only available for paid account: aBcDeFgHiJ.' }, times: 4 },
      ]);

      const error = errorOf(() => offline.call('importAttendance', String(classMeeting.id)));

      expect(error.message).toBe('This Zoom plan does not include participant reports');
      expect(offline.sheet('Sheet1').values()).toEqual([['']]);
    } finally {
      await offline.stop();
    }
  });
});
