// User endpoints: /users/{userId}, /users/{userId}/meetings and /report/users/{userId}/meetings.
import { resolveUser } from './access';
import { ZoomError } from './errors';
import { jsonResponse, type EmulatorResponse } from './exchange';
import type { EmulatedMeeting, EmulatedOccurrence, EmulatedUser } from './model';
import { hasEnded, monthsBefore } from './occurrence-lookup';
import { distinctParticipants, meetingDefinition, reportUserMeeting } from './records';
import type { RestCall } from './rest';
import type { OccurrenceRef } from './state';

const DAY_MILLISECONDS = 24 * 3600 * 1000;
const USER_MEETING_TYPES = ['scheduled', 'live', 'upcoming', 'upcoming_meetings', 'previous_meetings'];
const REPORT_MEETING_TYPES = ['past', 'pastOne', 'pastJoined'];

function invalidField(field: string): ZoomError {
  return new ZoomError(400, 300, 'Validation Failed.', [{ field, message: 'Invalid field.' }]);
}

export function handleUser(call: RestCall): EmulatorResponse {
  const user = resolveUser(call.state, call.caller, call.id);

  return jsonResponse(200, {
    id: user.id,
    first_name: user.firstName,
    last_name: user.lastName,
    display_name: `${user.firstName} ${user.lastName}`,
    email: user.email,
    type: user.plan === 'basic' ? 1 : 2,
    account_id: user.accountId,
    timezone: user.timezone ?? '',
  });
}

function byStart(a: EmulatedOccurrence, b: EmulatedOccurrence): number {
  return Date.parse(a.startTime) - Date.parse(b.startTime);
}

/** Picks the occurrence that represents a meeting definition in a listing of this type, if it is listed. */
function representativeOccurrence(meeting: EmulatedMeeting, type: string, now: number): EmulatedOccurrence | undefined {
  const sorted = [...meeting.occurrences].sort(byStart);
  const future = sorted.filter((occurrence) => Date.parse(occurrence.startTime) > now);

  if (type === 'previous_meetings') {
    const oldest = monthsBefore(now, 6);

    return sorted.filter((occurrence) => hasEnded(occurrence, now) && Date.parse(occurrence.startTime) >= oldest).pop();
  }

  if (type === 'live') {
    return sorted.find((occurrence) => Date.parse(occurrence.startTime) <= now && !hasEnded(occurrence, now));
  }

  if (type === 'upcoming' || type === 'upcoming_meetings') return future[0];

  return future[0] ?? sorted[sorted.length - 1];
}

/**
 * Meeting definitions hosted by the user. Zoom lists scheduled meetings only (no instant meetings),
 * and `previous_meetings` covers at most the last 6 months.
 */
export function handleUserMeetings(call: RestCall): EmulatorResponse {
  const { state, request } = call;
  const user = resolveUser(state, call.caller, call.id);
  const type = request.query.type ?? 'scheduled';

  if (!USER_MEETING_TYPES.includes(type)) throw invalidField('type');

  const definitions: Array<Record<string, unknown>> = [];

  for (const meeting of state.meetings.values()) {
    if (meeting.hostId !== user.id || meeting.kind !== 'meeting' || meeting.type === 1) continue;

    const occurrence = representativeOccurrence(meeting, type, request.now);

    if (occurrence) definitions.push(meetingDefinition(meeting, occurrence, user));
  }

  definitions.sort((a, b) => Date.parse(String(a.start_time)) - Date.parse(String(b.start_time)));

  const pageNumber = state.pageTokens.pageOf(request.query.next_page_token) ?? 1;
  const page = state.pageTokens.paginate(definitions, `${call.route} ${user.id} ${type}`, request.query, request.now);

  return jsonResponse(200, { page_number: pageNumber, ...page.fields, meetings: page.items });
}

function parseDay(text: string | undefined, field: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(text ?? '') ? Date.parse(`${text}T00:00:00Z`) : Number.NaN;

  if (!Number.isFinite(day)) throw invalidField(field);

  return day;
}

/**
 * Checks the report range: at most one month, within the past six months (Zoom's API reference).
 * NOTE: the messages of these code-300 errors are not verified against Zoom.
 */
function checkReportRange(from: number, to: number, now: number): void {
  if (to < from) throw new ZoomError(400, 300, 'The from date must be earlier than the to date.');

  if (from < monthsBefore(to, 1)) throw new ZoomError(400, 300, 'The date range must not exceed one month.');

  const today = Math.floor(now / DAY_MILLISECONDS) * DAY_MILLISECONDS;

  if (from < monthsBefore(today, 6)) throw new ZoomError(400, 300, 'The report is only available for the past 6 months.');
}

function joinedBy(occurrence: EmulatedOccurrence, user: EmulatedUser): boolean {
  const email = user.email.toLowerCase();

  return occurrence.sessions.some(
    (session) => session.participantUserId === user.id || (session.email ?? '').toLowerCase() === email,
  );
}

function reportListed(ref: OccurrenceRef, user: EmulatedUser, type: string): boolean {
  const count = distinctParticipants(ref.occurrence);

  if (type === 'pastJoined') return count >= 2 && joinedBy(ref.occurrence, user);

  if (type === 'pastOne') return ref.meeting.hostId === user.id && count === 1;

  return ref.meeting.hostId === user.id && count >= 2;
}

/**
 * Ended meetings and webinars (instant ones included) that started within [from, to] (UTC days).
 * Type `past` lists those with two or more participants, as Zoom does.
 */
export function handleReportUserMeetings(call: RestCall): EmulatorResponse {
  const { state, request } = call;
  const user = resolveUser(state, call.caller, call.id);
  const type = request.query.type ?? 'past';

  if (!REPORT_MEETING_TYPES.includes(type)) throw invalidField('type');

  const from = parseDay(request.query.from, 'from');
  const to = parseDay(request.query.to, 'to');

  checkReportRange(from, to, request.now);

  const listed = [...state.occurrences.values()]
    .filter((ref) => {
      const start = Date.parse(ref.occurrence.startTime);

      return start >= from && start < to + DAY_MILLISECONDS && hasEnded(ref.occurrence, request.now);
    })
    .filter((ref) => ref.occurrence.report !== 'not-ended' && reportListed(ref, user, type))
    .sort((a, b) => byStart(a.occurrence, b.occurrence));
  const host = (ref: OccurrenceRef): EmulatedUser => state.user(ref.meeting.hostId) ?? user;
  const records = listed.map((ref) => reportUserMeeting(ref, host(ref)));
  const listing = `${call.route} ${user.id} ${type} ${request.query.from} ${request.query.to}`;
  const page = state.pageTokens.paginate(records, listing, request.query, request.now);

  return jsonResponse(200, {
    from: request.query.from,
    to: request.query.to,
    ...page.fields,
    meetings: page.items,
  });
}
