/**
 * Reads the attendance table into plain facts for the summary: every sheet that contains the table's
 * header, each in one read, so meetings kept on separate sheets share one summary.
 */
import { HEADER, locateTable } from '../sheets/table';
import type { AttendanceFact } from './matching';

function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === '[object Date]';
}

function time(value: unknown): number {
  return isDate(value) ? value.getTime() : Number.NaN;
}

function number(value: unknown): number {
  return typeof value === 'number' ? value : Number(value);
}

/** Turns one sheet's values into facts; rows without a UUID or readable meeting times are skipped. */
export function factsFromValues(values: readonly unknown[][]): AttendanceFact[] {
  const location = locateTable(values);

  if (location === null) return [];

  const column = (name: string): number => location.columnIndexes[HEADER.indexOf(name)] ?? -1;
  const at = (row: readonly unknown[], name: string): unknown => {
    const index = column(name);

    return index < 0 ? '' : row[index];
  };
  const facts: AttendanceFact[] = [];

  for (let i = location.headerRowIndex + 1; i < values.length; i += 1) {
    const row = values[i] ?? [];
    const fact: AttendanceFact = {
      meetingId: String(at(row, 'Meeting ID') ?? ''),
      meetingUuid: String(at(row, 'Meeting UUID') ?? ''),
      topic: String(at(row, 'Topic') ?? ''),
      meetingStart: time(at(row, 'Meeting start')),
      meetingEnd: time(at(row, 'Meeting end')),
      name: String(at(row, 'Name') ?? ''),
      email: String(at(row, 'Email') ?? '').toLowerCase(),
      firstJoin: time(at(row, 'First join')),
      lastLeave: time(at(row, 'Last leave')),
      minutesAttended: number(at(row, 'Minutes attended')),
      attendancePercent: number(at(row, 'Attendance %')),
      participantKey: String(at(row, 'Participant key') ?? ''),
      source: String(at(row, 'Source') ?? ''),
    };

    if (fact.meetingUuid === '' || Number.isNaN(fact.meetingStart) || Number.isNaN(fact.meetingEnd)) continue;

    facts.push(fact);
  }

  return facts;
}

/**
 * Reads the facts of every sheet except `skipNames` (the sheets the add-on writes for itself). A row
 * that appears on two sheets (same Meeting UUID and Participant key) counts once.
 */
export function readAttendanceFacts(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, skipNames: readonly string[]): AttendanceFact[] {
  const seen = new Set<string>();
  const facts: AttendanceFact[] = [];

  for (const sheet of spreadsheet.getSheets()) {
    if (skipNames.includes(sheet.getName()) || sheet.getLastRow() < 2) continue;

    for (const fact of factsFromValues(sheet.getDataRange().getValues())) {
      const key = `${fact.meetingUuid}\u0000${fact.participantKey}`;

      if (seen.has(key)) continue;

      seen.add(key);
      facts.push(fact);
    }
  }

  return facts;
}
