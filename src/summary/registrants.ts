/**
 * The "Webinar registrants" sheet: registered people Zoom lists as absent from each imported webinar
 * occurrence. They are fetched at import time and kept here rather than fetched at each rebuild of
 * the summary. The absentees endpoint is rate-limited as Heavy, the summary is also rebuilt without
 * Zoom (after a settings change or a roster edit), and a large webinar's registrants do not fit in a
 * 9 KB property.
 * They are not rows of the attendance table, which holds only what Zoom recorded of people who joined.
 */
import { sanitizeText } from '../sheets/cells';
import type { WebinarAbsentee } from './model';
import { insertSheetKeepingActive } from './roster';

export const REGISTRANTS_SHEET_NAME = 'Webinar registrants';

export const REGISTRANTS_HEADER = ['Meeting ID', 'Meeting UUID', 'Name', 'Email', 'Registrant ID', 'Status'] as const;

export interface RegistrantRow extends WebinarAbsentee {
  meetingId: string;
  registrantId: string;
  status: string;
}

function readRows(sheet: GoogleAppsScript.Spreadsheet.Sheet): RegistrantRow[] {
  if (sheet.getLastRow() < 2) return [];

  const [, ...rows] = sheet.getDataRange().getValues();

  return rows
    .map((row) => ({
      meetingId: String(row[0] ?? ''),
      meetingUuid: String(row[1] ?? ''),
      name: String(row[2] ?? ''),
      email: String(row[3] ?? '').toLowerCase(),
      registrantId: String(row[4] ?? ''),
      status: String(row[5] ?? ''),
    }))
    .filter((row) => row.meetingUuid !== '');
}

/** Reads every recorded absentee in one call; no sheet means none. */
export function readWebinarAbsentees(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): RegistrantRow[] {
  const sheet = spreadsheet.getSheetByName(REGISTRANTS_SHEET_NAME);

  return sheet === null ? [] : readRows(sheet);
}

/**
 * Replaces the absentees of the given occurrences with `absentees`, keeping other occurrences' rows.
 * One read and a constant number of writes. Call under the user lock.
 */
export function replaceWebinarAbsentees(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, occurrenceUuids: readonly string[], absentees: readonly RegistrantRow[]): void {
  const sheet = spreadsheet.getSheetByName(REGISTRANTS_SHEET_NAME) ?? insertSheetKeepingActive(spreadsheet, REGISTRANTS_SHEET_NAME);
  const replaced = new Set(occurrenceUuids);
  const kept = readRows(sheet).filter((row) => !replaced.has(row.meetingUuid));
  const rows = [...kept, ...absentees].map((row) => [row.meetingId, row.meetingUuid, row.name, row.email, row.registrantId, row.status].map((cell) => sanitizeText(cell)));
  const values = [[...REGISTRANTS_HEADER], ...rows];

  sheet.clear();

  if (values.length > sheet.getMaxRows()) sheet.insertRowsAfter(sheet.getMaxRows(), values.length - sheet.getMaxRows());

  const range = sheet.getRange(1, 1, values.length, REGISTRANTS_HEADER.length);

  range.setNumberFormat('@');
  range.setValues(values);
  sheet.getRange(1, 1, 1, REGISTRANTS_HEADER.length).setFontWeight('bold');
  sheet.setFrozenRows(1);
}
