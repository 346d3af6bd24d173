/**
 * Fetches one occurrence and turns it into attendance rows, or says why it has none yet.
 */
import { mergeSessions } from '../attendance/merge';
import { isAddonError } from '../errors';
import type { AttendanceRow } from '../sheets/table';
import type { MeetingKind, OccurrenceDetails, ParticipantSource, ZoomApi } from '../zoom/api';

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
  /** Throws when the current user may not import this host's meeting (account mode). */
  checkHost?: (hostEmail: string) => void;
}

function describe(details: OccurrenceDetails, uuid: string): string {
  return Number.isNaN(details.startMilliseconds)
    ? `occurrence ${uuid}`
    : `the occurrence of ${new Date(details.startMilliseconds).toISOString().replace('.000Z', 'Z')}`;
}

/**
 * Reads details and every participant page of one occurrence, then merges the sessions per person.
 * "Not ended" answers, empty start or end times and all-zero durations mean Zoom has not finished
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
    const details = api.getOccurrenceDetails(request.uuid, request.kind);

    request.checkHost?.(details.hostEmail);

    if (!details.ready) return pending('Zoom returned no start or end time yet');

    const list = api.listParticipants(request.uuid, request.kind, details.endMilliseconds);

    if (list.allDurationsZero) return pending('Zoom returned zero durations for every participant');

    const warnings: string[] = [];
    const where = describe(details, request.uuid);

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
      const who = merged.waitingRoomOnly === 1 ? '1 person' : `${merged.waitingRoomOnly} people`;

      warnings.push(`${who} in ${where} waited in the waiting room and were never admitted, so they have no row`);
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
