// Generators of realistic emulated meetings. Each is pure and deterministic: the seed only changes
// UUIDs and user IDs, never times, names or counts, so tests can compute expected numbers by hand
// from the description above each generator.
import type { EmulatedMeeting, EmulatedOccurrence, EmulatedSession } from '../zoom-emulator/model';
import { addMinutes, createRandom, randomMeetingUuid, randomUserId } from './random';

export const DEFAULT_HOST_ID = 'hT5xQ2wLrU8sV1nB4mKc9A';
export const DEFAULT_HOST_NAME = 'Riley Host';
export const DEFAULT_HOST_EMAIL = 'riley.host@example.edu';

/** Zoom numbers per-session participant IDs in steps of 1024, e.g. '16778240', '16779264'. */
function sessionIdCounter(): () => string {
  let next = 16778240;

  return () => {
    const id = String(next);

    next += 1024;

    return id;
  };
}

interface HostOptions {
  seed?: number;
  meetingId?: number;
  hostId?: string;
  topic?: string;
}

type PersonSpec = {
  name: string;
  email: string;
  signedIn: boolean;
  /** [start minute, end minute, kind] relative to the occurrence start. */
  sessions: Array<[number, number, 'meeting' | 'waiting' | 'breakout', string?]>;
};

/**
 * Generates a class: one 60-minute occurrence from `startTime` (default 2024-05-06T09:00:00Z) to +60 min.
 * Minutes below are offsets from the start; 14 people, 20 session records:
 *
 * | Person              | Email                   | Signed in | Sessions                                    |
 * |---------------------|-------------------------|-----------|---------------------------------------------|
 * | Riley Host (host)   | riley.host@example.edu  | yes       | 0-60                                        |
 * | Ada Lovelace        | Ada.Lovelace@Example.edu| yes       | 0.5-60                                      |
 * | Ben Okafor          | ben.okafor@example.edu  | yes       | 1-20, 25-60 (left and rejoined)             |
 * | Guest Chen          | (empty)                 | no        | 2-55 (guest without email)                  |
 * | Dana Quinn          | dana.quinn@example.edu  | yes       | waiting 0-10, laptop 10-40, "Dana Quinn (iPhone)" 30-60 |
 * | Eli Park            | eli.park@example.edu    | yes       | waiting 0-5, then 5-60                      |
 * | Fay Never           | fay.never@example.edu   | yes       | waiting 15-30 only, never admitted          |
 * | +44 20 7946 0000    | (empty)                 | no        | 3-58 (dial-in caller)                       |
 * | Gus Ivanov          | gus.ivanov@example.edu  | yes       | 0.75-30, breakout room 30-50, 50-60         |
 * | Hana Sato           | hana.sato@example.edu   | yes       | 4-60                                        |
 * | Ivan Petrov         | ivan.petrov@example.edu | yes       | 20-60 (late)                                |
 * | Jo Müller           | jo.muller@example.edu   | yes       | 0-35 (left early)                           |
 * | Kai Nakamura        | kai.nakamura@example.edu| yes       | 1-60                                        |
 * | Lee Kim             | lee.kim@example.edu     | yes       | 2-59                                        |
 *
 * Dana Quinn is the worked example of the attendance table: first join +10, last leave +60,
 * 50.0 minutes attended, 83.3 %, 2 joins. Admitted people: 13 (Fay Never only waited). Waiting-room
 * records have status `in_waiting_room`; the breakout session has `bo_mtg_id`. Guests and the dial-in
 * caller have participant_user_id ''.
 */
export function generateClassMeeting(options: HostOptions & { startTime?: string; uuid?: string } = {}): EmulatedMeeting {
  const random = createRandom(options.seed ?? 1);
  const start = options.startTime ?? '2024-05-06T09:00:00Z';
  const hostId = options.hostId ?? DEFAULT_HOST_ID;
  const breakoutRoomId = randomMeetingUuid(random);
  const people: PersonSpec[] = [
    { name: DEFAULT_HOST_NAME, email: DEFAULT_HOST_EMAIL, signedIn: true, sessions: [[0, 60, 'meeting']] },
    { name: 'Ada Lovelace', email: 'Ada.Lovelace@Example.edu', signedIn: true, sessions: [[0.5, 60, 'meeting']] },
    { name: 'Ben Okafor', email: 'ben.okafor@example.edu', signedIn: true, sessions: [[1, 20, 'meeting'], [25, 60, 'meeting']] },
    { name: 'Guest Chen', email: '', signedIn: false, sessions: [[2, 55, 'meeting']] },
    {
      name: 'Dana Quinn',
      email: 'dana.quinn@example.edu',
      signedIn: true,
      sessions: [[0, 10, 'waiting'], [10, 40, 'meeting'], [30, 60, 'meeting', 'Dana Quinn (iPhone)']],
    },
    { name: 'Eli Park', email: 'eli.park@example.edu', signedIn: true, sessions: [[0, 5, 'waiting'], [5, 60, 'meeting']] },
    { name: 'Fay Never', email: 'fay.never@example.edu', signedIn: true, sessions: [[15, 30, 'waiting']] },
    { name: '+44 20 7946 0000', email: '', signedIn: false, sessions: [[3, 58, 'meeting']] },
    {
      name: 'Gus Ivanov',
      email: 'gus.ivanov@example.edu',
      signedIn: true,
      sessions: [[0.75, 30, 'meeting'], [30, 50, 'breakout'], [50, 60, 'meeting']],
    },
    { name: 'Hana Sato', email: 'hana.sato@example.edu', signedIn: true, sessions: [[4, 60, 'meeting']] },
    { name: 'Ivan Petrov', email: 'ivan.petrov@example.edu', signedIn: true, sessions: [[20, 60, 'meeting']] },
    { name: 'Jo Müller', email: 'jo.muller@example.edu', signedIn: true, sessions: [[0, 35, 'meeting']] },
    { name: 'Kai Nakamura', email: 'kai.nakamura@example.edu', signedIn: true, sessions: [[1, 60, 'meeting']] },
    { name: 'Lee Kim', email: 'lee.kim@example.edu', signedIn: true, sessions: [[2, 59, 'meeting']] },
  ];
  const nextSessionId = sessionIdCounter();
  const sessions: EmulatedSession[] = [];

  for (const [index, person] of people.entries()) {
    let universalId = person.signedIn ? randomUserId(random) : '';

    if (index === 0) universalId = hostId;

    for (const [from, to, kind, deviceName] of person.sessions) {
      const session: EmulatedSession = {
        userId: nextSessionId(),
        participantUserId: universalId,
        name: deviceName ?? person.name,
        email: person.email,
        joinTime: addMinutes(start, from),
        leaveTime: addMinutes(start, to),
        status: kind === 'waiting' ? 'in_waiting_room' : 'in_meeting',
        internalUser: person.email.toLowerCase().endsWith('@example.edu'),
      };

      if (kind === 'breakout') session.breakoutRoomId = breakoutRoomId;

      sessions.push(session);
    }
  }

  sessions.sort((a, b) => Date.parse(a.joinTime) - Date.parse(b.joinTime));

  return {
    id: options.meetingId ?? 85746065432,
    kind: 'meeting',
    hostId,
    topic: options.topic ?? 'Biology 101 - Section A',
    type: 2,
    occurrences: [{ uuid: options.uuid ?? randomMeetingUuid(random), startTime: start, endTime: addMinutes(start, 60), sessions }],
  };
}

/**
 * Generates a weekly recurring meeting (type 8): `occurrences` occurrences of 60 minutes, 7 days apart from
 * `firstStart` (default 2024-04-01T14:00:00Z). The first occurrence's UUID starts with '/', the second's
 * contains '//'; the others are ordinary UUIDs.
 *
 * Occurrence k (0-based) has the host (signed in, 0-60 min) plus student i (0-based, i < participants,
 * named `Student <i+1>`, email `student<i+1>@example.edu`, signed in) unless (i + k) % 5 === 4.
 * Each present student has one session from minute (i % 10) to minute 60 - ((7 * i + k) % 15).
 */
export function generateRecurringMeeting(
  options: HostOptions & { occurrences: number; participants: number; firstStart?: string },
): EmulatedMeeting {
  const random = createRandom(options.seed ?? 2);
  const hostId = options.hostId ?? DEFAULT_HOST_ID;
  const firstStart = options.firstStart ?? '2024-04-01T14:00:00Z';
  const studentIds = Array.from({ length: options.participants }, () => randomUserId(random));
  const occurrences: EmulatedOccurrence[] = [];

  for (let k = 0; k < options.occurrences; k += 1) {
    const start = addMinutes(firstStart, k * 7 * 24 * 60);
    const nextSessionId = sessionIdCounter();
    const sessions: EmulatedSession[] = [
      { userId: nextSessionId(), participantUserId: hostId, name: DEFAULT_HOST_NAME, email: DEFAULT_HOST_EMAIL, joinTime: start, leaveTime: addMinutes(start, 60) },
    ];

    for (let i = 0; i < options.participants; i += 1) {
      if ((i + k) % 5 === 4) continue;

      sessions.push({
        userId: nextSessionId(),
        participantUserId: studentIds[i],
        name: `Student ${i + 1}`,
        email: `student${i + 1}@example.edu`,
        joinTime: addMinutes(start, i % 10),
        leaveTime: addMinutes(start, 60 - ((7 * i + k) % 15)),
      });
    }

    occurrences.push({ uuid: recurringUuid(random, k), startTime: start, endTime: addMinutes(start, 60), sessions });
  }

  return { id: options.meetingId ?? 92233720368, kind: 'meeting', hostId, topic: options.topic ?? 'Weekly seminar', type: 8, occurrences };
}

/** UUIDs for the recurring meeting: occurrence 0 starts with '/', occurrence 1 contains '//'. */
function recurringUuid(random: () => number, index: number): string {
  const uuid = randomMeetingUuid(random);

  if (index === 0) return `/${uuid.slice(1)}`;

  if (index === 1) return `${uuid.slice(0, 5)}//${uuid.slice(7)}`;

  return uuid;
}

/**
 * Generates a large meeting or webinar: one 120-minute occurrence from `startTime` (default
 * 2024-05-07T15:00:00Z) with the host (signed in, 0-120 min) plus `participants` people, each with
 * `sessionsPerParticipant` sessions, so it has participants * sessionsPerParticipant + 1 records.
 *
 * Person i (0-based) is `Participant <i+1>`. Every 10th person (i % 10 === 9) is a guest with an empty
 * email and no user ID. The others have `p<i+1>@example.com` and a user ID. The window is cut into
 * equal slots, one per session. Session s of person i starts (i % 5) tenths of a slot after its slot
 * starts and ends one tenth of a slot before its slot ends. A webinar (type 5, registration required) also lists `absentees`
 * registrants `Absent <n>` with `absent<n>@example.com`.
 */
export function generateLargeMeeting(
  options: HostOptions & {
    participants: number;
    sessionsPerParticipant: number;
    kind?: 'meeting' | 'webinar';
    absentees?: number;
    startTime?: string;
  },
): EmulatedMeeting {
  const random = createRandom(options.seed ?? 3);
  const hostId = options.hostId ?? DEFAULT_HOST_ID;
  const start = options.startTime ?? '2024-05-07T15:00:00Z';
  const kind = options.kind ?? 'meeting';
  const slotMinutes = 120 / options.sessionsPerParticipant;
  const nextSessionId = sessionIdCounter();
  const sessions: EmulatedSession[] = [
    { userId: nextSessionId(), participantUserId: hostId, name: DEFAULT_HOST_NAME, email: DEFAULT_HOST_EMAIL, joinTime: start, leaveTime: addMinutes(start, 120) },
  ];

  for (let i = 0; i < options.participants; i += 1) {
    const guest = i % 10 === 9;
    const universalId = guest ? '' : randomUserId(random);

    for (let s = 0; s < options.sessionsPerParticipant; s += 1) {
      sessions.push({
        userId: nextSessionId(),
        participantUserId: universalId,
        name: `Participant ${i + 1}`,
        email: guest ? '' : `p${i + 1}@example.com`,
        joinTime: addMinutes(start, s * slotMinutes + ((i % 5) * slotMinutes) / 10),
        leaveTime: addMinutes(start, (s + 1) * slotMinutes - slotMinutes / 10),
      });
    }
  }

  const absentees = Array.from({ length: options.absentees ?? 0 }, (_, n) => ({
    email: `absent${n + 1}@example.com`,
    firstName: 'Absent',
    lastName: String(n + 1),
  }));
  const occurrence: EmulatedOccurrence = { uuid: randomMeetingUuid(random), startTime: start, endTime: addMinutes(start, 120), sessions };

  if (kind === 'webinar') occurrence.absentees = absentees;

  return {
    id: options.meetingId ?? (kind === 'webinar' ? 81234567890 : 87654321098),
    kind,
    hostId,
    topic: options.topic ?? (kind === 'webinar' ? 'Annual town hall' : 'All-hands'),
    type: kind === 'webinar' ? 5 : 2,
    occurrences: [occurrence],
    ...(kind === 'webinar' ? { registrationRequired: true } : {}),
  };
}
