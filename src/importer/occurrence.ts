/**
 * Fetches one occurrence and turns it into attendance rows, or reports why it has none yet.
 */
import { mergeSessions } from '../attendance/merge';
import type { JoinSession } from '../attendance/types';
import { isAddonError } from '../errors';
import type { AttendanceRow } from '../sheets/table';
import { allowsFallback, type MeetingKind, type OccurrenceDetails, type ParticipantSource, type ZoomApi } from '../zoom/api';

export type FetchedOccurrence =
  | {
      status: 'ready';
      details: OccurrenceDetails;
      source: ParticipantSource;
      rows: AttendanceRow[];
      people: number;
      warnings: string[];
    }
  | { status: 'pending'; uuid: string; startTime: string; reason: string }
  | { status: 'empty'; details: OccurrenceDetails; warnings: string[] };

export interface OccurrenceRequest {
  uuid: string;
  startTime: string;
  kind: MeetingKind;
  meetingId: string;
  /** The spreadsheet's time zone, to name occurrences in messages as the table shows them. */
  timeZone?: string;
  /** Throws when the current user may not import this host's meeting (account mode). */
  checkHost?: (hostEmail: string) => void;
}

/**
 * Reads the occurrence's details. Zoom serves webinar details only from the report endpoint, which
 * hosts who are not admins cannot call; for them the start comes from the occurrence listing and the
 * end from the participant records, so the import still works.
 */
function readDetails(api: ZoomApi, request: OccurrenceRequest): { details: OccurrenceDetails; derived: boolean } {
  try {
    return { details: api.getOccurrenceDetails(request.uuid, request.kind), derived: false };
  } catch (error) {
    if (request.kind !== 'webinar' || !allowsFallback(error)) throw error;

    const details: OccurrenceDetails = {
      meetingId: request.meetingId,
      uuid: request.uuid,
      topic: '',
      startMilliseconds: Date.parse(request.startTime),
      endMilliseconds: Number.NaN,
      hostEmail: '',
      ready: true,
    };

    return { details, derived: true };
  }
}

function deriveWebinarTimes(details: OccurrenceDetails, sessions: readonly JoinSession[]): OccurrenceDetails {
  const firstJoin = sessions.reduce((min, s) => Math.min(min, s.joinMilliseconds), Infinity);
  const lastLeave = sessions.reduce((max, s) => Math.max(max, s.leaveMilliseconds), -Infinity);
  const start = Number.isNaN(details.startMilliseconds) ? firstJoin : details.startMilliseconds;

  return { ...details, startMilliseconds: start, endMilliseconds: Math.max(start, lastLeave) };
}

/** Names an occurrence by its start in the spreadsheet's time zone, as the table shows it. */
function describe(details: OccurrenceDetails, uuid: string, timeZone: string | undefined): string {
  if (Number.isNaN(details.startMilliseconds)) return `occurrence ${uuid}`;

  const start = new Date(details.startMilliseconds);

  return timeZone === undefined
    ? `the occurrence of ${start.toISOString().replace('.000Z', 'Z')}`
    : `the occurrence of ${Utilities.formatDate(start, timeZone, 'yyyy-MM-dd HH:mm')}`;
}

/**
 * Reads details and every participant page of one occurrence, then merges the sessions per person.
 * "Not ended" responses, empty start or end times and all-zero durations mean Zoom has not finished
 * the report: the occurrence is pending and yields no rows.
 */
export function fetchOccurrence(api: ZoomApi, request: OccurrenceRequest): FetchedOccurrence {
  const pending = (reason: string): FetchedOccurrence => ({
    status: 'pending',
    uuid: request.uuid,
    startTime: request.startTime,
    reason,
  });

  try {
    const read = readDetails(api, request);
    let details = read.details;

    request.checkHost?.(details.hostEmail);

    if (!details.ready) return pending('Zoom returned no start or end time yet');

    const list = api.listParticipants(request.uuid, request.kind, details.endMilliseconds);

    if (list.allDurationsZero) return pending('Zoom returned zero durations for every participant');

    const warnings: string[] = [];

    if (read.derived) {
      details = deriveWebinarTimes(details, list.sessions);
      warnings.push(
        `Zoom gives webinar details only with the report scope, so ${describe(details, request.uuid, request.timeZone)} is taken to end at its last participant's leave time`,
      );
    }

    const where = describe(details, request.uuid, request.timeZone);

    if (list.recordCount === 0) {
      warnings.push(`Zoom lists no participants for ${where}: Zoom leaves out meetings with fewer than two participants`);

      return { status: 'empty', details, warnings };
    }

    const merged = mergeSessions(list.sessions, {
      startMilliseconds: details.startMilliseconds,
      endMilliseconds: details.endMilliseconds,
    });
    const identified = merged.people.length - merged.unidentifiedSessions;
    const connections = merged.people.reduce((sum, person) => sum + person.joins, 0);

    if (merged.unidentifiedSessions > 0) {
      warnings.push(
        `Zoom returned no names for ${merged.unidentifiedSessions} of ${connections} connections in ${where} ` +
          `(account privacy or HIPAA settings): ${identified} identified, ${merged.unidentifiedSessions} unidentified connections, listed as session: rows`,
      );
    }

    if (merged.waitingRoomOnly > 0) {
      const waitingPeople = merged.waitingRoomOnly === 1 ? '1 person' : `${merged.waitingRoomOnly} people`;

      warnings.push(`${waitingPeople} in ${where} ${merged.waitingRoomOnly === 1 ? 'was' : 'were'} only in the waiting room and never admitted, so they have no row`);
    }

    if (list.duplicateRecords > 0) {
      warnings.push(`Zoom sent ${list.duplicateRecords} participant records of ${where} twice; the copies were left out`);
    }

    if (list.invalidRecords > 0) {
      warnings.push(`${list.invalidRecords} participant records of ${where} had no readable join time and were left out`);
    }

    if (list.totalRecords !== null && list.totalRecords !== list.recordCount) {
      warnings.push(`Zoom reported ${list.totalRecords} participant records for ${where} but returned ${list.recordCount}`);
    }

    const rows: AttendanceRow[] = merged.people.map((person) => ({
      meetingId: details.meetingId || request.meetingId,
      meetingUuid: details.uuid,
      topic: details.topic,
      meetingStart: new Date(details.startMilliseconds),
      meetingEnd: new Date(details.endMilliseconds),
      name: person.name,
      email: person.email,
      firstJoin: new Date(person.firstJoinMilliseconds),
      lastLeave: new Date(person.lastLeaveMilliseconds),
      minutesAttended: person.minutesAttended,
      attendancePercent: person.attendancePercent,
      joins: person.joins,
      participantKey: person.participantKey,
      source: list.source,
    }));

    return { status: 'ready', details, source: list.source, rows, people: identified, warnings };
  } catch (error) {
    if (isAddonError(error, 'MEETING_NOT_ENDED')) return pending('Zoom answered that the meeting has not ended');

    throw error;
  }
}
