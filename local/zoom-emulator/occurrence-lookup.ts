// Resolves a `{meetingId}` path parameter the way Zoom does: a numeric ID means the latest ended
// occurrence, anything else is an occurrence UUID. Applies visibility, "not ended" and the
// one-year retention limit (code 12702).
import { canReadMeeting, type Caller } from './access';
import { ZoomError } from './errors';
import type { EmulatedMeeting, EmulatedOccurrence } from './model';
import type { EmulatorState, OccurrenceRef } from './state';

export type MeetingKind = EmulatedMeeting['kind'];

/** Subtracts calendar months in UTC (12 months = one year). */
export function monthsBefore(epochMilliseconds: number, months: number): number {
  const date = new Date(epochMilliseconds);

  date.setUTCMonth(date.getUTCMonth() - months);

  return date.getTime();
}

export function hasEnded(occurrence: EmulatedOccurrence, now: number): boolean {
  return occurrence.endTime !== null && Date.parse(occurrence.endTime) <= now && Date.parse(occurrence.startTime) <= now;
}

function notFound(kind: MeetingKind, id: string): ZoomError {
  const noun = kind === 'webinar' ? 'Webinar' : 'Meeting';

  return new ZoomError(404, 3001, `${noun} does not exist: ${id}.`);
}

/** Finds the meeting of a numeric ID, when the caller may read it. */
export function findMeeting(state: EmulatorState, caller: Caller, id: string, kind: MeetingKind): EmulatedMeeting {
  const meeting = /^\d+$/.test(id) ? state.meetings.get(Number(id)) : undefined;

  if (!meeting || meeting.kind !== kind || !canReadMeeting(state, caller, meeting)) throw notFound(kind, id);

  return meeting;
}

/** Ended occurrences, oldest first. */
export function endedOccurrences(meeting: EmulatedMeeting, now: number): EmulatedOccurrence[] {
  return meeting.occurrences
    .filter((occurrence) => hasEnded(occurrence, now))
    .sort((a, b) => Date.parse(a.startTime) - Date.parse(b.startTime));
}

/** Finds the occurrence for a meeting ID or UUID, checking visibility, end and retention. */
export function findOccurrence(
  state: EmulatorState,
  caller: Caller,
  id: string,
  kind: MeetingKind,
  now: number,
): OccurrenceRef {
  const ref = /^\d+$/.test(id) ? latestOccurrence(state, caller, id, kind, now) : state.occurrences.get(id);

  if (!ref || ref.meeting.kind !== kind || !canReadMeeting(state, caller, ref.meeting)) throw notFound(kind, id);

  if (!hasEnded(ref.occurrence, now) || ref.occurrence.report === 'not-ended') {
    throw new ZoomError(404, 3001, 'Meeting ID is invalid or not end.');
  }

  if (Date.parse(ref.occurrence.startTime) < monthsBefore(now, 12)) {
    const noun = kind === 'webinar' ? 'a webinar' : 'meeting';

    throw new ZoomError(400, 12702, `Can not access ${noun} a year ago.`);
  }

  return ref;
}

function latestOccurrence(
  state: EmulatorState,
  caller: Caller,
  id: string,
  kind: MeetingKind,
  now: number,
): OccurrenceRef {
  const meeting = findMeeting(state, caller, id, kind);
  const latest = endedOccurrences(meeting, now).pop();

  if (!latest) throw new ZoomError(404, 3001, 'Meeting ID is invalid or not end.');

  return { meeting, occurrence: latest };
}
