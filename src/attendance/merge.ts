/**
 * Merges Zoom join sessions into one attendance record per person and occurrence. Pure: no Apps
 * Script services, so it is tested directly on saved payloads.
 */
import { isUnidentified, linkEmailsToUserIds, participantKey } from './identity';
import { clip, type Interval, unionLength } from './intervals';
import type { JoinSession, MergeResult, Occurrence, PersonAttendance } from './types';

const MILLISECONDS_PER_MINUTE = 60_000;

/**
 * Rounds half up to one decimal. The product is trimmed to 12 significant digits first, so a value
 * such as 83.25, stored as 83.24999..., rounds to 83.3 as it reads.
 */
export function roundToOneDecimal(value: number): number {
  return Math.round(Number((value * 10).toPrecision(12))) / 10;
}

/** Picks the name a person used most often; on a tie, the one of their earliest session. */
function pickName(sessions: readonly JoinSession[]): string {
  const counts = new Map<string, number>();

  for (const session of sessions) {
    if (session.name.trim() === '') continue;

    counts.set(session.name, (counts.get(session.name) ?? 0) + 1);
  }

  let best = '';
  let bestCount = 0;

  for (const session of sessions) {
    const count = counts.get(session.name) ?? 0;

    if (count > bestCount) {
      best = session.name;
      bestCount = count;
    }
  }

  return best;
}

function pickEmail(sessions: readonly JoinSession[]): string {
  const withEmail = sessions.find((s) => s.email !== '');

  return withEmail === undefined ? '' : withEmail.email.toLowerCase();
}

function summarizePerson(
  key: string,
  sessions: JoinSession[],
  occurrence: Occurrence,
): PersonAttendance {
  const window: Interval = { start: occurrence.startMilliseconds, end: occurrence.endMilliseconds };
  const clipped = sessions
    .map((s) => clip({ start: s.joinMilliseconds, end: s.leaveMilliseconds }, window))
    .filter((i): i is Interval => i !== null);
  const attendedMilliseconds = unionLength(clipped);
  const lengthMilliseconds = occurrence.endMilliseconds - occurrence.startMilliseconds;
  const percent =
    lengthMilliseconds > 0 ? Math.min(100, (attendedMilliseconds / lengthMilliseconds) * 100) : 0;

  return {
    participantKey: key,
    name: pickName(sessions),
    email: pickEmail(sessions),
    firstJoinMilliseconds: sessions.reduce((min, s) => Math.min(min, s.joinMilliseconds), Infinity),
    lastLeaveMilliseconds: sessions.reduce((max, s) => Math.max(max, s.leaveMilliseconds), -Infinity),
    minutesAttended: roundToOneDecimal(attendedMilliseconds / MILLISECONDS_PER_MINUTE),
    attendancePercent: roundToOneDecimal(percent),
    joins: sessions.length,
  };
}

/** Tells whether a session overlaps the occurrence; a session wholly outside counts for nothing. */
function overlapsOccurrence(session: JoinSession, occurrence: Occurrence): boolean {
  if (session.leaveMilliseconds === session.joinMilliseconds) {
    return (
      session.joinMilliseconds >= occurrence.startMilliseconds &&
      session.joinMilliseconds <= occurrence.endMilliseconds
    );
  }

  return (
    session.leaveMilliseconds > occurrence.startMilliseconds &&
    session.joinMilliseconds < occurrence.endMilliseconds
  );
}

/**
 * Keeps an unidentified record on its own row even when Zoom repeats its per-session ID: the second
 * `session:16779264` becomes `session:16779264#2`. A re-import gives each record the same key again
 * as long as Zoom lists the records in the same order.
 */
function uniqueUnidentifiedKey(key: string, byKey: Map<string, JoinSession[]>, waitingKeys: Set<string>): string {
  if (!isUnidentified(key)) return key;

  let candidate = key;

  for (let copy = 2; byKey.has(candidate) || waitingKeys.has(candidate); copy += 1) candidate = `${key}#${copy}`;

  return candidate;
}

/**
 * Merges the sessions of one occurrence per person: minutes are the union of the in-meeting
 * intervals clipped to the occurrence (two devices at once count once), waiting-room sessions count
 * for nothing, and First join / Last leave keep the times Zoom recorded. People are returned in
 * order of first join.
 */
export function mergeSessions(sessions: readonly JoinSession[], occurrence: Occurrence): MergeResult {
  const linked = linkEmailsToUserIds(sessions);
  const admittedKeys = new Set<string>();
  const waitingKeys = new Set<string>();
  const byKey = new Map<string, JoinSession[]>();
  let unidentifiedSessions = 0;
  let sessionsOutsideOccurrence = 0;

  for (const session of linked) {
    const key = uniqueUnidentifiedKey(participantKey(session), byKey, waitingKeys);

    if (session.inWaitingRoom) {
      waitingKeys.add(key);
      continue;
    }

    if (!overlapsOccurrence(session, occurrence)) {
      sessionsOutsideOccurrence += 1;
      continue;
    }

    if (isUnidentified(key)) unidentifiedSessions += 1;

    admittedKeys.add(key);

    const personSessions = byKey.get(key);

    if (personSessions === undefined) byKey.set(key, [session]);
    else personSessions.push(session);
  }

  const people = [...byKey.entries()]
    .map(([key, personSessions]) => summarizePerson(key, personSessions, occurrence))
    .sort((a, b) => a.firstJoinMilliseconds - b.firstJoinMilliseconds);
  const waitingRoomOnly = [...waitingKeys].filter((key) => !admittedKeys.has(key)).length;

  return { people, waitingRoomOnly, unidentifiedSessions, sessionsOutsideOccurrence };
}
