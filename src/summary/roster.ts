/**
 * The "Roster" sheet the user fills: Name, Email, Aliases (other display names or emails, separated
 * by commas or semicolons). The add-on only creates it with its header and reads it.
 */
import { parseAliases, type RosterPerson } from './matching';

export const ROSTER_SHEET_NAME = 'Roster';

export const ROSTER_HEADER = ['Name', 'Email', 'Aliases'] as const;

/**
 * Inserts a sheet without changing which sheet is active: insertSheet activates the new sheet, and
 * the next import writes to the active sheet when it is empty.
 */
export function insertSheetKeepingActive(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, name: string): GoogleAppsScript.Spreadsheet.Sheet {
  const active = spreadsheet.getActiveSheet();
  const sheet = spreadsheet.insertSheet(name);

  spreadsheet.setActiveSheet(active);

  return sheet;
}

/** Returns the Roster sheet, creating it with its bold, frozen header when missing. */
export function ensureRosterSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): { sheet: GoogleAppsScript.Spreadsheet.Sheet; created: boolean } {
  const existing = spreadsheet.getSheetByName(ROSTER_SHEET_NAME);

  if (existing !== null) return { sheet: existing, created: false };

  const sheet = insertSheetKeepingActive(spreadsheet, ROSTER_SHEET_NAME);
  const header = sheet.getRange(1, 1, 1, ROSTER_HEADER.length);

  header.setValues([[...ROSTER_HEADER]]);
  header.setFontWeight('bold');
  sheet.setFrozenRows(1);
  // Emails and aliases are typed by people: plain text keeps "+44 ..." or "1/2" as written.
  sheet.getRange(2, 1, sheet.getMaxRows() - 1, ROSTER_HEADER.length).setNumberFormat('@');

  return { sheet, created: true };
}

/**
 * Reads the roster in one call. Columns are found by header name in the first row (case and
 * surrounding spaces ignored); rows without a name or email are skipped. A missing sheet is an empty roster.
 */
export function readRoster(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): RosterPerson[] {
  const sheet = spreadsheet.getSheetByName(ROSTER_SHEET_NAME);

  if (sheet === null || sheet.getLastRow() < 2) return [];

  const [header = [], ...rows] = sheet.getDataRange().getValues();
  const names = header.map((cell) => String(cell).trim().toLowerCase());
  const column = (name: string): number => names.indexOf(name.toLowerCase());
  const nameColumn = column('Name');
  const emailColumn = column('Email');
  const aliasColumn = column('Aliases');
  const text = (row: unknown[], index: number): string => (index < 0 ? '' : String(row[index] ?? '').trim());
  const people: RosterPerson[] = [];

  for (const row of rows) {
    const person = { name: text(row, nameColumn), email: text(row, emailColumn).toLowerCase(), aliases: parseAliases(text(row, aliasColumn)) };

    if (person.name === '' && person.email === '') continue;

    people.push(person);
  }

  return people;
}
