// Zoom's v2 REST endpoints on https://api.zoom.us that the add-on reads.
import { authorizeCall, type Caller, type RouteName } from './access';
import { ZoomError } from './errors';
import { jsonResponse, type EmulatorRequest, type EmulatorResponse } from './exchange';
import { endedOccurrences, findMeeting, findOccurrence, monthsBefore, type MeetingKind } from './occurrence-lookup';
import {
  absentee,
  listedSessions,
  pastMeetingDetails,
  pastParticipant,
  reportDetails,
  reportParticipant,
  zoomTime,
} from './records';
import type { EmulatorState } from './state';
import { handleReportUserMeetings, handleUser, handleUserMeetings } from './users-api';
import { matchRoute } from './zoom-path';

/** Routes in match order: IDs are captured greedily, so suffixed routes come before detail routes. */
export const REST_ROUTES: ReadonlyArray<readonly [RouteName, RegExp]> = [
  ['reportUserMeetings', /^\/v2\/report\/users\/(.+)\/meetings$/],
  ['reportMeetingParticipants', /^\/v2\/report\/meetings\/(.+)\/participants$/],
  ['reportMeetingDetails', /^\/v2\/report\/meetings\/(.+)$/],
  ['reportWebinarParticipants', /^\/v2\/report\/webinars\/(.+)\/participants$/],
  ['reportWebinarDetails', /^\/v2\/report\/webinars\/(.+)$/],
  ['pastMeetingInstances', /^\/v2\/past_meetings\/(.+)\/instances$/],
  ['pastMeetingParticipants', /^\/v2\/past_meetings\/(.+)\/participants$/],
  ['pastMeetingDetails', /^\/v2\/past_meetings\/(.+)$/],
  ['pastWebinarInstances', /^\/v2\/past_webinars\/(.+)\/instances$/],
  ['pastWebinarParticipants', /^\/v2\/past_webinars\/(.+)\/participants$/],
  ['pastWebinarAbsentees', /^\/v2\/past_webinars\/(.+)\/absentees$/],
  ['userMeetings', /^\/v2\/users\/(.+)\/meetings$/],
  ['user', /^\/v2\/users\/([^/]+)$/],
];

export interface RestCall {
  state: EmulatorState;
  request: EmulatorRequest;
  caller: Caller;
  id: string;
  route: RouteName;
}

function listingKey(call: RestCall): string {
  return `${call.route} ${call.id}`;
}

function participants(call: RestCall, kind: MeetingKind, report: boolean): EmulatorResponse {
  const { state, request } = call;
  const ref = findOccurrence(state, call.caller, call.id, kind, request.now);
  const includeRegistrantId = (request.query.include_fields ?? '').split(',').includes('registrant_id');
  const page = state.pageTokens.paginate(listedSessions(ref.occurrence), listingKey(call), request.query, request.now);
  const records = page.items.map((session) =>
    report ? reportParticipant(ref.occurrence, session, includeRegistrantId) : pastParticipant(ref.occurrence, session),
  );

  return jsonResponse(200, { ...page.fields, participants: records });
}

function details(call: RestCall, kind: MeetingKind, report: boolean): EmulatorResponse {
  const { state, request } = call;
  const ref = findOccurrence(state, call.caller, call.id, kind, request.now);
  const host = state.user(ref.meeting.hostId);

  return jsonResponse(200, report ? reportDetails(ref, host) : pastMeetingDetails(ref, host));
}

/** Ended occurrences of a numeric ID, oldest first; Zoom keeps them for 15 months. */
function instances(call: RestCall, kind: MeetingKind): EmulatorResponse {
  const { state, request } = call;
  const meeting = findMeeting(state, call.caller, call.id, kind);
  const oldest = monthsBefore(request.now, 15);
  const listed = endedOccurrences(meeting, request.now)
    .filter((occurrence) => Date.parse(occurrence.startTime) >= oldest)
    .map((occurrence) => ({ uuid: occurrence.uuid, start_time: zoomTime(occurrence.startTime) }));

  return jsonResponse(200, kind === 'webinar' ? { webinars: listed } : { meetings: listed });
}

function absentees(call: RestCall): EmulatorResponse {
  const { state, request } = call;
  const ref = findOccurrence(state, call.caller, call.id, 'webinar', request.now);

  if (!ref.meeting.registrationRequired) throw new ZoomError(400, 3000, 'This Webinar has not registration required');

  const registrants = (ref.occurrence.absentees ?? []).map((person, index) =>
    absentee(ref.meeting, ref.occurrence, person, index),
  );
  const page = state.pageTokens.paginate(registrants, listingKey(call), request.query, request.now);

  return jsonResponse(200, { ...page.fields, registrants: page.items });
}

function dispatch(call: RestCall): EmulatorResponse {
  switch (call.route) {
    case 'user':
      return handleUser(call);
    case 'userMeetings':
      return handleUserMeetings(call);
    case 'reportUserMeetings':
      return handleReportUserMeetings(call);
    case 'pastMeetingInstances':
      return instances(call, 'meeting');
    case 'pastMeetingParticipants':
      return participants(call, 'meeting', false);
    case 'pastMeetingDetails':
      return details(call, 'meeting', false);
    case 'reportMeetingParticipants':
      return participants(call, 'meeting', true);
    case 'reportMeetingDetails':
      return details(call, 'meeting', true);
    case 'reportWebinarParticipants':
      return participants(call, 'webinar', true);
    case 'reportWebinarDetails':
      return details(call, 'webinar', true);
    case 'pastWebinarParticipants':
      return participants(call, 'webinar', false);
    case 'pastWebinarInstances':
      return instances(call, 'webinar');
    case 'pastWebinarAbsentees':
      return absentees(call);
  }
}

/** Handles a request under /v2: 404 for unknown routes, Zoom's error bodies for failures. */
export function handleRest(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  const match = request.method === 'GET' ? matchRoute(REST_ROUTES, request.path) : undefined;

  if (!match) return jsonResponse(404, { code: 404, message: 'Not Found' });

  try {
    const caller = authorizeCall(state, request, match.name);

    return dispatch({ state, request, caller, id: match.params[0], route: match.name });
  } catch (error) {
    if (error instanceof ZoomError) return jsonResponse(error.status, error.body);

    throw error;
  }
}
