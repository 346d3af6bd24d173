/**
 * What the nightly sync keeps, in user properties (a trigger has no document, so no document
 * properties): per spreadsheet its settings and tracked meeting IDs, per tracked meeting one small
 * record, and per trigger the spreadsheet it serves. Apps Script allows 9 KB per value and 500 KB
 * per store, so no value grows with the number of nights: the attendance table itself records which
 * occurrences are imported, and a meeting's pending list contains only occurrences still waiting.
 */

export interface SyncSettings {
  enabled: boolean;
  /** Hour of day, 0-23, in the spreadsheet's time zone. */
  hour: number;
  triggerUid: string;
  meetingIds: string[];
}

export interface PendingOccurrence {
  uuid: string;
  startTime: string;
  /** Nightly runs that found it not ready. */
  tries: number;
}

export interface TrackedMeeting {
  meetingId: string;
  /** The sheet the meeting's rows go to: the one its last import wrote to. */
  sheetId: number;
  topic: string;
  status: string;
  message: string;
  lastRunAt: string;
  lastOccurrenceStart: string;
  pending: PendingOccurrence[];
  /** Occurrences given up after too many tries ("No report available"), newest last, bounded. */
  givenUp: string[];
}

export const DEFAULT_SYNC_HOUR = 6;

/** Given-up occurrences remembered per meeting, so they are not retried every night. */
const MAX_GIVEN_UP = 30;

const settingsKey = (spreadsheetId: string): string => `sync.${spreadsheetId}`;
const meetingKey = (spreadsheetId: string, meetingId: string): string => `sync.${spreadsheetId}.meeting.${meetingId}`;
const triggerKey = (triggerUid: string): string => `sync.trigger.${triggerUid}`;

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getUserProperties();
}

function readJson<T>(key: string): T | null {
  const raw = store().getProperty(key);

  if (raw === null) return null;

  try {
    return JSON.parse(raw) as T;
  } catch {
    return null;
  }
}

export function readSettings(spreadsheetId: string): SyncSettings {
  const stored = readJson<Partial<SyncSettings>>(settingsKey(spreadsheetId));

  return {
    enabled: stored?.enabled === true,
    hour: typeof stored?.hour === 'number' ? stored.hour : DEFAULT_SYNC_HOUR,
    triggerUid: typeof stored?.triggerUid === 'string' ? stored.triggerUid : '',
    meetingIds: Array.isArray(stored?.meetingIds) ? stored.meetingIds.map(String) : [],
  };
}

export function writeSettings(spreadsheetId: string, settings: SyncSettings): void {
  store().setProperty(settingsKey(spreadsheetId), JSON.stringify(settings));
}

export function readMeeting(spreadsheetId: string, meetingId: string): TrackedMeeting | null {
  return readJson<TrackedMeeting>(meetingKey(spreadsheetId, meetingId));
}

export function writeMeeting(spreadsheetId: string, meeting: TrackedMeeting): void {
  const bounded = { ...meeting, givenUp: meeting.givenUp.slice(-MAX_GIVEN_UP) };

  store().setProperty(meetingKey(spreadsheetId, meeting.meetingId), JSON.stringify(bounded));
}

export function deleteMeeting(spreadsheetId: string, meetingId: string): void {
  store().deleteProperty(meetingKey(spreadsheetId, meetingId));
}

export function spreadsheetForTrigger(triggerUid: string): string | null {
  return store().getProperty(triggerKey(triggerUid));
}

export function mapTrigger(triggerUid: string, spreadsheetId: string): void {
  store().setProperty(triggerKey(triggerUid), spreadsheetId);
}

export function unmapTrigger(triggerUid: string): void {
  store().deleteProperty(triggerKey(triggerUid));
}

export function newTrackedMeeting(meetingId: string, sheetId: number): TrackedMeeting {
  return {
    meetingId,
    sheetId,
    topic: '',
    status: 'Not synced yet',
    message: '',
    lastRunAt: '',
    lastOccurrenceStart: '',
    pending: [],
    givenUp: [],
  };
}
