// Zoom's response records built from emulated occurrences, with Zoom's field names and units:
// durations are seconds in participant records and minutes in meeting details, times are ISO 8601
// UTC without milliseconds (https://developers.zoom.us/docs/api/meetings/).
import type { EmulatedMeeting, EmulatedOccurrence, EmulatedSession, EmulatedUser } from './model';
import type { OccurrenceRef } from './state';

/** Formats an ISO time as Zoom does: UTC, no milliseconds ('2022-03-23T06:58:09Z'). */
export function zoomTime(iso: string): string {
  return new Date(iso).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function milliseconds(iso: string): number {
  return Date.parse(iso);
}

function sessionSeconds(session: EmulatedSession): number {
  return Math.max(0, Math.round((milliseconds(session.leaveTime) - milliseconds(session.joinTime)) / 1000));
}

function inMeeting(session: EmulatedSession): boolean {
  return (session.status ?? 'in_meeting') === 'in_meeting';
}

/** Identity Zoom would count as one participant: universal ID, else email, else registrant, else name. */
function participantIdentity(session: EmulatedSession): string {
  if (session.participantUserId) return `id:${session.participantUserId}`;

  if (session.email) return `email:${session.email.toLowerCase()}`;

  if (session.registrantId) return `registrant:${session.registrantId}`;

  return session.name ? `name:${session.name}` : `session:${session.userId}`;
}

/** Distinct-participant counts by sessions array; a patch that replaces the sessions gets a new entry. */
const distinctCounts = new WeakMap<EmulatedSession[], number>();

/** Number of distinct people admitted to the occurrence (waiting-room-only people do not count). */
export function distinctParticipants(occurrence: EmulatedOccurrence): number {
  const cached = distinctCounts.get(occurrence.sessions);

  if (cached !== undefined) return cached;

  const count = new Set(occurrence.sessions.filter(inMeeting).map(participantIdentity)).size;

  distinctCounts.set(occurrence.sessions, count);

  return count;
}

/**
 * Sessions that a participant listing returns. Zoom omits occurrences with fewer than two
 * participants, and an occurrence whose report has empty times has no participants yet.
 */
export function listedSessions(occurrence: EmulatedOccurrence): EmulatedSession[] {
  if (occurrence.report === 'empty-times') return [];

  return distinctParticipants(occurrence) < 2 ? [] : occurrence.sessions;
}

function recordDuration(occurrence: EmulatedOccurrence, session: EmulatedSession): number {
  return occurrence.report === 'zero-durations' ? 0 : sessionSeconds(session);
}

/** Adds `user_email` as the session states it: absent, null or a string. */
function withEmail(record: Record<string, unknown>, session: EmulatedSession): void {
  if (session.email !== undefined) record.user_email = session.email;
}

/** Builds a record of /report/meetings/{id}/participants and /report/webinars/{id}/participants. */
export function reportParticipant(
  occurrence: EmulatedOccurrence,
  session: EmulatedSession,
  includeRegistrantId: boolean,
): Record<string, unknown> {
  const universalId = session.participantUserId ?? '';
  const record: Record<string, unknown> = {
    id: universalId,
    participant_user_id: universalId,
    user_id: session.userId,
    name: session.name,
  };

  withEmail(record, session);
  record.join_time = zoomTime(session.joinTime);
  record.leave_time = zoomTime(session.leaveTime);
  record.duration = recordDuration(occurrence, session);

  if (includeRegistrantId && session.registrantId !== undefined) record.registrant_id = session.registrantId;

  record.failover = session.failover ?? false;
  record.status = session.status ?? 'in_meeting';

  if (session.breakoutRoomId !== undefined) record.bo_mtg_id = session.breakoutRoomId;

  if (session.customerKey !== undefined) record.customer_key = session.customerKey;

  return record;
}

/** Builds a record of /past_meetings/{id}/participants and /past_webinars/{id}/participants. */
export function pastParticipant(occurrence: EmulatedOccurrence, session: EmulatedSession): Record<string, unknown> {
  const record: Record<string, unknown> = {
    id: session.participantUserId ?? '',
    name: session.name,
    user_id: session.userId,
  };

  withEmail(record, session);
  record.join_time = zoomTime(session.joinTime);
  record.leave_time = zoomTime(session.leaveTime);
  record.duration = recordDuration(occurrence, session);
  record.failover = session.failover ?? false;
  record.status = session.status ?? 'in_meeting';
  record.internal_user = session.internalUser ?? false;

  if (session.registrantId !== undefined) record.registrant_id = session.registrantId;

  return record;
}

function lengthMinutes(occurrence: EmulatedOccurrence): number {
  if (occurrence.endTime === null) return 0;

  return Math.round((milliseconds(occurrence.endTime) - milliseconds(occurrence.startTime)) / 60000);
}

/** Sum of the admitted sessions' minutes, as Zoom's `total_minutes`. */
function totalMinutes(occurrence: EmulatedOccurrence): number {
  const seconds = occurrence.sessions.filter(inMeeting).reduce((sum, session) => sum + sessionSeconds(session), 0);

  return Math.round(seconds / 60);
}

/**
 * `participants_count` as the number of admitted join sessions.
 * NOTE: whether Zoom counts join sessions or distinct people here is not verified.
 */
function participantsCount(occurrence: EmulatedOccurrence): number {
  return occurrence.sessions.filter(inMeeting).length;
}

/** Builds the times, duration and counts of a detail response, all empty while the report has empty times. */
function detailTimes(occurrence: EmulatedOccurrence): Record<string, unknown> {
  if (occurrence.report === 'empty-times') {
    return { start_time: '', end_time: '', duration: '', total_minutes: 0, participants_count: 0 };
  }

  return {
    start_time: zoomTime(occurrence.startTime),
    end_time: occurrence.endTime === null ? '' : zoomTime(occurrence.endTime),
    duration: lengthMinutes(occurrence),
    total_minutes: totalMinutes(occurrence),
    participants_count: participantsCount(occurrence),
  };
}

function hostName(host: EmulatedUser | undefined): string {
  return host ? `${host.firstName} ${host.lastName}` : '';
}

/** /past_meetings/{id}: duration in minutes. */
export function pastMeetingDetails(ref: OccurrenceRef, host: EmulatedUser | undefined): Record<string, unknown> {
  const { meeting, occurrence } = ref;

  return {
    id: meeting.id,
    uuid: occurrence.uuid,
    host_id: meeting.hostId,
    type: meeting.type,
    topic: meeting.topic,
    user_name: hostName(host),
    user_email: host?.email ?? '',
    ...detailTimes(occurrence),
    dept: '',
    source: 'Zoom',
  };
}

/** /report/meetings/{id} and /report/webinars/{id}: duration in minutes. */
export function reportDetails(ref: OccurrenceRef, host: EmulatedUser | undefined): Record<string, unknown> {
  const { meeting, occurrence } = ref;

  return {
    id: meeting.id,
    uuid: occurrence.uuid,
    type: meeting.type,
    topic: meeting.topic,
    user_name: hostName(host),
    user_email: host?.email ?? '',
    ...detailTimes(occurrence),
    dept: '',
  };
}

/** Builds a meeting of /report/users/{userId}/meetings. */
export function reportUserMeeting(ref: OccurrenceRef, host: EmulatedUser): Record<string, unknown> {
  const { meeting, occurrence } = ref;
  const count = participantsCount(occurrence);

  return {
    uuid: occurrence.uuid,
    id: meeting.id,
    type: meeting.type,
    topic: meeting.topic,
    user_name: hostName(host),
    user_email: host.email,
    start_time: zoomTime(occurrence.startTime),
    end_time: occurrence.endTime === null ? '' : zoomTime(occurrence.endTime),
    duration: lengthMinutes(occurrence),
    total_minutes: totalMinutes(occurrence),
    participants_count: count,
    participants_count_my_account: count,
    source: 'Zoom',
    has_chat: false,
    has_recording: false,
    has_screen_share: false,
    meeting_encryption_status: 1,
  };
}

/** Builds a meeting definition of /users/{userId}/meetings from one of its occurrences. */
export function meetingDefinition(
  meeting: EmulatedMeeting,
  occurrence: EmulatedOccurrence,
  host: EmulatedUser,
): Record<string, unknown> {
  const first = meeting.occurrences.reduce((earliest, candidate) =>
    milliseconds(candidate.startTime) < milliseconds(earliest.startTime) ? candidate : earliest,
  );
  const weekMilliseconds = 7 * 24 * 3600 * 1000;

  return {
    uuid: occurrence.uuid,
    id: meeting.id,
    host_id: meeting.hostId,
    topic: meeting.topic,
    type: meeting.type,
    start_time: zoomTime(occurrence.startTime),
    duration: lengthMinutes(occurrence),
    timezone: host.timezone ?? 'UTC',
    created_at: zoomTime(new Date(milliseconds(first.startTime) - weekMilliseconds).toISOString()),
    join_url: `https://zoom.us/j/${meeting.id}`,
  };
}

/** Builds a registrant of /past_webinars/{id}/absentees. */
export function absentee(
  meeting: EmulatedMeeting,
  occurrence: EmulatedOccurrence,
  person: { email: string; firstName: string; lastName: string },
  index: number,
): Record<string, unknown> {
  const dayMilliseconds = 24 * 3600 * 1000;

  return {
    id: `abs${meeting.id}x${index}`,
    email: person.email,
    first_name: person.firstName,
    last_name: person.lastName,
    status: 'approved',
    create_time: zoomTime(new Date(milliseconds(occurrence.startTime) - dayMilliseconds).toISOString()),
    join_url: `https://zoom.us/w/${meeting.id}`,
  };
}
