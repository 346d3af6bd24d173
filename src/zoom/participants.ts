/**
 * Normalises participant records from either endpoint into join sessions. Report records carry the
 * universal user ID as `participant_user_id` (their `id` is a deprecated copy); past-meeting records
 * carry it as `id`. `user_id` is per join session and does not identify a person across sessions.
 * `duration` is in seconds here (meeting details give minutes).
 */
import type { JoinSession } from '../attendance/types';

export interface ProcessedParticipants {
  sessions: JoinSession[];
  /** Records whose join time could not be read, so they were left out. */
  invalidRecords: number;
  /** Exact copies of another record, left out. */
  duplicateRecords: number;
  /** Every record has duration 0: Zoom has not finished processing the meeting. */
  allDurationsZero: boolean;
}

function text(value: unknown): string {
  if (typeof value === 'string') return value.trim();

  if (typeof value === 'number' && Number.isFinite(value)) return String(value);

  return '';
}

function parseTime(value: unknown): number {
  return typeof value === 'string' && value.trim() !== '' ? Date.parse(value) : Number.NaN;
}

export function processParticipants(records: readonly unknown[], occurrenceEndMilliseconds: number): ProcessedParticipants {
  const sessions: JoinSession[] = [];
  let invalidRecords = 0;
  let zeroDurations = 0;
  let duplicateRecords = 0;
  const seen = new Set<string>();

  for (const raw of records) {
    if (raw === null || typeof raw !== 'object') {
      invalidRecords += 1;
      continue;
    }

    const record = raw as Record<string, unknown>;
    const join = parseTime(record.join_time);

    if (Number.isNaN(join)) {
      invalidRecords += 1;
      continue;
    }

    const duration = typeof record.duration === 'number' ? record.duration : Number.NaN;
    const parsedLeave = parseTime(record.leave_time);
    const leave = Number.isNaN(parsedLeave)
      ? Number.isNaN(duration)
        ? Math.max(join, occurrenceEndMilliseconds)
        : join + duration * 1000
      : parsedLeave;

    if (duration === 0) zeroDurations += 1;

    // Zoom has been seen to repeat records (a page served twice); an exact copy is one session.
    const identity = JSON.stringify([record.user_id, record.participant_user_id, record.id, record.name, record.user_email, join, leave, record.status]);

    if (seen.has(identity)) {
      duplicateRecords += 1;
      continue;
    }

    seen.add(identity);
    sessions.push({
      zoomUserId: text(record.participant_user_id) || text(record.id),
      sessionId: text(record.user_id),
      name: text(record.name),
      email: text(record.user_email).toLowerCase(),
      registrantId: text(record.registrant_id),
      joinMilliseconds: join,
      leaveMilliseconds: Math.max(join, leave),
      inWaitingRoom: record.status === 'in_waiting_room',
    });
  }

  return {
    sessions,
    invalidRecords,
    duplicateRecords,
    allDurationsZero: records.length > 0 && zeroDurations === records.length,
  };
}
