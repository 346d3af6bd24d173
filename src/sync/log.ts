import { MESSAGES, type AddonErrorCode } from '../errors';
import { sanitizeText } from '../sheets/cells';

/** The status of a run that ran out of time and continues on the next one. */
export const PARTIAL_STATUS = 'Partial: continues on the next run';

/**
 * The "Sync log" sheet: one row per run per meeting, newest first, trimmed to a bounded length.
 */

export const SYNC_LOG_SHEET_NAME = 'Sync log';

export const SYNC_LOG_HEADER = ['Time', 'Meeting ID', 'Topic', 'Occurrences imported', 'Rows added', 'Rows updated', 'Status', 'Message'];

/** Rows kept below the header; older ones are deleted. */
export const MAX_SYNC_LOG_ROWS = 500;

export interface SyncLogEntry {
  time: Date;
  meetingId: string;
  topic: string;
  occurrencesImported: number;
  rowsAdded: number;
  rowsUpdated: number;
  /** The meeting's state in the add-on's one wording, e.g. "OK" or a failure's message. */
  status: string;
  /** Notes of the run: warnings, a recreated sheet, occurrences given up. */
  message: string;
  /** The failure's code, when the run failed for this meeting. */
  code?: AddonErrorCode;
  /** Whether the meeting is a meeting or a webinar; not written to the log sheet. */
  kind?: 'meeting' | 'webinar';
}

function logSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): GoogleAppsScript.Spreadsheet.Sheet {
  const existing = spreadsheet.getSheetByName(SYNC_LOG_SHEET_NAME);

  if (existing !== null) return existing;

  const sheet = spreadsheet.insertSheet(SYNC_LOG_SHEET_NAME);
  const header = sheet.getRange(1, 1, 1, SYNC_LOG_HEADER.length);

  header.setValues([SYNC_LOG_HEADER]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);

  return sheet;
}

/** Short values of the Status column, so the log can be filtered; the Message column has the details. */
export type SyncLogStatus = 'OK' | 'Partial' | 'Pending' | 'Disconnected' | 'Rate limited' | 'Scope missing' | 'Error';

export function statusCategory(entry: SyncLogEntry): SyncLogStatus {
  if (entry.status === 'OK') return 'OK';

  if (entry.status === PARTIAL_STATUS) return 'Partial';

  if (entry.status === MESSAGES.pending) return 'Pending';

  switch (entry.code) {
    case 'ZOOM_DISCONNECTED':
    case 'ZOOM_NOT_CONNECTED':
      return 'Disconnected';
    case 'DAILY_LIMIT':
    case 'RATE_LIMITED':
    case 'URLFETCH_QUOTA':
      return 'Rate limited';
    case 'ZOOM_SCOPE_MISSING':
      return 'Scope missing';
    default:
      return 'Error';
  }
}

/** Writes the entries under the header, newest first, in one block. */
export function appendSyncLog(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: SyncLogEntry[]): void {
  if (entries.length === 0) return;

  const sheet = logSheet(spreadsheet);
  const rows = [...entries].reverse().map((e) => [
    e.time,
    e.meetingId,
    sanitizeText(e.topic),
    e.occurrencesImported,
    e.rowsAdded,
    e.rowsUpdated,
    statusCategory(e),
    sanitizeText([e.status === 'OK' ? '' : e.status, e.message].filter((text) => text !== '').join('; ')),
  ]);

  sheet.insertRowsAfter(1, rows.length);

  const range = sheet.getRange(2, 1, rows.length, SYNC_LOG_HEADER.length);

  range.setNumberFormats(rows.map(() => ['yyyy-mm-dd hh:mm:ss', '0', '@', '0', '0', '0', '@', '@']));
  range.setValues(rows);

  const lastRow = sheet.getLastRow();

  if (lastRow > MAX_SYNC_LOG_ROWS + 1) sheet.deleteRows(MAX_SYNC_LOG_ROWS + 2, lastRow - MAX_SYNC_LOG_ROWS - 1);
}
