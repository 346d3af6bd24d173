/**
 * Builds emulated meetings from participant records written the way Zoom returns them, so a payload
 * copied from a bug report is served by the emulator as it stands, and reads the table back.
 */
import { DEFAULT_HOST_EMAIL, DEFAULT_HOST_ID, DEFAULT_HOST_NAME } from '../../../local/data/generators';
import type { EmulatedMeeting, EmulatedSession } from '../../../local/zoom-emulator';
import type { Offline } from '../harness';

/** A participant record as Zoom's participant endpoints return it; only the fields the cases use. */
export interface ZoomRecord {
  id?: string;
  participant_user_id?: string;
  user_id: string;
  name: string;
  /** Absent, null and '' are three different payloads. */
  user_email?: string | null;
  registrant_id?: string;
  join_time: string;
  leave_time: string;
  status?: 'in_meeting' | 'in_waiting_room';
  bo_mtg_id?: string;
}

/** Turns a record into the emulator session that makes the emulator return that record. */
export function sessionOf(record: ZoomRecord): EmulatedSession {
  const session: EmulatedSession = {
    userId: record.user_id,
    participantUserId: record.participant_user_id ?? record.id ?? '',
    name: record.name,
    joinTime: record.join_time,
    leaveTime: record.leave_time,
    status: record.status ?? 'in_meeting',
  };

  if ('user_email' in record) session.email = record.user_email;

  if (record.registrant_id !== undefined) session.registrantId = record.registrant_id;

  if (record.bo_mtg_id !== undefined) session.breakoutRoomId = record.bo_mtg_id;

  return session;
}

/** The host's record for an occurrence, so Zoom's "fewer than two participants" rule never hides a case. */
export function hostRecord(startTime: string, endTime: string, userId = '16777216'): ZoomRecord {
  return {
    id: DEFAULT_HOST_ID,
    participant_user_id: DEFAULT_HOST_ID,
    user_id: userId,
    name: DEFAULT_HOST_NAME,
    user_email: DEFAULT_HOST_EMAIL,
    join_time: startTime,
    leave_time: endTime,
  };
}

export interface SingleOccurrenceOptions {
  id: number;
  uuid: string;
  topic?: string;
  startTime: string;
  endTime: string;
  records: ZoomRecord[];
  hostId?: string;
}

/** A scheduled meeting with one ended occurrence whose participant listing is exactly `records`. */
export function meetingOf(options: SingleOccurrenceOptions): EmulatedMeeting {
  return {
    id: options.id,
    kind: 'meeting',
    hostId: options.hostId ?? DEFAULT_HOST_ID,
    topic: options.topic ?? 'Field case',
    type: 2,
    occurrences: [
      { uuid: options.uuid, startTime: options.startTime, endTime: options.endTime, sessions: options.records.map(sessionOf) },
    ],
  };
}

export type Row = Record<string, unknown>;

/** The rows of one occurrence, by Meeting UUID. */
export function rowsOf(offline: Offline, uuid: string, sheetName = 'Sheet1'): Row[] {
  return offline.table(sheetName).filter((row) => row['Meeting UUID'] === uuid);
}

/** The one row with this participant key, or a failure that lists the keys present. */
export function rowByKey(rows: Row[], key: string): Row {
  const found = rows.filter((row) => row['Participant key'] === key);

  if (found.length !== 1) {
    throw new Error(`Expected one row keyed ${key}, found ${found.length}; keys: ${rows.map((r) => String(r['Participant key'])).join(', ')}`);
  }

  return found[0] as Row;
}

export interface ImportResult {
  meetingId: string;
  occurrences: number;
  people: number;
  rowsAdded: number;
  rowsUpdated: number;
  sheetName: string;
  source: string;
  pending: Array<{ uuid: string; startTime: string; reason: string }>;
  warnings: string[];
}

/** The raw paths of the emulator's REST requests, in order. */
export async function rawApiPaths(offline: Offline): Promise<string[]> {
  return (await offline.emulator.requests()).filter((r) => r.path.startsWith('/v2/')).map((r) => r.rawPath);
}
