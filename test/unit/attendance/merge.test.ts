import { mergeSessions } from '../../../src/attendance/merge';
import type { JoinSession } from '../../../src/attendance/types';
import { unionLength } from '../../../src/attendance/intervals';

const at = (time: string): number => Date.parse(`2024-05-06T${time}Z`);

function session(partial: Partial<JoinSession> & { join: string; leave: string }): JoinSession {
  const { join, leave, ...rest } = partial;

  return {
    zoomUserId: '',
    sessionId: '',
    name: '',
    email: '',
    registrantId: '',
    inWaitingRoom: false,
    joinMilliseconds: at(join),
    leaveMilliseconds: at(leave),
    ...rest,
  };
}

const hour = { startMilliseconds: at('09:00:00'), endMilliseconds: at('10:00:00') };

describe('unionLength()', () => {
  test('counts overlapping intervals once', () => {
    expect(unionLength([{ start: 0, end: 10 }, { start: 5, end: 15 }, { start: 20, end: 25 }])).toBe(20);
  });

  test('equals the sum for disjoint intervals', () => {
    expect(unionLength([{ start: 0, end: 10 }, { start: 10, end: 15 }])).toBe(15);
  });

  test('ignores empty and inverted intervals', () => {
    expect(unionLength([{ start: 5, end: 5 }, { start: 9, end: 3 }])).toBe(0);
  });
});

describe('mergeSessions()', () => {
  test('worked example: waiting room, laptop and phone', () => {
    const person = { zoomUserId: 'u1', name: 'Ada', email: 'ada@example.org' };
    const result = mergeSessions(
      [
        session({ ...person, join: '09:00:00', leave: '09:10:00', inWaitingRoom: true }),
        session({ ...person, join: '09:10:00', leave: '09:40:00' }),
        session({ ...person, join: '09:30:00', leave: '10:00:00' }),
      ],
      hour,
    );

    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toEqual({
      participantKey: 'zoom:u1',
      name: 'Ada',
      email: 'ada@example.org',
      firstJoinMilliseconds: at('09:10:00'),
      lastLeaveMilliseconds: at('10:00:00'),
      minutesAttended: 50,
      attendancePercent: 83.3,
      joins: 2,
    });
  });

  test('rejoin and second device: union not sum', () => {
    const dana = { zoomUserId: 'u1Xx', email: 'dana.q@example.org' };
    const result = mergeSessions(
      [
        session({ ...dana, sessionId: '16778240', name: 'Dana Q', join: '09:00:05', leave: '09:20:05' }),
        session({ ...dana, sessionId: '16779264', name: 'Dana Q', join: '09:25:05', leave: '10:00:05' }),
        session({ ...dana, sessionId: '16780288', name: 'Dana Q (iPhone)', join: '09:30:00', leave: '09:45:00' }),
      ],
      { startMilliseconds: at('09:00:00'), endMilliseconds: at('10:30:00') },
    );
    const [dana1] = result.people;

    expect(result.people).toHaveLength(1);
    expect(dana1?.minutesAttended).toBe(55);
    expect(dana1?.joins).toBe(3);
    expect(dana1?.name).toBe('Dana Q');
    expect(dana1?.firstJoinMilliseconds).toBe(at('09:00:05'));
    expect(dana1?.lastLeaveMilliseconds).toBe(at('10:00:05'));
  });

  test('same display name with different emails stays two people', () => {
    const result = mergeSessions(
      [
        session({ name: 'Sam Lee', email: 'sam1@example.org', join: '09:00:00', leave: '09:30:00' }),
        session({ name: 'Sam Lee', email: 'sam2@example.org', join: '09:00:00', leave: '09:30:00' }),
      ],
      hour,
    );

    expect(result.people.map((p) => p.participantKey)).toEqual(['email:sam1@example.org', 'email:sam2@example.org']);
  });

  test('guests without email are keyed by normalised name', () => {
    const result = mergeSessions(
      [
        session({ name: '  Guest   One ', join: '09:00:00', leave: '09:10:00' }),
        session({ name: 'guest one', join: '09:20:00', leave: '09:30:00' }),
        session({ name: '+33 1 70 36 39 50', join: '09:03:00', leave: '09:58:00' }),
        session({ name: 'Other Guest', join: '09:05:00', leave: '09:06:00' }),
      ],
      hour,
    );

    expect(result.people).toHaveLength(3);
    expect(result.people.find((p) => p.participantKey === 'name:guest one')?.joins).toBe(2);
    expect(result.people.find((p) => p.participantKey === 'name:+33 1 70 36 39 50')?.minutesAttended).toBe(55);
    expect(result.people.every((p) => p.email === '')).toBe(true);
  });

  test('hidden records are never merged', () => {
    const result = mergeSessions(
      [
        session({ zoomUserId: 'hT5x', name: 'Riley Host', email: 'riley.host@example.edu', join: '08:58:00', leave: '10:01:00' }),
        session({ sessionId: '16779264', join: '09:01:00', leave: '09:59:00' }),
        session({ sessionId: '16780288', join: '09:02:00', leave: '09:40:00' }),
        session({ sessionId: '16781312', join: '09:45:00', leave: '10:00:00' }),
      ],
      hour,
    );

    expect(result.people).toHaveLength(4);
    expect(result.unidentifiedSessions).toBe(3);
    expect(result.people.filter((p) => p.participantKey.startsWith('session:')).map((p) => p.joins)).toEqual([1, 1, 1]);
    expect(result.people.map((p) => p.participantKey)).toContain('session:16779264');
  });

  test('a person who only waited gets no row and is counted', () => {
    const result = mergeSessions(
      [
        session({ name: 'Waiter', join: '09:00:00', leave: '09:50:00', inWaitingRoom: true }),
        session({ name: 'Admitted', join: '09:00:00', leave: '09:50:00' }),
      ],
      hour,
    );

    expect(result.people.map((p) => p.name)).toEqual(['Admitted']);
    expect(result.waitingRoomOnly).toBe(1);
  });

  test('sessions are clipped to the occurrence and the percentage capped', () => {
    const result = mergeSessions(
      [session({ name: 'Early', join: '08:30:00', leave: '10:30:00' })],
      hour,
    );

    expect(result.people[0]?.minutesAttended).toBe(60);
    expect(result.people[0]?.attendancePercent).toBe(100);
    expect(result.people[0]?.firstJoinMilliseconds).toBe(at('08:30:00'));
  });

  test('a session wholly outside the occurrence counts for nothing', () => {
    const result = mergeSessions(
      [
        session({ name: 'Late', join: '10:05:00', leave: '10:20:00' }),
        session({ name: 'Late', join: '09:50:00', leave: '10:00:00' }),
      ],
      hour,
    );

    expect(result.people[0]?.joins).toBe(1);
    expect(result.people[0]?.lastLeaveMilliseconds).toBe(at('10:00:00'));
    expect(result.sessionsOutsideOccurrence).toBe(1);
  });

  test('percentage is computed from exact lengths, not rounded minutes', () => {
    // 20 s short of 10 minutes: 9.666... minutes shows 9.7, and 16.111...% shows 16.1.
    const result = mergeSessions([session({ name: 'A', join: '09:00:00', leave: '09:09:40' })], hour);

    expect(result.people[0]?.minutesAttended).toBe(9.7);
    expect(result.people[0]?.attendancePercent).toBe(16.1);
  });

  test('email-only session joins the signed-in person with that email', () => {
    const result = mergeSessions(
      [
        session({ zoomUserId: 'u9', name: 'Kim', email: 'kim@example.org', join: '09:00:00', leave: '09:20:00' }),
        session({ name: 'Kim phone', email: 'KIM@example.org', join: '09:30:00', leave: '09:40:00' }),
      ],
      hour,
    );

    expect(result.people).toHaveLength(1);
    expect(result.people[0]?.participantKey).toBe('zoom:u9');
    expect(result.people[0]?.minutesAttended).toBe(30);
  });

  test('hidden records sharing a session ID stay apart', () => {
    const result = mergeSessions(
      [
        session({ sessionId: '16779264', join: '09:01:00', leave: '09:40:00' }),
        session({ sessionId: '16779264', join: '09:45:00', leave: '09:59:00' }),
        session({ join: '09:10:00', leave: '09:20:00' }),
        session({ join: '09:10:00', leave: '09:30:00' }),
      ],
      hour,
    );

    expect(result.people.map((p) => p.participantKey).sort()).toEqual([
      'session:16779264',
      'session:16779264#2',
      `session:${at('09:10:00')}`,
      `session:${at('09:10:00')}#2`,
    ]);
    expect(result.people.map((p) => p.joins)).toEqual([1, 1, 1, 1]);
    expect(result.unidentifiedSessions).toBe(4);
  });

  test('rounds half up where binary floating point falls short', () => {
    // 261 s of an hour is 7.25 %, which computes as 7.249999999999999.
    const result = mergeSessions([session({ name: 'A', join: '09:00:00', leave: '09:04:21' })], hour);

    expect(result.people[0]?.minutesAttended).toBe(4.4);
    expect(result.people[0]?.attendancePercent).toBe(7.3);
  });
});
