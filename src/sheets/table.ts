/**
 * The attendance table: its header contract, where it lives, and the upsert that keeps one row per
 * Meeting UUID + Participant key with a constant number of spreadsheet calls however many rows change.
 */
import { sanitizeText } from './cells';

export const ATTENDANCE_SHEET_NAME = 'Zoom attendance';

export interface AttendanceRow {
  meetingId: string;
  meetingUuid: string;
  topic: string;
  meetingStart: Date;
  meetingEnd: Date;
  name: string;
  email: string;
  firstJoin: Date;
  lastLeave: Date;
  minutesAttended: number;
  attendancePercent: number;
  joins: number;
  participantKey: string;
  source: string;
}

type ColumnKind = 'text' | 'date' | 'number' | 'decimal' | 'integer';

interface ColumnSpec {
  header: string;
  field: keyof AttendanceRow;
  kind: ColumnKind;
}

/** The header users build formulas on: names and order are a contract. */
export const COLUMNS: readonly ColumnSpec[] = [
  { header: 'Meeting ID', field: 'meetingId', kind: 'number' },
  { header: 'Meeting UUID', field: 'meetingUuid', kind: 'text' },
  { header: 'Topic', field: 'topic', kind: 'text' },
  { header: 'Meeting start', field: 'meetingStart', kind: 'date' },
  { header: 'Meeting end', field: 'meetingEnd', kind: 'date' },
  { header: 'Name', field: 'name', kind: 'text' },
  { header: 'Email', field: 'email', kind: 'text' },
  { header: 'First join', field: 'firstJoin', kind: 'date' },
  { header: 'Last leave', field: 'lastLeave', kind: 'date' },
  { header: 'Minutes attended', field: 'minutesAttended', kind: 'decimal' },
  { header: 'Attendance %', field: 'attendancePercent', kind: 'decimal' },
  { header: 'Joins', field: 'joins', kind: 'integer' },
  { header: 'Participant key', field: 'participantKey', kind: 'text' },
  { header: 'Source', field: 'source', kind: 'text' },
];

export const HEADER: readonly string[] = COLUMNS.map((c) => c.header);

const NUMBER_FORMATS: Record<ColumnKind, string> = {
  text: '@',
  date: 'yyyy-mm-dd hh:mm',
  number: '0',
  decimal: '0.0',
  integer: '0',
};

type CellValue = string | number | boolean | Date;

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

/** Compares two cell values as Sheets would show them: dates by instant, the rest by value. */
function sameCell(a: unknown, b: unknown): boolean {
  if (isDate(a) && isDate(b)) return a.getTime() === b.getTime();

  if (typeof a === 'number' || typeof b === 'number') return Number(a) === Number(b) && a !== '' && b !== '';

  return String(a) === String(b);
}

function toCell(row: AttendanceRow, column: ColumnSpec): CellValue {
  const value = row[column.field];

  if (column.kind === 'text') return sanitizeText(value);

  if (column.kind === 'number') return Number(value);

  return value;
}

function rowKey(meetingUuid: unknown, participantKey: unknown): string {
  return `${String(meetingUuid)}\u0000${String(participantKey)}`;
}

export interface TableLocation {
  /** 0-based index of the header row in the sheet's data, or -1 when the sheet has no header yet. */
  headerRowIndex: number;
  /** 0-based sheet column of each add-on column, in COLUMNS order. */
  columnIndexes: number[];
}

/** Finds the header row by its column names, wherever sorting or inserted rows put it. */
export function locateTable(values: readonly unknown[][]): TableLocation | null {
  for (let rowIndex = 0; rowIndex < values.length; rowIndex += 1) {
    const cells = (values[rowIndex] ?? []).map((v) => String(v).trim());

    if (!cells.includes('Meeting UUID') || !cells.includes('Participant key')) continue;

    return { headerRowIndex: rowIndex, columnIndexes: HEADER.map((name) => cells.indexOf(name)) };
  }

  return null;
}

export function hasAttendanceHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet): boolean {
  if (sheet.getLastRow() === 0) return false;

  return locateTable(sheet.getDataRange().getValues()) !== null;
}

/**
 * Picks the sheet for the table: the active sheet when it is empty or already contains the header,
 * otherwise the sheet named "Zoom attendance", created when missing.
 */
export function chooseTableSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
): GoogleAppsScript.Spreadsheet.Sheet {
  const active = spreadsheet.getActiveSheet();

  if (active.getLastRow() === 0 || hasAttendanceHeader(active)) return active;

  return (
    spreadsheet.getSheetByName(ATTENDANCE_SHEET_NAME) ??
    spreadsheet.insertSheet(ATTENDANCE_SHEET_NAME)
  );
}

export interface UpsertResult {
  rowsAdded: number;
  rowsUpdated: number;
}

/** Splits column indexes into runs of adjacent columns, so each run is written in one call. */
function contiguousRuns(indexes: number[]): number[][] {
  const sorted = [...indexes].sort((a, b) => a - b);
  const runs: number[][] = [];

  for (const index of sorted) {
    const last = runs[runs.length - 1];

    if (last !== undefined && last[last.length - 1] === index - 1) last.push(index);
    else runs.push([index]);
  }

  return runs;
}

function writeHeader(sheet: GoogleAppsScript.Spreadsheet.Sheet, firstFreeColumn: number, names: string[]): void {
  const range = sheet.getRange(1, firstFreeColumn + 1, 1, names.length);

  range.setNumberFormat('@');
  range.setValues([names]);
  range.setFontWeight('bold');
}

/**
 * Ensures the header exists (adding any add-on column the user deleted after the last column) and
 * returns where the table is.
 */
function ensureHeader(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: unknown[][],
): TableLocation {
  const found = locateTable(values);

  if (found === null) {
    writeHeader(sheet, 0, [...HEADER]);
    sheet.setFrozenRows(1);

    return { headerRowIndex: 0, columnIndexes: HEADER.map((_, i) => i) };
  }

  const missing = HEADER.filter((_, i) => found.columnIndexes[i] === -1);

  if (missing.length === 0) return found;

  const headerWidth = (values[found.headerRowIndex] ?? []).length;
  const header = sheet.getRange(found.headerRowIndex + 1, headerWidth + 1, 1, missing.length);

  header.setValues([missing]);
  header.setFontWeight('bold');

  return locateTable(sheet.getDataRange().getValues()) ?? found;
}

/**
 * Inserts or updates rows keyed by Meeting UUID + Participant key. Rows already in the table are
 * updated in place, so columns the user added keep their values on the right rows; new rows are
 * appended once. Only the rows from the first changed one down are written, so an unchanged
 * re-import writes nothing. Call under the user lock: it reads, merges and writes.
 */
export function upsertAttendance(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: readonly AttendanceRow[],
): UpsertResult {
  const dataRange = sheet.getDataRange().getValues();
  // An empty sheet's data range is one empty cell.
  const values = dataRange.length === 1 && (dataRange[0] ?? []).every((cell) => cell === '') ? [] : dataRange;
  const location = ensureHeader(sheet, values);
  const uuidColumn = location.columnIndexes[HEADER.indexOf('Meeting UUID')] ?? -1;
  const keyColumn = location.columnIndexes[HEADER.indexOf('Participant key')] ?? -1;
  const existing = new Map<string, number>();

  for (let i = location.headerRowIndex + 1; i < values.length; i += 1) {
    const cells = values[i] ?? [];
    const key = rowKey(cells[uuidColumn], cells[keyColumn]);

    if (!existing.has(key)) existing.set(key, i);
  }

  const lastRowIndex = Math.max(values.length - 1, location.headerRowIndex);
  const changes = new Map<number, CellValue[]>();
  let rowsAdded = 0;
  let rowsUpdated = 0;

  for (const row of rows) {
    const cells = COLUMNS.map((column) => toCell(row, column));
    const key = rowKey(cells[1], cells[12]);
    const at = existing.get(key);

    if (at === undefined) {
      const appendAt = lastRowIndex + 1 + rowsAdded;

      existing.set(key, appendAt);
      changes.set(appendAt, cells);
      rowsAdded += 1;
      continue;
    }

    const current = values[at] ?? [];
    const differs = cells.some((cell, i) => !sameCell(current[location.columnIndexes[i] ?? -1], cell));

    if (differs && !changes.has(at)) rowsUpdated += 1;

    if (differs) changes.set(at, cells);
  }

  writeChanges(sheet, values, location, changes);

  return { rowsAdded, rowsUpdated };
}

/** Empty rows added beyond what a write needs when the sheet must grow. */
const ROW_HEADROOM = 1000;

/** Grows the sheet to at least the given number of rows: a range past the last row is an error. */
function ensureRows(sheet: GoogleAppsScript.Spreadsheet.Sheet, rowCount: number): void {
  const maxRows = sheet.getMaxRows();

  // Grows with headroom, so a table that gains a few rows per import does not grow on every write.
  if (rowCount > maxRows) sheet.insertRowsAfter(maxRows, Math.max(rowCount - maxRows, ROW_HEADROOM));
}

/** Writes the changed rows' add-on columns, one block per run of adjacent columns. */
function writeChanges(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  values: readonly unknown[][],
  location: TableLocation,
  changes: Map<number, CellValue[]>,
): void {
  if (changes.size === 0) return;

  const changedRows = [...changes.keys()];
  const firstRow = changedRows.reduce((min, row) => Math.min(min, row), Infinity);
  const lastRow = changedRows.reduce((max, row) => Math.max(max, row), -Infinity);
  const specByColumn = new Map<number, number>();

  location.columnIndexes.forEach((sheetColumn, specIndex) => specByColumn.set(sheetColumn, specIndex));

  ensureRows(sheet, lastRow + 1);

  for (const run of contiguousRuns(location.columnIndexes)) {
    const block: CellValue[][] = [];
    const formats: string[][] = [];

    for (let rowIndex = firstRow; rowIndex <= lastRow; rowIndex += 1) {
      const changed = changes.get(rowIndex);
      const current = values[rowIndex] ?? [];

      block.push(
        run.map((sheetColumn) => {
          const specIndex = specByColumn.get(sheetColumn) ?? 0;

          return changed === undefined ? (current[sheetColumn] as CellValue) ?? '' : (changed[specIndex] as CellValue);
        }),
      );
      formats.push(run.map((sheetColumn) => NUMBER_FORMATS[COLUMNS[specByColumn.get(sheetColumn) ?? 0]?.kind ?? 'text']));
    }

    const range = sheet.getRange(firstRow + 1, (run[0] ?? 0) + 1, block.length, run.length);

    range.setNumberFormats(formats);
    range.setValues(block);
  }
}
