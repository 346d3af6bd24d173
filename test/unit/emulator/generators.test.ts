import { generateClassMeeting, generateLargeMeeting, generateRecurringMeeting } from '../../../local/data/generators';

describe('generateClassMeeting', () => {
  const meeting = generateClassMeeting();
  const occurrence = meeting.occurrences[0];

  it('is deterministic for a seed', () => {
    expect(generateClassMeeting({ seed: 7 })).toEqual(generateClassMeeting({ seed: 7 }));
  });

  it('changes IDs but not times with the seed', () => {
    const other = generateClassMeeting({ seed: 8 });

    expect(other.occurrences[0].uuid).not.toBe(occurrence.uuid);
    expect(other.occurrences[0].sessions.map((s) => s.joinTime)).toEqual(occurrence.sessions.map((s) => s.joinTime));
  });

  it('has 20 session records', () => {
    expect(occurrence.sessions).toHaveLength(20);
  });

  it('has the waiting-room and breakout cases', () => {
    const waiting = occurrence.sessions.filter((s) => s.status === 'in_waiting_room').map((s) => s.name);

    expect(waiting.sort()).toEqual(['Dana Quinn', 'Eli Park', 'Fay Never']);
    expect(occurrence.sessions.filter((s) => s.breakoutRoomId !== undefined).map((s) => s.name)).toEqual(['Gus Ivanov']);
  });

  it('has guests without email or user ID', () => {
    const guests = occurrence.sessions.filter((s) => s.participantUserId === '');

    expect(guests.map((s) => s.name).sort()).toEqual(['+44 20 7946 0000', 'Guest Chen']);
    expect(guests.every((s) => s.email === '')).toBe(true);
  });

  it('gives Dana two overlapping devices', () => {
    const dana = occurrence.sessions.filter((s) => s.email === 'dana.quinn@example.edu' && s.status === 'in_meeting');

    expect(dana.map((s) => [s.name, s.joinTime, s.leaveTime])).toEqual([
      ['Dana Quinn', '2024-05-06T09:10:00Z', '2024-05-06T09:40:00Z'],
      ['Dana Quinn (iPhone)', '2024-05-06T09:30:00Z', '2024-05-06T10:00:00Z'],
    ]);
  });

  it('uses a new per-session ID for every session', () => {
    expect(new Set(occurrence.sessions.map((s) => s.userId)).size).toBe(20);
  });
});

describe('generateRecurringMeeting', () => {
  const meeting = generateRecurringMeeting({ occurrences: 4, participants: 10 });

  it('places the slash UUIDs', () => {
    expect(meeting.occurrences[0].uuid.startsWith('/')).toBe(true);
    expect(meeting.occurrences[1].uuid.includes('//')).toBe(true);
    expect(meeting.occurrences[2].uuid.startsWith('/')).toBe(false);
    expect(meeting.occurrences[3].uuid.includes('//')).toBe(false);
  });

  it('has 24-character UUIDs', () => {
    expect(meeting.occurrences.every((o) => o.uuid.length === 24)).toBe(true);
  });

  it('skips students where (i + k) % 5 is 4', () => {
    // Occurrence 0 skips i = 4 and 9: 8 students plus the host.
    expect(meeting.occurrences[0].sessions).toHaveLength(9);
    expect(meeting.occurrences[0].sessions.map((s) => s.name)).not.toContain('Student 5');
  });

  it('runs weekly', () => {
    expect(meeting.occurrences.map((o) => o.startTime)).toEqual([
      '2024-04-01T14:00:00Z',
      '2024-04-08T14:00:00Z',
      '2024-04-15T14:00:00Z',
      '2024-04-22T14:00:00Z',
    ]);
  });
});

describe('generateLargeMeeting', () => {
  it.each([300, 3000])('has %i participants times sessions plus the host', (participants) => {
    const meeting = generateLargeMeeting({ participants, sessionsPerParticipant: 3 });

    expect(meeting.occurrences[0].sessions).toHaveLength(participants * 3 + 1);
  });

  it('makes every tenth person a guest', () => {
    const sessions = generateLargeMeeting({ participants: 20, sessionsPerParticipant: 1 }).occurrences[0].sessions;
    const guests = sessions.filter((s) => s.email === '').map((s) => s.name);

    expect(guests).toEqual(['Participant 10', 'Participant 20']);
  });

  it('keeps each session inside its slot', () => {
    const sessions = generateLargeMeeting({ participants: 5, sessionsPerParticipant: 4 }).occurrences[0].sessions;
    const person5 = sessions.filter((s) => s.name === 'Participant 5');

    // Slots are 30 minutes; person index 4 joins 4 tenths in (12 min) and leaves 3 minutes early.
    expect(person5.map((s) => [s.joinTime, s.leaveTime])[1]).toEqual(['2024-05-07T15:42:00Z', '2024-05-07T15:57:00Z']);
  });

  it('lists absentees of a webinar', () => {
    const webinar = generateLargeMeeting({ participants: 3, sessionsPerParticipant: 1, kind: 'webinar', absentees: 2 });

    expect(webinar.type).toBe(5);
    expect(webinar.registrationRequired).toBe(true);
    expect(webinar.occurrences[0].absentees?.map((a) => a.email)).toEqual(['absent1@example.com', 'absent2@example.com']);
  });
});
