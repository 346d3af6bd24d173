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
  status: string;
  message: string;
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

/** Writes the entries under the header, newest first, in one block. */
export function appendSyncLog(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, entries: SyncLogEntry[]): void {
  if (entries.length === 0) return;

  const sheet = logSheet(spreadsheet);
  const rows = [...entries].reverse().map((e) => [
    e.time,
    e.meetingId,
    e.topic,
    e.occurrencesImported,
    e.rowsAdded,
    e.rowsUpdated,
    e.status,
    e.message,
  ]);

  sheet.insertRowsAfter(1, rows.length);

  const range = sheet.getRange(2, 1, rows.length, SYNC_LOG_HEADER.length);

  range.setNumberFormats(rows.map(() => ['yyyy-mm-dd hh:mm:ss', '0', '@', '0', '0', '0', '@', '@']));
  range.setValues(rows);

  const lastRow = sheet.getLastRow();

  if (lastRow > MAX_SYNC_LOG_ROWS + 1) sheet.deleteRows(MAX_SYNC_LOG_ROWS + 2, lastRow - MAX_SYNC_LOG_ROWS - 1);
}
