/** Per-run caches of the nightly sync. */
import { ATTENDANCE_SHEET_NAME, HEADER, locateTable } from '../sheets/table';
import type { TrackedMeeting } from './state';

/**
 * The sheets and the imported occurrences of each sheet, read once per sync run and reused across
 * meetings, because tracked meetings usually share a sheet. The imported occurrences are kept current
 * as the run writes. A row another execution adds meanwhile only makes an occurrence be imported
 * again, which the upsert makes harmless.
 */
export class RunCache {
  private sheetsById: Map<number, GoogleAppsScript.Spreadsheet.Sheet> | null = null;
  private readonly importedBySheet = new Map<number, Map<string, number>>();
  readonly spreadsheetId: string;
  readonly timeZone: string;

  constructor(private readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) {
    this.spreadsheetId = spreadsheet.getId();
    this.timeZone = spreadsheet.getSpreadsheetTimeZone();
  }

  /** Finds the meeting's sheet by ID, recreating it when the user deleted it. */
  sheetFor(meeting: TrackedMeeting, notes: string[]): GoogleAppsScript.Spreadsheet.Sheet {
    if (this.sheetsById === null) {
      this.sheetsById = new Map(this.spreadsheet.getSheets().map((sheet) => [sheet.getSheetId(), sheet]));
    }

    const found = this.sheetsById.get(meeting.sheetId);

    if (found !== undefined) return found;

    const sheet = this.spreadsheet.getSheetByName(ATTENDANCE_SHEET_NAME) ?? this.spreadsheet.insertSheet(ATTENDANCE_SHEET_NAME);

    notes.push(`The meeting's sheet was deleted; its rows now go to "${sheet.getName()}"`);
    meeting.sheetId = sheet.getSheetId();
    this.sheetsById.set(meeting.sheetId, sheet);

    return sheet;
  }

  imported(sheet: GoogleAppsScript.Spreadsheet.Sheet): Map<string, number> {
    const sheetId = sheet.getSheetId();
    const known = this.importedBySheet.get(sheetId);

    if (known !== undefined) return known;

    const read = importedOccurrences(sheet);

    this.importedBySheet.set(sheetId, read);

    return read;
  }
}

/** Reads which occurrences the table holds, with each one's end time. */
function importedOccurrences(sheet: GoogleAppsScript.Spreadsheet.Sheet): Map<string, number> {
  const imported = new Map<string, number>();

  if (sheet.getLastRow() === 0) return imported;

  const values = sheet.getDataRange().getValues();
  const location = locateTable(values);

  if (location === null) return imported;

  const uuidColumn = location.columnIndexes[HEADER.indexOf('Meeting UUID')] ?? -1;
  const endColumn = location.columnIndexes[HEADER.indexOf('Meeting end')] ?? -1;

  for (let i = location.headerRowIndex + 1; i < values.length; i += 1) {
    const row = values[i] ?? [];
    const uuid = String(row[uuidColumn] ?? '');
    const end = row[endColumn];

    if (uuid === '') continue;

    imported.set(uuid, Object.prototype.toString.call(end) === '[object Date]' ? (end as Date).getTime() : Number.NaN);
  }

  return imported;
}
